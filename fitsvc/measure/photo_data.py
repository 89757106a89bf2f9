"""Training/benchmark rows of the photo model: lab people → readings, as the service reads them.

For every lab person with detections (:mod:`fitsvc.measure.lab_data`) the readings are
extracted by :func:`fitsvc.measure.views.extract`, the service's own code, in each variant:

- ``source``: ``photo`` (MediaPipe's mask and keypoints of the rendered JPEG) or ``mask``
  (the exact silhouette through :func:`fitsvc.synth.mask_noise.phone_mask_noise`, no
  keypoints: a silhouette scan);
- ``pitch``: ``sensor`` (the true camera pitch + N(0, 1.5°) sensor error) or ``estimated``;
- ``views``: ``front_side`` or ``front``.

Rows are cached in ``<folder>/readings.jsonl`` per ``READINGS_VERSION``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from fitsvc.measure.lab_data import joined, read_jsonl, read_mask
from fitsvc.measure.views import ViewInput, extract

READINGS_VERSION = 2
SOURCES = ("photo", "mask")
PITCH_MODES = ("sensor", "estimated")


def view_inputs(folder: Path, person: dict[str, Any], det: dict[str, Any], source: str,
                rng: np.random.Generator) -> dict[str, ViewInput] | None:
    from fitsvc.synth.mask_noise import phone_mask_noise

    out = {}
    for view in ("front", "side"):
        d = det.get(view, {})
        if source == "photo":
            if "points" not in d:
                return None
            out[view] = ViewInput(read_mask(folder / person["id"] / f"{view}_mp.png"),
                                  np.asarray(d["points"], dtype=float))
        else:
            exact = read_mask(folder / person["id"] / f"{view}_mask.png")
            out[view] = ViewInput(phone_mask_noise(exact, rng))
    return out


def person_rows(folder: Path, person: dict[str, Any], det: dict[str, Any]) -> list[dict[str, Any]]:
    rng = np.random.default_rng(_seed(person["id"]))
    stature = float(person["stature_cm"])
    rows: list[dict[str, Any]] = []
    for source in SOURCES:
        inputs = view_inputs(folder, person, det, source, rng)
        if inputs is None:
            continue
        for mode in PITCH_MODES:
            sensor = float(person["camera"]["pitch_deg"] + rng.normal(0, 1.5)) if mode == "sensor" else None
            for views in ("front_side", "front"):
                side = inputs["side"] if views == "front_side" else None
                try:
                    ex = extract(inputs["front"], side, stature, sensor)
                except ValueError as exc:
                    rows.append({"source": source, "pitch": mode, "views": views, "error": str(exc)})
                    continue
                rows.append({"source": source, "pitch": mode, "views": views,
                             "readings": {k: (round(v, 4) if np.isfinite(v) else None)
                                          for k, v in ex.readings.items()}})
    return rows


def _seed(pid: str) -> int:
    return int.from_bytes(pid.encode()[-8:].rjust(8, b"\0"), "little") % 2**32


def build_readings(folders: list[Path], part: tuple[int, int] = (0, 1), progress: bool = True) -> None:
    """Append missing readings rows (``part`` = k/m: every m-th person, for parallel runs)."""
    from tqdm import tqdm

    for folder in folders:
        index = folder / f"readings.part{part[0]}.jsonl"
        done = set(load_readings(folder))
        todo = [(p, d) for i, (_, p, d) in enumerate(joined([folder]))
                if i % part[1] == part[0] and p["id"] not in done]
        with index.open("a") as fh:
            for p, d in tqdm(todo, desc=f"readings {folder.name}", disable=not progress):
                fh.write(json.dumps({"id": p["id"], "version": READINGS_VERSION,
                                     "rows": person_rows(folder, p, d)}) + "\n")
                fh.flush()


def load_readings(folder: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(folder.glob("readings*.jsonl")):
        for r in read_jsonl(path):
            if r.get("version") == READINGS_VERSION:
                out[r["id"]] = r["rows"]
    return out
