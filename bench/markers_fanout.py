"""Best-of-N markers across job workers at equal wall time (docs/markers.md, issue 15).

Each real garment order is nested as a marker job through the job port (the in-process
runner with one worker thread per seed; each seed's sparrow runs in its own child process,
as on a Celery worker) with ``workers`` = N: the job runs seed s and spawns N − 1 helper jobs
(seeds s+1 …) that end at the same deadline. Every N gets the same wall budget; for each
base seed the N = 1 run is the same seed s, so the comparison is paired.

    .venv/bin/python bench/markers_fanout.py --seconds 30 --workers 1,2,4 --seeds 0,100,200
    .venv/bin/python bench/markers_fanout.py --markdown --json var/fanout.json

Prints one line per run as it ends, then a table per order: median/mean efficiency and the
gain over N = 1 in points, with the median wall time of the jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fitsvc.db import make_engine  # noqa: E402
from fitsvc.jobs_inprocess import InProcessJobRunner  # noqa: E402
from fitsvc.markers.service import JOB_KIND  # noqa: E402
from fitsvc.migrate import upgrade  # noqa: E402

ORDERS: dict[str, dict[str, Any]] = {
    # the docs' real order: 6 shirts, 90 cut pieces, 150 cm fabric
    "shirt": {"block": "shirt", "size_chart": "mens_eu", "ratio": "S:1,M:2,L:2,XL:1",
              "width_cm": 150},
    # 4 pairs of trousers in a run of sizes on 150 cm
    "trousers": {"block": "trousers", "size_chart": "womens_eu", "ratio": "S:1,M:1,L:1,XL:1",
                 "width_cm": 150},
}


def run_one(runner: InProcessJobRunner, order: dict[str, Any], seconds: float, seed: int,
            workers: int) -> dict[str, Any]:
    params = {**order, "seconds": seconds, "seed": seed, "workers": workers}
    t0 = time.monotonic()
    job_id = runner.submit(JOB_KIND, params, "bench")
    info = runner.wait(job_id, seconds + 300, "bench")
    wall = time.monotonic() - t0
    if info["status"] != "succeeded":
        raise RuntimeError(f"marker job {info['status']}: {info.get('error')}")
    res = info["result"]
    return {"efficiency": res["efficiency"], "length": res["length"], "wall_s": round(wall, 1),
            "attempts": res.get("attempts", []), "seed_won": res.get("seed")}


def summarize(runs: list[dict[str, Any]], workers: list[int]) -> list[dict[str, Any]]:
    rows = []
    base = {r["seed"]: r["efficiency"] for r in runs if r["workers"] == 1}
    for n in workers:
        mine = [r for r in runs if r["workers"] == n]
        effs = [100 * r["efficiency"] for r in mine]
        gains = [100 * (r["efficiency"] - base[r["seed"]]) for r in mine if r["seed"] in base]
        rows.append({
            "workers": n, "runs": len(mine),
            "median_pct": round(statistics.median(effs), 2),
            "mean_pct": round(statistics.fmean(effs), 2),
            "per_seed_pct": [round(e, 2) for e in effs],
            "median_gain_pts": round(statistics.median(gains), 2) if gains else None,
            "helpers_ran": sum(sum(a["status"] == "succeeded" for a in r["attempts"][1:])
                               for r in mine),
            "median_wall_s": round(statistics.median(r["wall_s"] for r in mine), 1)})
    return rows


def markdown(order: str, rows: list[dict[str, Any]]) -> str:
    lines = [f"**{order}**", "",
             "| workers N | efficiency per base seed % | median % | gain over N = 1 (median, pts) "
             "| helper runs that finished | median wall s |",
             "| ---: | --- | ---: | ---: | ---: | ---: |"]
    for r in rows:
        gain = "—" if r["workers"] == 1 else f"{r['median_gain_pts']:+.2f}"
        lines.append(f"| {r['workers']} | {', '.join(f'{e:.2f}' for e in r['per_seed_pct'])} "
                     f"| {r['median_pct']:.2f} | {gain} | {r['helpers_ran']} "
                     f"| {r['median_wall_s']:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--seeds", default="0,100,200")
    ap.add_argument("--orders", default=",".join(ORDERS))
    ap.add_argument("--json", type=Path)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args(argv)
    workers = [int(w) for w in args.workers.split(",")]
    seeds = [int(s) for s in args.seeds.split(",")]
    if 1 not in workers:
        ap.error("--workers must include 1 (the baseline)")
    tmp = Path(tempfile.mkdtemp(prefix="fanout-"))
    engine = make_engine(f"sqlite:///{tmp / 'jobs.sqlite3'}")
    upgrade(engine)
    runner = InProcessJobRunner(engine, workers=max(workers), max_queued=0,
                                max_running=1)
    report: dict[str, Any] = {"seconds": args.seconds, "cpus": os.cpu_count(), "orders": {}}
    try:
        for name in args.orders.split(","):
            runs = []
            for seed in seeds:
                for n in workers:
                    r = run_one(runner, ORDERS[name], args.seconds, seed, n)
                    runs.append({"seed": seed, "workers": n, **r})
                    print(f"{name} seed {seed} N={n}: {100 * r['efficiency']:.2f} % "
                          f"({r['wall_s']:.1f} s, winning seed {r['seed_won']})", flush=True)
            rows = summarize(runs, workers)
            report["orders"][name] = {"runs": runs, "summary": rows}
            print(markdown(name, rows) if args.markdown else json.dumps(rows, indent=1),
                  flush=True)
    finally:
        runner.shutdown()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
