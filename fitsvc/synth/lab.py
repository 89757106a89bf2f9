"""The wide synthetic lab: general-population bodies photographed the way customers do.

Per person: a body from :mod:`fitsvc.synth.population`, a :class:`~fitsvc.synth.capture.Capture`
(camera set-up, arm poses, turn, clothing, background), exact ISO-style measurements taken on
the bare body in anny's A-pose (:func:`fitsvc.synth.measure_mesh.measure`), two finished
phone-like JPEG photos (front, then the person turns to their right so the left side faces
the camera) and the exact silhouettes of the dressed body in both photos.

``write_lab(out, n, seed)`` writes ``out/<id>/{front.jpg, side.jpg, front_mask.png,
side_mask.png}`` and appends one JSON line per person to ``out/people.jsonl`` (resumable).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from fitsvc.synth.body import Body, make_bodies
from fitsvc.synth.camera import PinholeCamera, aim_camera
from fitsvc.synth.capture import Capture, sample_capture
from fitsvc.synth.dress import dress_body, sample_outfit
from fitsvc.synth.measure_mesh import measure
from fitsvc.synth.people import LEVEL_KEYS
from fitsvc.synth.photo_fx import finish_photo
from fitsvc.synth.population import Shape, sample_shape
from fitsvc.synth.render import render_mesh, silhouette
from fitsvc.synth.rooms import render_room, sample_backdrop, sample_lighting
from fitsvc.synth.scene import HAIR_RGB, SIDE_ROTATION, SKIN_RGB, bgr

FORMAT = "fitsvc-lab/1"


@dataclass
class LabPerson:
    id: str
    record: dict[str, Any]
    front_jpg: bytes
    side_jpg: bytes
    front_mask: np.ndarray  # bool (H, W), exact silhouette of the dressed body
    side_mask: np.ndarray


def _turn(vertices: np.ndarray, deg: float) -> np.ndarray:
    c, s = np.cos(np.radians(deg)), np.sin(np.radians(deg))
    rz = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    return np.asarray(vertices @ rz.T)


def camera_for(cap: Capture, points: np.ndarray) -> PinholeCamera:
    c = cap.camera
    long_, short = c.long_side_px, round(c.long_side_px / c.aspect)
    w, h = (long_, short) if c.landscape else (short, long_)
    return aim_camera(points, height_m=c.height_m, offset_x=c.offset_x,
                      extra_pitch_deg=c.pitch_deg, roll_deg=c.roll_deg,
                      focal_35mm=c.focal_35mm, width=w, height=h, fill=c.frame_fill)


def camera_record(cam: PinholeCamera) -> dict[str, Any]:
    """Intrinsics/extrinsics plus the optical axis' elevation (what a phone sensor reports)."""
    forward = cam.R[2]
    pitch = float(np.degrees(np.arcsin(np.clip(forward[2], -1, 1))))
    return {**cam.as_dict(), "pitch_deg": round(pitch, 3)}


