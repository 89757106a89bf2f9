"""Generate a data set of synthetic people: photos, ground truth and camera per person."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image
from tqdm import tqdm

from fitsvc.synth.body import ArmPose, Body, make_bodies
from fitsvc.synth.dress import dress
from fitsvc.synth.measure_mesh import measure
from fitsvc.synth.render import render_backdrop, render_mesh
from fitsvc.synth.sampling import sample_phenotype
from fitsvc.synth.scene import make_scene, side_vertices

FORMAT = "fitsvc-synth/1"
CLOTHING = ("none", "tight", "regular")
LEVEL_KEYS = ("armpit_height", "chest_height", "waist_height", "hip_height")


@dataclass
class Person:
    id: str
    truth: dict[str, Any]
    front_png: bytes
    side_png: bytes


def person_rng(seed: int, index: int) -> np.random.Generator:
    """Each person depends only on (seed, index), never on how many are generated."""
    return np.random.default_rng([seed, index])


def sex_of(index: int) -> str:
    return "female" if index % 2 == 0 else "male"


def encode_png(img: np.ndarray, compact: bool = False) -> bytes:
    """PNG bytes; ``compact`` quantises to a 256-colour palette (files 4–6× smaller)."""
    if compact:
        pal = Image.fromarray(img[:, :, ::-1]).quantize(
            colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
        buf = io.BytesIO()
        pal.save(buf, format="PNG", optimize=True)
        return buf.getvalue()
    ok, enc = cv2.imencode(".png", img, [cv2.IMWRITE_PNG_COMPRESSION, 6])
    if not ok:
        raise RuntimeError("PNG encoding failed")
    return enc.tobytes()


def render_person(
    pid: str,
    front: Body,
    side: Body,
    clothing: str,
    rng: np.random.Generator,
    compact: bool = False,
) -> Person:
    truth_cm = measure(front)
    scene = make_scene(front, side, rng)
    images = []
    for body, turn in ((front, False), (side, True)):
        verts, albedo = dress(body, truth_cm, scene, clothing)
        if turn:
            verts = side_vertices(verts)
        bg = render_backdrop(scene.camera, scene.backdrop)
        images.append(render_mesh(verts, body.faces, albedo, scene.camera, scene.light, bg))
    levels = {k: truth_cm.pop(k) for k in LEVEL_KEYS}
    truth = {
        "id": pid,
        "sex": "female" if front.phenotype.gender >= 0.5 else "male",
        "phenotype": front.phenotype.as_dict(),
        "stature_cm": truth_cm["stature"],
        "weight_kg": round(front.mass_kg(), 2),
        "measurements_cm": truth_cm,
        "levels_cm": levels,
        "clothing": clothing,
        "scene": scene.describe(),
        "files": {"front": f"{pid}/front.png", "side": f"{pid}/side.png"},
    }
    return Person(pid, truth, encode_png(images[0], compact), encode_png(images[1], compact))


def generate(
    n: int, seed: int, clothing: str = "none", compact: bool = False, batch: int = 16
) -> Iterator[Person]:
    """Yield ``n`` people; anny runs batched, measuring and rendering run per person."""
    for start in range(0, n, batch):
        idx = list(range(start, min(n, start + batch)))
        rngs = [person_rng(seed, i) for i in idx]
        phens = [sample_phenotype(sex_of(i), r) for i, r in zip(idx, rngs, strict=True)]
        fronts = [ArmPose(drop_deg=float(r.uniform(-3, 8))) for r in rngs]
        sides = [ArmPose(float(r.uniform(28, 34)), float(r.uniform(35, 45))) for r in rngs]
        bodies = make_bodies(phens + phens, fronts + sides)
        for k, (i, r) in enumerate(zip(idx, rngs, strict=True)):
            front, side = bodies[k], bodies[len(idx) + k]
            yield render_person(f"s{seed}-{i:03d}", front, side, clothing, r, compact)


def write_dataset(
    out: Path,
    n: int,
    seed: int,
    clothing: str = "none",
    compact: bool = False,
    progress: bool = True,
) -> dict[str, Any]:
    """Write ``out/<id>/front.png``, ``side.png`` and ``out/truth.json``; return the truth."""
    out.mkdir(parents=True, exist_ok=True)
    people: dict[str, Any] = {}
    for p in tqdm(generate(n, seed, clothing, compact), total=n, desc="synth", disable=not progress):
        (out / p.id).mkdir(exist_ok=True)
        (out / p.id / "front.png").write_bytes(p.front_png)
        (out / p.id / "side.png").write_bytes(p.side_png)
        people[p.id] = p.truth
    doc = {
        "format": FORMAT,
        "generator": {"seed": seed, "n": n, "clothing": clothing, "model": "anny 0.6.2",
                      "compact": compact},
        "units": "measurements in cm, weight in kg, camera in px and metres",
        "people": people,
    }
    (out / "truth.json").write_text(json.dumps(doc, indent=1) + "\n")
    return doc
