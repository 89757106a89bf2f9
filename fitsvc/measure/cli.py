"""`fitsvc measure`: photos or silhouettes + height → measurements, as text or JSON, with an
overlay picture."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fitsvc.errors import ServiceError


def _measure(args: argparse.Namespace) -> int:
    from fitsvc.measure.service import measure_photos, measure_silhouettes

    if bool(args.front) == bool(args.front_mask) or (args.side and args.front_mask) or (
            args.side_mask and args.front):
        return _fail("invalid_arguments", "give --front [--side] photos, or --front-mask "
                     "[--side-mask] silhouettes", args.json)
    try:
        front = Path(args.front or args.front_mask).read_bytes()
        side_path = args.side or args.side_mask
        side = Path(side_path).read_bytes() if side_path else None
    except OSError as exc:
        return _fail("file_not_readable", str(exc), args.json)
    subject = {"height_cm": args.height_cm, "weight_kg": args.weight_kg, "sex": args.sex,
               "age": args.age, "camera_pitch_deg": args.camera_pitch_deg,
               "clothing": args.clothing}
    try:
        if args.front_mask:
            res = measure_silhouettes(front, side, **subject)
        else:
            res = measure_photos(front, side, **subject)
    except ServiceError as exc:
        return _fail(exc.code, exc.message, args.json, exc.hint)
    png = res.overlay_png() if args.overlay else None
    if png:
        Path(args.overlay).write_bytes(png)
    if args.json:
        print(json.dumps({"measurements": res.measurements_dict(), "warnings": res.warnings,
                          "feature_set": res.feature_set, "observed_cm": res.observed}, indent=2))
    else:
        print(f"feature set: {res.feature_set}")
        for name, est in res.measurements.items():
            print(f"{name:>24}  {est.value_cm:6.1f} cm   ({est.low_cm:.1f} – {est.high_cm:.1f})")
        for w in res.warnings:
            print(f"warning: {w}")
    return 0


def _fail(code: str, message: str, as_json: bool, hint: str = "") -> int:
    if as_json:
        err = {"code": code, "message": message}
        if hint:
            err["hint"] = hint
        print(json.dumps({"error": err}))
    else:
        print(f"error ({code}): {message}" + (f"\nhint: {hint}" if hint else ""), file=sys.stderr)
    return 2


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("measure", help="measure a person from photos or silhouette masks")
    p.add_argument("--front", help="front photo (JPEG/HEIC/PNG/WebP)")
    p.add_argument("--side", help="side photo (profile), strongly recommended")
    p.add_argument("--front-mask", help="front silhouette instead of a photo (PNG, person white)")
    p.add_argument("--side-mask", help="side silhouette (PNG, person white)")
    p.add_argument("--clothing", choices=["tight", "regular", "loose"],
                   help="what the person wears (tightens the intervals)")
    p.add_argument("--camera-pitch-deg", type=float,
                   help="the phone's tilt from its sensor (0 upright, positive tilted up)")
    p.add_argument("--height-cm", type=float, required=True)
    p.add_argument("--weight-kg", type=float)
    p.add_argument("--sex", choices=["female", "male"])
    p.add_argument("--age", type=float)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--overlay", metavar="OUT.png", help="write the overlay picture")
    p.set_defaults(func=_measure)
