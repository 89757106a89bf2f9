"""Held-out *settings*: train the photo model without one capture setting, test on it.

For every factor of the synthetic lab (camera set-up, front arm pose, side arm pose,
clothing, background) and every level of it, the photo model is trained (same recipe as
``fitsvc train-photo``) on the lab people photographed in the OTHER levels only, and tested
on the people of the held-out level, whom it never saw in any form. Reported per held-out
setting, MAE (cm) of chest / waist / hip and the share of the three girths inside their 90 %
intervals, for:

- ``photo``: MediaPipe masks, pitch estimated from the photo, front + side, height only;
- ``photo+w+s``: the same with weight and sex; ``photo+w+s+c``: and the clothing class;
- ``front``: the front photo alone, height only;
- ``silhouette``: exact masks with phone-segmenter noise, no pitch, front + side, height only;
- ``no-photo ANSUR``: the service's estimate without photos (height + weight + sex);
- ``no-photo lab``: a ridge on height, weight, BMI and sex trained on the same training
  people (the fair no-photo baseline for this population).

    .venv/bin/python bench/measure_settings.py --lab var/lab_main [--factors camera,clothing]
        [--out bench/results/settings.json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from fitsvc.measure.photo_model import TARGETS, PhotoModel, clothing_class
from fitsvc.measure.train_photo import pitch_source, training_rows
from fitsvc.synth.capture import FACTORS

GIRTHS = ("chest_girth", "waist_girth", "hip_girth")
MODES = {  # name: (source, pitch mode, views, weight and sex given, clothing given)
    "photo": ("photo", "estimated", "front_side", False, False),
    "photo+w+s": ("photo", "estimated", "front_side", True, False),
    "photo+w+s+c": ("photo", "estimated", "front_side", True, True),
    "front": ("photo", "estimated", "front", False, False),
    "silhouette": ("mask", "estimated", "front_side", False, False),
}


def test_rows(people: list[dict[str, Any]], readings: dict[str, list[dict[str, Any]]],
              mode: tuple[str, str, str, bool, bool]) -> list[dict[str, Any]]:
    source, pitch, views, ws, clothed = mode
    out = []
    for p in people:
        for r in readings.get(p["id"], []):
            if "error" in r or (r["source"], r["pitch"], r["views"]) != (source, pitch, views):
                continue
            out.append({"person": p["id"], "readings": r["readings"], "stature": p["stature_cm"],
                        "weight_kg": p["weight_kg"] if ws else None, "sex": p["sex"] if ws else None,
                        "clothing": clothing_class(p["capture"]["clothing"]) if clothed else None,
                        "pitch_source": pitch_source(source, pitch), "views": views,
                        "truth": {t: p["measurements_cm"][t] for t in TARGETS}})
    return out


def score(model: PhotoModel, rows: list[dict[str, Any]]) -> dict[str, float]:
    if not rows:
        return {}
    mu, lo, hi = model.predict_rows(rows)
    y = np.array([[r["truth"][t] for t in TARGETS] for r in rows])
    idx = [TARGETS.index(g) for g in GIRTHS]
    out = {g: float(np.abs(mu[:, i] - y[:, i]).mean()) for g, i in zip(GIRTHS, idx, strict=True)}
    out["coverage"] = float(((y[:, idx] >= lo[:, idx]) & (y[:, idx] <= hi[:, idx])).mean())
    out["n"] = len(rows)
    return out


def no_photo(train: list[dict[str, Any]], test: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    from sklearn.linear_model import RidgeCV

    from fitsvc.measure.estimator import load_default

    def x(ps: list[dict[str, Any]]) -> np.ndarray:
        return np.array([[p["stature_cm"], p["weight_kg"], p["bmi"], float(p["sex"] == "female")]
                         for p in ps])

    def y(ps: list[dict[str, Any]]) -> np.ndarray:
        return np.array([[p["measurements_cm"][g] for g in GIRTHS] for p in ps])

    lab = RidgeCV(np.logspace(-3, 3, 13)).fit(x(train), y(train)).predict(x(test))
    est = load_default()
    ansur = np.array([[est.predict({"stature": p["stature_cm"], "weight_kg": p["weight_kg"],
                                    "sex": p["sex"], "age": None})[g].value_cm for g in GIRTHS]
                      for p in test])
    truth = y(test)
    return {name: {g: float(np.abs(pred[:, i] - truth[:, i]).mean()) for i, g in enumerate(GIRTHS)}
            for name, pred in (("no-photo ANSUR", ansur), ("no-photo lab", lab))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lab", type=Path, action="append", required=True)
    ap.add_argument("--factors", default=",".join(FACTORS))
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: default)")
    args = ap.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from fitsvc.measure.lab_data import people
    from fitsvc.measure.photo_data import load_readings

    everyone = [p for f in args.lab for p in people(f)]
    readings = {k: v for f in args.lab for k, v in load_readings(f).items()}
    everyone = [p for p in everyone if p["id"] in readings]
    all_rows = training_rows(args.lab)
    results: dict[str, Any] = {}
    for factor in args.factors.split(","):
        for level in FACTORS[factor]:
            held = [p for p in everyone if p["capture"][factor] == level]
            if not held:
                continue
            t0 = time.perf_counter()
            model = PhotoModel().fit([r for r in all_rows if r["settings"][factor] != level])
            train_people = [p for p in everyone if p["capture"][factor] != level]
            res = {name: score(model, test_rows(held, readings, mode)) for name, mode in MODES.items()}
            res.update(no_photo(train_people, held))
            res["people"] = len(held)
            res["seconds"] = round(time.perf_counter() - t0, 1)
            results[f"{factor}={level}"] = res
            line = "  ".join(f"{m} " + "/".join(f"{res[m][g]:.2f}" for g in GIRTHS)
                             + (f" cov {res[m]['coverage']:.2f}" if "coverage" in res[m] else "")
                             for m in (*MODES, "no-photo ANSUR", "no-photo lab") if res[m])
            print(f"{factor}={level:<14} n={len(held):4d}  {line}", flush=True)
            if args.out:  # after every setting: a long run can be looked at, or stopped
                args.out.parent.mkdir(parents=True, exist_ok=True)
                args.out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
