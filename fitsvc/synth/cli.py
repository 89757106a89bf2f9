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
