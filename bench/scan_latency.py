"""Scan wall time against bare MediaPipe pose + segmentation on the same two images.

Like with like: both sides take the same two photo files (bytes) and are timed one after
the other, alternating, in one warm process on this machine.

- **bare**: decode both images, then MediaPipe Pose (static image, ``model_complexity=1``,
  segmentation on: what the scan itself runs) on the front, then on the side;
- **scan, sequential**: ``measure_photos`` with a one-graph detector, so front and side are
  also detected one after the other: decode, exposure, pose + segmentation, the
  people-count segmentation, gates, pitch, readings, photo model, body prior, overlay
  snapshot;
- **scan, as served**: the service's own detector (two graphs: front and side at once).

The person's height is read from ``truth.json`` next to the person folder (sample people
and lab folders alike), never assumed.

    .venv/bin/python bench/scan_latency.py [--person sample_data/people/s7-001] [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def read_height(person: Path) -> float:
    """Stature (cm) of a sample person (``truth.json``) or lab person (``people.jsonl``)."""
    truth = person.parent / "truth.json"
    if truth.exists():
        return float(json.loads(truth.read_text())["people"][person.name]["stature_cm"])
    for line in (person.parent / "people.jsonl").read_text().splitlines():
        rec = json.loads(line)
        if rec["id"] == person.name:
            return float(rec["stature_cm"])
    raise SystemExit(f"no height for {person} in truth.json or people.jsonl")


def photo_files(person: Path) -> tuple[bytes, bytes]:
    for ext in ("png", "jpg"):
        if (person / f"front.{ext}").exists():
            return (person / f"front.{ext}").read_bytes(), (person / f"side.{ext}").read_bytes()
    raise SystemExit(f"no front/side photos in {person}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--person", type=Path, default=ROOT / "sample_data" / "people" / "s7-001")
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    front, side = photo_files(args.person)
    height = read_height(args.person)

    from mediapipe.python.solutions import pose as mp_pose

    from fitsvc.measure.mediapipe_pose import MediaPipePoseDetector
    from fitsvc.measure.service import measure_photos

    bare_graph = mp_pose.Pose(static_image_mode=True, model_complexity=1, enable_segmentation=True)

    def bare() -> None:
        for data in (front, side):
            img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
            bare_graph.process(cv2.cvtColor(img, cv2.COLOR_BGR2RGB))

    one, served = MediaPipePoseDetector(graphs=1), MediaPipePoseDetector()
    runs = {"bare pose+segmentation (sequential)": bare,
            "scan, sequential (one graph)": lambda: measure_photos(front, side, height, detector=one),
            "scan, as served (two graphs)": lambda: measure_photos(front, side, height, detector=served)}
    times: dict[str, list[float]] = {k: [] for k in runs}
    for fn in runs.values():  # warm-up: models load, graphs initialise
        fn()
        fn()
    for _ in range(args.repeat):
        for name, fn in runs.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    print(f"person {args.person.name}, height {height:.1f} cm; repeat {args.repeat}, alternating")
    base = statistics.median(times["bare pose+segmentation (sequential)"])
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:<38} median {med * 1000:6.1f} ms  p90 {np.quantile(ts, 0.9) * 1000:6.1f} ms"
              f"  ratio {med / base:.2f}")
    print("target: scan ≤ 1.25 × bare")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
