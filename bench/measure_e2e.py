"""End to end through the service on held-out lab people: acceptance, accuracy, silhouettes.

Every person of a lab folder the photo model was not trained on (make one with another
seed: ``fitsvc lab --n 300 --seed 2000 --out var/lab_test``) is scanned as a customer would
be: ``measure_photos`` on the two JPEG files with the true stature as the typed height (no
pitch sent, unless ``--sensor``), and ``measure_silhouettes`` on the exact masks of the same
photos with phone-segmenter noise, encoded as PNG. Printed: how many scans were accepted
and why the others were refused, MAE / P90 / bias per girth, the share inside the 90 %
intervals, and how far silhouette scans are from photo scans of the same people.

    .venv/bin/python bench/measure_e2e.py --lab var/lab_test [--n 300] [--weight --sex] [--sensor]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from fitsvc.errors import ServiceError

GIRTHS = ("chest_girth", "waist_girth", "hip_girth", "neck_girth", "thigh_girth")


def silhouette_png(folder: Path, pid: str, view: str, rng: np.random.Generator) -> bytes:
    from fitsvc.measure.lab_data import read_mask
    from fitsvc.synth.mask_noise import phone_mask_noise

    mask = phone_mask_noise(read_mask(folder / pid / f"{view}_mask.png"), rng)
    ok, enc = cv2.imencode(".png", mask.astype(np.uint8) * 255)
    assert ok
    return enc.tobytes()


def scan(folder: Path, p: dict[str, Any], args: argparse.Namespace, detector: Any,
         kind: str) -> dict[str, Any]:
    from fitsvc.measure.service import measure_photos, measure_silhouettes

    subject = {"height_cm": p["stature_cm"], "weight_kg": p["weight_kg"] if args.weight else None,
               "sex": p["sex"] if args.sex else None,
               "camera_pitch_deg": p["camera"]["pitch_deg"] if args.sensor else None}
    d = folder / p["id"]
    if kind == "photo":
        res = measure_photos((d / "front.jpg").read_bytes(), (d / "side.jpg").read_bytes(),
                             detector=detector, overlay=False, **subject)
    else:
        rng = np.random.default_rng(len(p["id"]) * 7919 + int(p["id"][-5:]))
        res = measure_silhouettes(silhouette_png(folder, p["id"], "front", rng),
                                  silhouette_png(folder, p["id"], "side", rng), overlay=False, **subject)
    return {g: res.measurements[g] for g in GIRTHS}


def summary(name: str, est: dict[str, dict[str, Any]], people: dict[str, dict[str, Any]]) -> None:
    print(f"\n== {name}: {len(est)} scans ==")
    for g in GIRTHS:
        e = np.array([est[i][g].value_cm - people[i]["measurements_cm"][g] for i in est])
        inside = np.mean([est[i][g].low_cm <= people[i]["measurements_cm"][g] <= est[i][g].high_cm
                          for i in est])
        print(f"{g:<14} MAE {np.abs(e).mean():5.2f}  P90 {np.percentile(np.abs(e), 90):5.2f}  "
              f"bias {e.mean():+5.2f}  90% interval coverage {inside:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lab", type=Path, required=True)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--weight", action="store_true")
    ap.add_argument("--sex", action="store_true")
    ap.add_argument("--sensor", action="store_true", help="send the true camera pitch")
    args = ap.parse_args()
    from tqdm import tqdm

    from fitsvc.measure.keypoints import build_detector
    from fitsvc.measure.lab_data import people as lab_people

    detector = build_detector("mediapipe")
    people = {p["id"]: p for p in lab_people(args.lab)[: args.n]}
    results: dict[str, dict[str, Any]] = defaultdict(dict)
    refused: dict[str, Counter[str]] = defaultdict(Counter)
    by_setting: dict[str, Counter[str]] = defaultdict(Counter)
    t0 = time.perf_counter()
    for p in tqdm(people.values(), desc="scans"):
        for kind in ("photo", "silhouette"):
            try:
                results[kind][p["id"]] = scan(args.lab, p, args, detector, kind)
            except ServiceError as exc:
                reason = f"{exc.code}/{exc.details.get('view', '')}/{exc.details.get('reason', '')}"
                refused[kind][reason] += 1
                if kind == "photo":
                    for f in ("camera", "front_arms", "side_arms", "clothing", "background"):
                        by_setting[f"{f}={p['capture'][f]}"][reason] += 1
    print(f"{len(people)} people from {args.lab}; weight={args.weight} sex={args.sex} "
          f"sensor pitch={args.sensor}; {time.perf_counter() - t0:.0f} s")
    for kind in ("photo", "silhouette"):
        n_ok = len(results[kind])
        print(f"{kind}: accepted {n_ok}/{len(people)} ({100 * n_ok / len(people):.1f} %); "
              f"refused: {dict(refused[kind])}")
    for setting, c in sorted(by_setting.items()):
        print(f"  photo refusals with {setting}: {dict(c)}")
    for kind in ("photo", "silhouette"):
        summary(kind, results[kind], people)
    both = sorted(set(results["photo"]) & set(results["silhouette"]))
    print(f"\n== silhouette − photo, same {len(both)} people ==")
    for g in GIRTHS:
        d = np.array([results["silhouette"][i][g].value_cm - results["photo"][i][g].value_cm
                      for i in both])
        e_p = np.mean([abs(results["photo"][i][g].value_cm - people[i]["measurements_cm"][g]) for i in both])
        e_s = np.mean([abs(results["silhouette"][i][g].value_cm - people[i]["measurements_cm"][g])
                       for i in both])
        print(f"{g:<14} mean |difference| {np.abs(d).mean():5.2f}  MAE photo {e_p:5.2f}  "
              f"silhouette {e_s:5.2f}  (MAE gap {e_s - e_p:+.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
