"""CLI: ``fitsvc nest-instance`` (ESICUP benchmark contract) and ``fitsvc nest`` (markers)."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

from tqdm import tqdm

from pattern.nest.errors import NestError


def _bar(seconds: float, desc: str) -> tuple[tqdm, threading.Event]:
    """A time-based tqdm bar that ticks in its own thread until the event is set."""
    bar = tqdm(total=round(seconds), desc=desc, unit="s", file=sys.stderr, leave=True)
    done = threading.Event()
    t0 = time.monotonic()

    def tick() -> None:
        while not done.wait(0.5):
            bar.n = min(round(seconds), int(time.monotonic() - t0))
            bar.refresh()

    threading.Thread(target=tick, daemon=True).start()
    return bar, done


def _nest_instance(args: argparse.Namespace) -> int:
    from pattern.nest.esicup import load_problem, write_solution
    from pattern.nest.marker import solve_problem

    try:
        problem = load_problem(args.instance)
        sol = solve_problem(problem, args.seconds, args.seed)
    except (NestError, OSError, KeyError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_solution(sol, args.out)
    print(f"{problem.name}: length {sol.length:.4f}, density {100 * sol.efficiency:.2f} % "
          f"({len(sol.placements)} pieces, {sol.elapsed_s:.1f} s) -> {args.out}")
    return 0


def _pieces(args: argparse.Namespace) -> list:
    """Marker pieces from a file, or drafted from a block in the ratio's sizes."""
    from fitsvc.markers.pieces_io import load_pieces
    from pattern.nest.from_pattern import graded_marker_pieces
    from pattern.nest.instance import parse_ratio

    if args.pieces:
        return load_pieces(args.pieces)
    return graded_marker_pieces(args.block, args.size_chart, list(parse_ratio(args.ratio)))


def _nest(args: argparse.Namespace) -> int:
    from fitsvc.errors import ServiceError
    from fitsvc.markers.service import budget, build_request, run_marker
    from pattern.errors import PatternError
    from pattern.nest.export import write_marker

    params = {"ratio": args.ratio, "width_cm": args.width_cm, "spacing_mm": args.spacing_mm,
              "grain": args.grain, "folded": args.folded,
              "end_allowance_mm": args.end_allowance_mm,
              "name": Path(args.pieces).stem if args.pieces else args.block}
    try:
        req = build_request(params, _pieces(args))
        seconds, seed, _ = budget({"seconds": args.seconds, "seed": args.seed})
    except (NestError, PatternError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    bar, done = _bar(seconds, "nesting")

    def show(p: dict) -> None:
        if p.get("best_efficiency"):
            bar.set_postfix(eff=f"{100 * p['best_efficiency']:.2f}%", refresh=False)

    try:
        sol = run_marker(req, seconds, seed, show)
    except ServiceError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    finally:
        done.set()
        bar.close()
    write_marker(sol, args.output)
    s = sol.summary()
    print(json.dumps({k: s[k] for k in ("fabric_width", "folded", "length", "efficiency",
                                        "fabric_length", "pieces")}))
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``nest-instance`` and ``nest``."""
    p = sub.add_parser("nest-instance", help="solve an ESICUP strip-packing instance (JSON)")
    p.add_argument("instance", help="ESICUP instance JSON (jagua-rs format)")
    p.add_argument("--seconds", type=float, required=True, help="time budget")
    p.add_argument("--out", required=True, help="SOL.json to write")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=_nest_instance)

    n = sub.add_parser("nest", help="make a marker from pattern pieces")
    src = n.add_mutually_exclusive_group(required=True)
    src.add_argument("--pieces", help="pieces file (.json or .dxf)")
    src.add_argument("--block", help="draft this block (e.g. shirt) in the ratio's sizes")
    n.add_argument("--size-chart", default="sample_data/size_charts/mens_eu.json",
                   help="size chart JSON used with --block")
    n.add_argument("--ratio", required=True, help="size ratio, e.g. S:1,M:2,L:2,XL:1")
    n.add_argument("--width-cm", type=float, required=True, help="fabric width (cm)")
    n.add_argument("--seconds", type=float, default=30.0)
    n.add_argument("--seed", type=int, default=0)
    n.add_argument("--spacing-mm", type=float, default=0.0)
    n.add_argument("--grain", default="0,180", help="0,180 | 0,90,180,270 | free")
    n.add_argument("--folded", action="store_true", help="fabric folded in half lengthwise")
    n.add_argument("--end-allowance-mm", type=float, default=20.0)
    n.add_argument("-o", "--output", required=True, help="marker.svg|pdf|dxf|png|json")
    n.set_defaults(func=_nest)
