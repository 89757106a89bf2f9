"""Scan wall time vs bare MediaPipe pose inference on the same two images.

Usage: .venv/bin/python bench/scan_latency.py [--person DIR] [--repeat N]
Prints median/p90 seconds for (a) bare `Pose.process` on the decoded front+side images and
(b) the whole `measure_photos` call (decode, gates, segmentation, geometry, estimator,
overlay), and their ratio. Target: ratio ≤ 1.25.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pick_person() -> Path:
    people = sorted(p for p in (ROOT / "sample_data" / "people").iterdir() if p.is_dir())
    return people[0]


def _truth_height(person: Path) -> float:
    import json

    truth = json.loads((person.parent / "truth.json").read_text())
    entry = truth[person.name] if isinstance(truth, dict) and person.name in truth else truth
    return float(entry.get("stature", entry.get("truth", {}).get("stature", 170.0)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--person", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    person = args.person or _pick_person()
    front, side = (person / "front.png").read_bytes(), (person / "side.png").read_bytes()
    imgs = [cv2.cvtColor(cv2.imdecode(np.frombuffer(b, np.uint8), cv2.IMREAD_COLOR),
                         cv2.COLOR_BGR2RGB) for b in (front, side)]

    from mediapipe.python.solutions import pose as mp_pose

    from fitsvc.measure.mediapipe_pose import MediaPipePoseDetector
    from fitsvc.measure.service import measure_photos

    bare = mp_pose.Pose(static_image_mode=True, model_complexity=1, enable_segmentation=True)
    det = MediaPipePoseDetector()
    height = _truth_height(person)
    measure_photos(front, side, height, detector=det)  # warm-up: model loads
    for im in imgs:
        bare.process(im)
    t_bare, t_scan = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for im in imgs:
            bare.process(im)
        t_bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        measure_photos(front, side, height, detector=det)
        t_scan.append(time.perf_counter() - t0)

    def q(xs: list[float], p: float) -> float:
        return float(np.quantile(xs, p))

    mb, ms = statistics.median(t_bare), statistics.median(t_scan)
    print(f"images: {person.name} front {imgs[0].shape[1]}x{imgs[0].shape[0]}, "
          f"side {imgs[1].shape[1]}x{imgs[1].shape[0]}; repeat {args.repeat}")
    print(f"bare MediaPipe pose (2 images): median {mb:.3f} s  p90 {q(t_bare, 0.9):.3f} s")
    print(f"full scan measure_photos:       median {ms:.3f} s  p90 {q(t_scan, 0.9):.3f} s")
    print(f"ratio scan / bare: {ms / mb:.2f}  (target ≤ 1.25)")


if __name__ == "__main__":
    main()
