"""Run the photo intake and MediaPipe on a synthetic-lab folder once, and keep what it found.

``detect_lab(folder)`` decodes each person's ``front.jpg``/``side.jpg`` exactly as the
service does (:func:`fitsvc.measure.images.decode_photo`), runs the keypoint detector and
stores per view the person mask as a bilevel PNG (``<id>/<view>_mp.png``, at the decoded
image's size) and one JSON line in ``detections.jsonl`` (keypoints, image size, person
exposure). Training and benchmarks then read masks and keypoints from disk, so feature and
model changes need no new MediaPipe runs. Resumable: people already listed are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np

VIEWS = ("front", "side")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def people(folder: Path) -> list[dict[str, Any]]:
    return read_jsonl(folder / "people.jsonl")


def write_mask(path: Path, mask: np.ndarray) -> None:
    ok, enc = cv2.imencode(".png", mask.astype(np.uint8) * 255, [cv2.IMWRITE_PNG_BILEVEL, 1])
    if not ok:
        raise RuntimeError(f"could not encode {path}")
    path.write_bytes(enc.tobytes())


def read_mask(path: Path) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise FileNotFoundError(path)
    return img > 127


def detect_view(data: bytes, view: str, detector: Any) -> tuple[dict[str, Any], np.ndarray | None]:
    """One photo through intake + detector: (JSON-able record, person mask or None)."""
    from fitsvc.errors import PhotoRejected
    from fitsvc.measure import images

    try:
        rgb = images.decode_photo(data, view=view).rgb
    except PhotoRejected as exc:
        return {"error": exc.code}, None
    pose = detector.detect(rgb)
    rec: dict[str, Any] = {"size": [int(rgb.shape[1]), int(rgb.shape[0])]}
    if pose is None or pose.mask is None:
        rec["error"] = "no_person"
        return rec, None
    rec["points"] = np.round(pose.points, 2).tolist()
    mask = pose.mask > 0.5
    rec["exposure"] = images.person_exposure(images.small_gray(rgb), mask)
    if pose.people_mask is not None:
        rec["people_fraction"] = float((pose.people_mask > 0.5).mean())
    return rec, mask


def detect_lab(folder: Path, detector: Any, progress: bool = True) -> Path:
    """Detections of every person in ``folder`` (see module docstring); returns the index."""
    from tqdm import tqdm

    index = folder / "detections.jsonl"
    done = {r["id"] for r in read_jsonl(index)}
    todo = [p for p in people(folder) if p["id"] not in done]
    with index.open("a") as fh:
        for p in tqdm(todo, desc="detect", disable=not progress):
            row: dict[str, Any] = {"id": p["id"]}
            for view in VIEWS:
                rec, mask = detect_view((folder / p["id"] / f"{view}.jpg").read_bytes(), view, detector)
                if mask is not None:
                    write_mask(folder / p["id"] / f"{view}_mp.png", mask)
                row[view] = rec
            fh.write(json.dumps(row) + "\n")
            fh.flush()
    return index


def joined(folders: list[Path]) -> Iterator[tuple[Path, dict[str, Any], dict[str, Any]]]:
    """(folder, person record, detection record) for every detected person."""
    for folder in folders:
        dets = {r["id"]: r for r in read_jsonl(folder / "detections.jsonl")}
        for p in people(folder):
            if p["id"] in dets:
                yield folder, p, dets[p["id"]]
