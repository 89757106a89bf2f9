"""End-to-end scan accuracy on synthetic people with exact ground truth.

Generates N anny people (``fitsvc.synth``), runs the full photo pipeline
(``fitsvc.measure.service.measure_photos``) with the true stature as the customer's height,
and prints MAE, 90th-percentile absolute error and bias per measurement, plus the number of
rejected scans, for front+side and for front-only.

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


def run_one(p: Person, detector: Any, mode: str, args: argparse.Namespace) -> dict[str, float]:
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
    return {
        k: float(est.value_cm) - truth[k]
        for k, est in res.measurements.items()
        if k in truth and k != "stature"
    }


def summarise(errors: dict[str, list[float]], failures: int, n: int, mode: str) -> None:
    print(f"\n== {mode}: {n} people, {failures} rejected ==")
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
    errors: dict[str, dict[str, list[float]]] = {m: defaultdict(list) for m in MODES}
    failures: dict[str, list[str]] = {m: [] for m in MODES}
    t0 = time.perf_counter()
    people = generate(args.n, args.seed, args.clothing)
    for p in tqdm(people, total=args.n, desc="e2e"):
        for mode in MODES:
            try:
                for k, e in run_one(p, detector, mode, args).items():
                    errors[mode][k].append(e)
            except ServiceError as exc:
                failures[mode].append(f"{p.id}: {getattr(exc, 'code', exc)}")
    print(f"inputs: height{' + weight' if args.weight else ''}{' + sex' if args.sex else ''}; "
          f"clothing={args.clothing}; seed={args.seed}; {time.perf_counter() - t0:.0f} s")
    for mode in MODES:
        summarise(errors[mode], len(failures[mode]), args.n, mode)
        for f in failures[mode]:
            print("  rejected", f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
