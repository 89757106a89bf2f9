"""``fitsvc train-photo``: rebuild ``models/measure_photo`` from synthetic-lab folders.

Steps (each resumable, each skipped when already done):

1. ``fitsvc lab --n N --seed S --out DIR`` writes the people (not run here: it takes long);
2. detection: photo intake + MediaPipe on every photo (:mod:`fitsvc.measure.lab_data`);
3. readings: the service's own feature extraction in every variant
   (:mod:`fitsvc.measure.photo_data`);
4. training rows: each reading row twice, with two of the eight weight/sex/clothing
   availabilities drawn at random, then :class:`fitsvc.measure.photo_model.PhotoModel`.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "models" / "measure_photo"
AVAILABILITY = list(itertools.product((True, False), (True, False), (True, False)))


def pitch_source(source: str, mode: str) -> str:
    if mode == "sensor":
        return "sensor"
    return "estimated" if source == "photo" else "assumed_level"


def training_rows(folders: list[Path], copies: int = 2, seed: int = 0,
                  keep: Any = None) -> list[dict[str, Any]]:
    """Model rows from lab folders; ``keep(person, row) -> bool`` filters (benchmarks)."""
    from fitsvc.measure.lab_data import people
    from fitsvc.measure.photo_data import load_readings
    from fitsvc.measure.photo_model import TARGETS, clothing_class

    rng = np.random.default_rng(seed)
    out = []
    for folder in folders:
        readings = load_readings(folder)
        for p in people(folder):
            for r in readings.get(p["id"], []):
                if "error" in r or (keep is not None and not keep(p, r)):
                    continue
                picks = rng.choice(len(AVAILABILITY), copies, replace=False)
                for k in picks:
                    w, s, c = AVAILABILITY[int(k)]
                    out.append({
                        "person": p["id"], "readings": r["readings"], "stature": p["stature_cm"],
                        "weight_kg": p["weight_kg"] if w else None, "sex": p["sex"] if s else None,
                        "clothing": clothing_class(p["capture"]["clothing"]) if c else None,
                        "pitch_source": pitch_source(r["source"], r["pitch"]), "views": r["views"],
                        "source": r["source"], "settings": p["capture"],
                        "truth": {t: p["measurements_cm"][t] for t in TARGETS}})
    return out


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def prepare(folders: list[Path], progress: bool = True) -> None:
    from fitsvc.measure.keypoints import build_detector
    from fitsvc.measure.lab_data import detect_lab
    from fitsvc.measure.photo_data import build_readings

    detector = build_detector("mediapipe")
    for folder in folders:
        detect_lab(folder, detector, progress)
    build_readings(folders, progress=progress)


def train_and_save(folders: list[Path], out: Path) -> dict[str, Any]:
    import joblib
    import sklearn
    import torch

    from fitsvc.measure.photo_model import TARGETS, PhotoModel

    rows = training_rows(folders)
    t0 = time.perf_counter()
    model = PhotoModel().fit(rows)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, out / "photo_model.joblib", compress=3)
    files = {f"{f.name}/{n.name}": sha256(n) for f in folders
             for n in [f / "people.jsonl", f / "detections.jsonl", *sorted(f.glob("readings*.jsonl"))]}
    meta = {
        "artefact": "photo_model.joblib",
        "train_command": " && ".join(f"fitsvc train-photo --lab {f}" for f in folders),
        "lab_command": "fitsvc lab --n 4800 --seed 1000 --out var/lab_main (twice, --part 0/2 and 1/2)",
        "data_sha256": files,
        "people": len({r["person"] for r in rows}), "rows": len(rows),
        "targets": list(TARGETS), "features": {"readings": model.reading_keys_,
                                               "subject": ["stature", "weight_kg", "bmi", "female"],
                                               "pitch_source": ["sensor", "estimated", "assumed_level"]},
        "library_versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__,
                             "torch": torch.__version__},
        "train_seconds": round(time.perf_counter() - t0, 1),
        "metrics": {"calibration": model.calibration_, "conformal_q90": model.q_},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train-photo", help="train the photo/silhouette model on synthetic-lab folders")
    p.add_argument("--lab", type=Path, action="append", required=True,
                   help="lab folder made by `fitsvc lab` (repeatable)")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.set_defaults(func=run_train_photo)


def run_train_photo(args: argparse.Namespace) -> int:
    missing = [f for f in args.lab if not (f / "people.jsonl").exists()]
    if missing:
        print(f"no lab people in {', '.join(map(str, missing))}; make them with `fitsvc lab`")
        return 2
    t0 = time.perf_counter()
    prepare(args.lab)
    meta = train_and_save(args.lab, args.out)
    print(f"{meta['people']} people, {meta['rows']} rows; calibration MAE: "
          f"{meta['metrics']['calibration']['mae']}")
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s")
    return 0
