"""End-to-end scan accuracy on synthetic people with exact ground truth.

Generates N anny people (``fitsvc.synth``), runs the full photo pipeline
(``fitsvc.measure.service.measure_photos``) with the true stature as the customer's height,
and prints MAE, 90th-percentile absolute error and bias per measurement, plus the number of
rejected scans, for front+side and for front-only. "pipeline" is what the service returns
(ANSUR regressor refined by the synthetic-lab photo model, ``models/measure_photo``);
"ANSUR only" re-predicts the same readings with the ANSUR regressor alone, for comparison.
Seeds: sample_data uses 7, the photo model trains on 2024; use another seed here.

    .venv/bin/python bench/measure_e2e.py --n 40 --seed 100 [--clothing none] [--weight --sex]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from typing import Any

import numpy as np
from tqdm import tqdm

from fitsvc.errors import ServiceError
from fitsvc.synth.people import CLOTHING, Person, generate

MODES = ("front+side", "front-only")
GIRTHS = ("chest_girth", "waist_girth", "hip_girth")


def run_one(p: Person, detector: Any, mode: str,
            args: argparse.Namespace) -> tuple[dict[str, float], dict[str, float]]:
    """Signed errors (cm) of the pipeline and of the ANSUR regressor alone."""
    from fitsvc.measure import calibration
    from fitsvc.measure.estimator import load_default
    from fitsvc.measure.service import measure_photos

    t = p.truth
    res = measure_photos(
        p.front_png,
        p.side_png if mode == "front+side" else None,
        height_cm=t["stature_cm"],
        weight_kg=t["weight_kg"] if args.weight else None,
        sex=t["sex"] if args.sex else None,
        detector=detector,
        overlay=False,
    )
    truth = t["measurements_cm"]
    subject = {"stature": t["stature_cm"], "weight_kg": t["weight_kg"] if args.weight else None,
               "sex": t["sex"] if args.sex else None, "age": None}
    ansur = load_default().predict({**subject, **calibration.apply(res.observed,
                                                                    calibration.load())})

    def err(ms: dict[str, Any]) -> dict[str, float]:
        return {k: float(e.value_cm) - truth[k] for k, e in ms.items()
                if k in truth and k != "stature"}

    return err(res.measurements), err(ansur)


def summarise(errors: dict[str, list[float]], failures: int, n: int, mode: str) -> None:
    print(f"\n== {mode}: {n} people, {failures} rejected ==")
    if not errors:
        return
    print(f"{'measurement':<18}{'MAE':>7}{'P90':>7}{'bias':>7}{'n':>5}")
    for k in sorted(errors, key=lambda k: (k not in GIRTHS, k)):
        e = np.array(errors[k])
        print(f"{k:<18}{np.abs(e).mean():7.2f}{np.percentile(np.abs(e), 90):7.2f}"
              f"{e.mean():7.2f}{len(e):5d}")
    hit = [np.abs(errors[k]).mean() for k in GIRTHS if k in errors]
    if hit:
        print(f"chest/waist/hip MAE max {max(hit):.2f} cm (target ≤ 1.0 with front+side)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=100)
    ap.add_argument("--clothing", choices=CLOTHING, default="none")
    ap.add_argument("--weight", action="store_true", help="also give the true weight")
    ap.add_argument("--sex", action="store_true", help="also give the sex")
    args = ap.parse_args(argv)
    from fitsvc.measure.keypoints import build_detector

    detector = build_detector("mediapipe")
    errors: dict[str, dict[str, list[float]]] = {
        f"{m} {w}": defaultdict(list) for m in MODES for w in ("pipeline", "ANSUR only")}
    failures: dict[str, list[str]] = {m: [] for m in MODES}
    t0 = time.perf_counter()
    people = generate(args.n, args.seed, args.clothing)
    for p in tqdm(people, total=args.n, desc="e2e"):
        for mode in MODES:
            try:
                pipe, ansur = run_one(p, detector, mode, args)
                for k, e in pipe.items():
                    errors[f"{mode} pipeline"][k].append(e)
                for k, e in ansur.items():
                    errors[f"{mode} ANSUR only"][k].append(e)
            except ServiceError as exc:
                failures[mode].append(f"{p.id}: {getattr(exc, 'code', exc)}")
    print(f"inputs: height{' + weight' if args.weight else ''}{' + sex' if args.sex else ''}; "
          f"clothing={args.clothing}; seed={args.seed}; {time.perf_counter() - t0:.0f} s")
    for key, errs in errors.items():
        mode = key.split(" ")[0]
        summarise(errs, len(failures[mode]), args.n, key)
        for f in failures[mode] if key.endswith("pipeline") else []:
            print("  rejected", f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