def render_capture(pid: str, shape: Shape, bodies: tuple[Body, Body, Body], cap: Capture,
                   rng: np.random.Generator) -> LabPerson:
    canonical, front, side = bodies
    truth = measure(canonical)
    levels = {k: truth.pop(k) for k in LEVEL_KEYS}
    skin = bgr(SKIN_RGB[rng.integers(len(SKIN_RGB))], rng)
    hair = bgr(HAIR_RGB[rng.integers(len(HAIR_RGB))], rng) if rng.random() < 0.8 else None
    outfit = sample_outfit(cap.clothing, rng, skin, hair)
    level_cm = {**levels, "hip_breadth": truth["hip_breadth"], "crotch_height": truth["crotch_height"]}
    dressed = []
    for body, turn, profile in ((front, cap.front_turn_deg, False), (side, cap.side_turn_deg, True)):
        v, f, albedo = dress_body(canonical, body, level_cm, outfit)
        if profile:
            v = v @ SIDE_ROTATION.T
        dressed.append((_turn(v, turn), f, albedo))
    cam = camera_for(cap, np.vstack([d[0] for d in dressed]))
    backdrop = sample_backdrop(cap.background, rng)
    light = sample_lighting(cap.background, rng)
    photos, masks = [], []
    room = render_room(cam, backdrop)  # the person turns; the phone and the room stay
    for v, f, albedo in dressed:
        img = render_mesh(v, f, albedo, cam, light, room)
        photos.append(finish_photo(img, rng, dark=cap.background == "dark"))
        masks.append(silhouette(v, f, cam) > 0)
    record = {
        "id": pid, "sex": "female" if canonical.phenotype.gender >= 0.5 else "male",
        "age_years": round(shape.age_years, 1), "phenotype": canonical.phenotype.as_dict(),
        "extra": shape.extra, "local_changes": shape.local_changes,
        "stature_cm": truth["stature"], "weight_kg": round(canonical.mass_kg(), 2),
        "bmi": round(canonical.mass_kg() / canonical.stature**2, 2),
        "measurements_cm": truth, "levels_cm": levels,
        "capture": cap.describe(), "outfit": {"clothing": outfit.clothing, **outfit.params},
        "camera": camera_record(cam),
        "files": {k: f"{pid}/{k}" for k in ("front.jpg", "side.jpg", "front_mask.png", "side_mask.png")},
    }
    return LabPerson(pid, record, photos[0], photos[1], masks[0], masks[1])


def person_rng(seed: int, index: int) -> np.random.Generator:
    return np.random.default_rng([seed, index, 11])


def generate(indices: list[int], seed: int, batch: int = 8, **fixed: str) -> Iterator[LabPerson]:
    """People ``seed``/``index`` (each depends only on both); ``fixed`` pins capture factors."""
    for start in range(0, len(indices), batch):
        idx = indices[start : start + batch]
        rngs = [person_rng(seed, i) for i in idx]
        sexes = ["female" if i % 2 == 0 else "male" for i in idx]
        shapes = [sample_shape(s, r) for s, r in zip(sexes, rngs, strict=True)]
        caps = [sample_capture(r, s, **fixed) for s, r in zip(sexes, rngs, strict=True)]
        n = len(idx)
        from fitsvc.synth.body import ArmPose

        bodies = make_bodies(
            [s.phenotype for s in shapes] * 3,
            [ArmPose()] * n + [c.front_pose for c in caps] + [c.side_pose for c in caps],
            local_changes=[s.local_changes for s in shapes] * 3,
            extra=[s.extra for s in shapes] * 3)
        for k, (i, r) in enumerate(zip(idx, rngs, strict=True)):
            trio = (bodies[k], bodies[n + k], bodies[2 * n + k])
            yield render_capture(f"L{seed}-{i:05d}", shapes[k], trio, caps[k], r)


def _png(mask: np.ndarray) -> bytes:
    ok, enc = cv2.imencode(".png", mask.astype(np.uint8) * 255, [cv2.IMWRITE_PNG_BILEVEL, 1])
    if not ok:
        raise RuntimeError("PNG encoding failed")
    return enc.tobytes()


def write_lab(out: Path, indices: list[int], seed: int, progress: bool = True,
              **fixed: str) -> Path:
    """Append people to ``out/people.jsonl`` (skipping ids already there); returns its path."""
    from tqdm import tqdm

    out.mkdir(parents=True, exist_ok=True)
    index = out / "people.jsonl"
    done = set()
    if index.exists():
        done = {json.loads(line)["id"] for line in index.read_text().splitlines() if line.strip()}
    todo = [i for i in indices if f"L{seed}-{i:05d}" not in done]
    with index.open("a") as fh:
        for p in tqdm(generate(todo, seed, 8, **fixed), total=len(todo), desc="lab",
                      disable=not progress):
            d = out / p.id
            d.mkdir(exist_ok=True)
            (d / "front.jpg").write_bytes(p.front_jpg)
            (d / "side.jpg").write_bytes(p.side_jpg)
            (d / "front_mask.png").write_bytes(_png(p.front_mask))
            (d / "side_mask.png").write_bytes(_png(p.side_mask))
            fh.write(json.dumps({**p.record, "seed": seed, "format": FORMAT}) + "\n")
            fh.flush()
    return index
