"""Benchmark the marker engine on the ESICUP instances of ../shared/benchmarks/nesting.

For each instance: our density (pattern.nest, spyrrow in a child process, checked by the
independent validator), spyrrow called directly in-process with the same budget and seed,
and the best-known density from the benchmark README, side by side.

    .venv/bin/python bench/nest_esicup.py --seconds 60            # garment instances
    .venv/bin/python bench/nest_esicup.py --seconds 10 --instances all
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pattern.nest.esicup import load_problem  # noqa: E402
from pattern.nest.marker import default_engine, solve_problem  # noqa: E402
from pattern.nest.portfolio import PortfolioEngine  # noqa: E402
from pattern.nest.restarts import RestartingEngine  # noqa: E402
from pattern.nest.spyrrow_engine import SpyrrowEngine  # noqa: E402
from pattern.nest.validate import check_layout  # noqa: E402

BENCH = ROOT.parent / "shared" / "benchmarks" / "nesting"
GARMENT = ("albano", "dagli", "mao", "shirts", "swim")


STRATEGIES = {
    "default": default_engine,  # one 2-thread sparrow run, new seeds in the unused time
    "one-run": lambda: SpyrrowEngine(),  # one sparrow run, its early termination on
    "full-explore": lambda: SpyrrowEngine(early_termination=False),
    # two independent single-thread searches (each with restarts) instead of one 2-thread run
    "portfolio2": lambda: PortfolioEngine(lambda: RestartingEngine(SpyrrowEngine(workers=1)), 2),
}


def best_known(readme: Path) -> dict[str, float]:
    """Best-known utilisation per instance, parsed from the README table."""
    out = {}
    for m in re.finditer(r"^\|\s*(\w+)\s*\|.*\*\*([\d.]+) %\*\*", readme.read_text(), re.M):
        out[m.group(1)] = float(m.group(2)) / 100.0
    return out


def spyrrow_direct(path: Path, seconds: int, seed: int) -> tuple[float, float, bool]:
    """spyrrow on the raw instance, as a user would call it: (density, wall s, valid)."""
    import json

    import spyrrow

    from pattern.nest.engine import RawPlacement

    data = json.loads(path.read_text())
    items = [spyrrow.Item(str(it["id"]), [tuple(p) for p in it["shape"]["data"]],
                          demand=it["demand"], allowed_orientations=it["allowed_orientations"])
             for it in data["items"]]
    inst = spyrrow.StripPackingInstance(data["name"], data["strip_height"], items)
    t0 = time.monotonic()
    sol = inst.solve(spyrrow.StripPackingConfig(total_computation_time=seconds, seed=seed))
    wall = time.monotonic() - t0
    pl = [RawPlacement(p.id, p.rotation % 360, (p.translation[0], p.translation[1]))
          for p in sol.placed_items]
    ok = check_layout(load_problem(path), pl).ok
    return float(sol.density), wall, ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--instances", default=",".join(GARMENT), help="comma list or 'all'")
    ap.add_argument("--no-direct", action="store_true", help="skip the spyrrow-direct column")
    ap.add_argument("--strategy", default="default", choices=sorted(STRATEGIES),
                    help="how ours spends the budget (default: the production engine)")
    args = ap.parse_args()
    if not BENCH.exists():
        print(f"../shared not present: {BENCH}", file=sys.stderr)
        return 1
    best = best_known(BENCH / "README.md")
    names = sorted(best) if args.instances == "all" else args.instances.split(",")
    print(f"budget {args.seconds} s, seed {args.seed}, strategy {args.strategy}")
    print(f"{'instance':10} {'ours %':>8} {'direct %':>9} {'best %':>7} {'ours/best':>9} "
          f"{'ours s':>7} {'direct s':>8} valid")
    for name in names:
        path = BENCH / "instances" / f"{name}.json"
        sol = solve_problem(load_problem(path), args.seconds, args.seed,
                            STRATEGIES[args.strategy]())
        d_dens, d_wall, d_ok = (float("nan"), float("nan"), True)
        if not args.no_direct:
            d_dens, d_wall, d_ok = spyrrow_direct(path, args.seconds, args.seed)
        b = best.get(name, float("nan"))
        print(f"{name:10} {100 * sol.efficiency:8.2f} {100 * d_dens:9.2f} {100 * b:7.2f} "
              f"{100 * sol.efficiency / b:8.1f}% {sol.elapsed_s:7.1f} {d_wall:8.1f} "
              f"ours=ok direct={'ok' if d_ok else 'INVALID'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
