"""p50/p99 latency of one POST /v1/fit for 20 items, in-process (Flask test client).

Run: .venv/bin/python bench/fit_latency.py [--items 20] [--requests 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BODY = {"chest_girth": 92.0, "waist_girth": 74.0, "hip_girth": 100.0, "inside_leg": 78.0,
        "arm_length": 59.0}


def _catalog(n: int) -> list[dict[str, Any]]:
    cats = [("dress", ("chest", "waist", "hip")), ("jeans", ("waist", "hip", "inseam")),
            ("shirt", ("chest", "waist", "sleeve"))]
    items: list[dict[str, Any]] = []
    for k in range(n):
        cat, regions = cats[k % 3]
        base = {"chest": 84.0, "waist": 66.0, "hip": 92.0, "inseam": 76.0, "sleeve": 58.0}
        sizes = [{"size": s, **{r: base[r] + (5.0 if r in ("chest", "waist", "hip") else 1.0) * j
                                for r in regions}}
                 for j, s in enumerate(["XS", "S", "M", "L", "XL", "XXL"])]
        items.append({"id": f"bench-{k}", "category": cat, "sizes": sizes})
    return items


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--requests", type=int, default=300)
    args = ap.parse_args()
    from fitsvc import app_services, create_app

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
                          "DETECTOR": "unused"})
        client = app.test_client()
        items = _catalog(max(args.items, 200))
        assert client.post("/v1/items/import", json={"items": items}).status_code == 201
        req = {"measurements": BODY, "item_ids": [i["id"] for i in items[: args.items]]}
        for _ in range(20):  # warm-up
            assert client.post("/v1/fit", json=req).status_code == 200
        times, cpu = [], []
        for _ in range(args.requests):
            t0, c0 = time.perf_counter(), time.process_time()
            r = client.post("/v1/fit", json=req)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            assert r.status_code == 200
        app_services(app).jobs.shutdown()  # type: ignore[attr-defined]
    times.sort()
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    print(f"POST /v1/fit, {args.items} items, {args.requests} requests: "
          f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, mean {statistics.mean(times):.2f} ms; "
          f"CPU time p50 {statistics.median(cpu):.2f} ms")
    print(f"load average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
