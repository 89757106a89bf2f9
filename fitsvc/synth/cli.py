"""``fitsvc synth``: generate synthetic people with exact ground truth."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from fitsvc.synth.people import CLOTHING, write_dataset


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "synth",
        help="generate synthetic people (front/side photos + exact measurements)",
        description="Writes OUT/<id>/front.png, OUT/<id>/side.png and OUT/truth.json.",
    )
    p.add_argument("--n", type=int, default=10, help="number of people (sexes alternate)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--clothing", choices=CLOTHING, default="none")
    p.add_argument("--compact", action="store_true", help="256-colour PNGs (small files)")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=run_synth)
    add_lab_commands(sub)


def run_synth(args: argparse.Namespace) -> int:
    if args.n < 1:
        print("--n must be at least 1")
        return 2
    t0 = time.perf_counter()
    write_dataset(
        args.out, args.n, args.seed, args.clothing, args.compact, progress=not args.no_progress
    )
    dt = time.perf_counter() - t0
    print(f"wrote {args.n} people to {args.out} in {dt:.1f} s ({dt / args.n:.2f} s/person)")
    return 0


def add_lab_commands(sub: argparse._SubParsersAction) -> None:
    from fitsvc.synth.capture import FACTORS

    p = sub.add_parser(
        "lab", help="the wide synthetic lab: general-population people photographed like customers",
        description="Writes OUT/<id>/{front,side}.jpg, exact masks and OUT/people.jsonl "
                    "(resumable; --part k/m generates every m-th person, for parallel runs).")
    p.add_argument("--n", type=int, default=100)
    p.add_argument("--seed", type=int, default=1000)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--part", default="0/1", help="k/m: this process makes people k, k+m, …")
    for factor, levels in FACTORS.items():
        p.add_argument(f"--{factor.replace('_', '-')}", choices=levels, default=None,
                       help=f"pin the {factor} setting (default: random)")
    p.add_argument("--no-progress", action="store_true")
    p.set_defaults(func=run_lab)
    d = sub.add_parser("lab-detect", help="run photo intake + MediaPipe on a lab folder once")
    d.add_argument("folder", type=Path)
    d.set_defaults(func=run_lab_detect)


def run_lab(args: argparse.Namespace) -> int:
    from fitsvc.synth.capture import FACTORS
    from fitsvc.synth.lab import write_lab

    k, m = (int(x) for x in args.part.split("/"))
    fixed = {f: getattr(args, f) for f in FACTORS if getattr(args, f) is not None}
    t0 = time.perf_counter()
    idx = list(range(k, args.n, m))
    write_lab(args.out, idx, args.seed, progress=not args.no_progress, **fixed)
    print(f"lab: {len(idx)} people in {args.out} ({time.perf_counter() - t0:.0f} s)")
    return 0


def run_lab_detect(args: argparse.Namespace) -> int:
    from fitsvc.measure.keypoints import build_detector
    from fitsvc.measure.lab_data import detect_lab

    index = detect_lab(args.folder, build_detector("mediapipe"))
    print(f"detections in {index}")
    return 0
