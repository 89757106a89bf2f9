"""`fitsvc measure`: photo(s) + height → measurements, as text or JSON, with an overlay."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fitsvc.errors import ServiceError


def _measure(args: argparse.Namespace) -> int:
    from fitsvc.measure.service import measure_photos

    try:
        front = Path(args.front).read_bytes()
        side = Path(args.side).read_bytes() if args.side else None
    except OSError as exc:
        return _fail("file_not_readable", str(exc), args.json)
    try:
        res = measure_photos(front, side, args.height_cm, args.weight_kg, args.sex, args.age)
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
    p = sub.add_parser("measure", help="measure a person from a front (and side) photo")
    p.add_argument("--front", required=True, help="front photo (JPEG/PNG/WebP)")
    p.add_argument("--side", help="side photo (profile), strongly recommended")
    p.add_argument("--height-cm", type=float, required=True)
    p.add_argument("--weight-kg", type=float)
    p.add_argument("--sex", choices=["female", "male"])
    p.add_argument("--age", type=float)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--overlay", metavar="OUT.png", help="write the overlay picture")
    p.set_defaults(func=_measure)
