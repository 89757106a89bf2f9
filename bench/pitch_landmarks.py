"""Calibrate and check the camera-pitch estimate on lab people (true cameras known).

1. Landmark fractions: each MediaPipe landmark pair (eyes, shoulders, hips, knees, ankles)
   is mapped to a level camera with the TRUE pitch; its height above the floor as a
   fraction of stature (floor and head top projected from the true camera) gives the
   mean/sd printed for ``fitsvc/measure/pitch.py`` (``KEYPOINT_FRACTIONS``).
2. Accuracy: estimated − true pitch per camera set-up, from both photos and from the front
   photo alone.

    .venv/bin/python bench/pitch_landmarks.py var/lab_dev [more lab folders]
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import numpy as np

from fitsvc.measure import pitch
from fitsvc.measure.lab_data import joined, read_mask
from fitsvc.measure.perspective import level_homography
from fitsvc.measure.views import ViewInput, view_landmarks


def level_rows(cam: dict, pts: np.ndarray) -> np.ndarray:
    hom = level_homography(cam["width"], cam["height"], cam["pitch_deg"], cam["fx"])
    p = np.c_[pts, np.ones(len(pts))] @ hom.T
    return np.asarray(p[:, 1] / p[:, 2])


def project(cam: dict, xyz: np.ndarray) -> np.ndarray:
    r, t = np.array(cam["R_world_to_cam"]), np.array(cam["t_world_to_cam"])
    pc = xyz @ r.T + t
    return np.stack([cam["fx"] * pc[:, 0] / pc[:, 2] + cam["cx"],
                     cam["fy"] * pc[:, 1] / pc[:, 2] + cam["cy"]], axis=1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folders", type=Path, nargs="+")
    args = ap.parse_args()
    fractions: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[float]] = defaultdict(list)
    for folder, person, det in joined(args.folders):
        cam = person["camera"]
        views = {}
        for view in ("front", "side"):
            if "points" not in det[view]:
                break
            pts = np.asarray(det[view]["points"], dtype=float)
            mask = read_mask(folder / person["id"] / f"{view}_mp.png")
            ys, xs = np.nonzero(mask)
            top = level_rows(cam, np.c_[xs, ys].astype(float)[:: max(1, xs.size // 3000)]).min()
            floor = level_rows(cam, project(cam, np.array([[0, 0, 0.0]])))[0]
            marks = pitch.keypoint_landmarks(pts)
            rows = level_rows(cam, np.array(list(marks.values())))
            for name, y in zip(marks, rows, strict=True):
                fractions[f"{view}:{name}"].append(float((floor - y) / (floor - top)))
            views[view] = pts
        if len(views) < 2:
            continue
        setup = person["capture"]["camera"]
        lms = [view_landmarks(ViewInput(read_mask(folder / person["id"] / f"{view}_mp.png"),
                                        views[view]), view) for view in ("front", "side")]
        errors[setup].append(pitch.estimate_pitch(lms) - cam["pitch_deg"])
        errors[f"{setup} (front only)"].append(pitch.estimate_pitch(lms[:1]) - cam["pitch_deg"])
    print("landmark height fractions (level camera; floor under the body, silhouette top),"
          " median / robust sd (1.4826 MAD) / n:")
    for k, v in sorted(fractions.items()):
        a = np.array(v)
        med = float(np.median(a))
        print(f"  {k:<16} {med:.4f} {1.4826 * np.median(np.abs(a - med)):.4f} {len(a)}")
    print("\npitch error, degrees (estimate − true): MAE / bias / P90 |err| / n")
    for k, v in sorted(errors.items()):
        e = np.array(v)
        p90 = np.percentile(np.abs(e), 90)
        print(f"  {k:<20} {np.abs(e).mean():5.2f} {e.mean():+6.2f} {p90:5.2f} {len(e)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
