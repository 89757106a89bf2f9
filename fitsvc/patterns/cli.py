"""`fitsvc pattern draft BLOCK ...` and `fitsvc pattern options BLOCK` commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fitsvc.errors import ServiceError
from fitsvc.patterns.service import UNITS, build
from pattern import BLOCKS
from pattern.export import render_format
from pattern.options_doc import block_options, table

CLI_FORMATS = ("svg", "pdf", "pdf_letter", "pdf_plotter", "dxf", "rul", "png", "zip")


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pattern", help="draft, grade and export pattern blocks")
    psub = p.add_subparsers(dest="pattern_cmd", required=True)
    d = psub.add_parser("draft", help="draft a block to measure or grade a size run")
    d.add_argument("block", choices=sorted(BLOCKS))
    src = d.add_mutually_exclusive_group(required=True)
    src.add_argument("--measurements", type=Path, help="flat JSON of cm values + sex")
    src.add_argument("--size-run", help="comma list of sizes, e.g. XS,S,M,L,XL")
    d.add_argument("--chart", help="size chart JSON (or name in sample_data/size_charts)")
    d.add_argument("--option", action="append", default=[], metavar="K=V")
    d.add_argument("--style", help="style name written into labels/DXF")
    d.add_argument("--format", choices=CLI_FORMATS, default="svg")
    d.add_argument("--paperless", action="store_true",
                   help="write seam lengths, overall dimensions and notch positions (svg, pdf)")
    d.add_argument("--units", choices=UNITS, default="metric",
                   help="units of the lengths written on svg/pdf (drawings stay 1:1)")
    d.add_argument("-o", "--output", type=Path, required=True)
    d.set_defaults(func=handle_draft)
    o = psub.add_parser("options", help="list a block's options: type, default, range, meaning")
    o.add_argument("block", choices=sorted(BLOCKS))
    o.add_argument("--json", action="store_true", help="JSON (as GET /v1/patterns/options/BLOCK)")
    o.set_defaults(func=handle_options)


def handle_options(args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps(block_options(args.block), indent=1, ensure_ascii=False))
    else:
        print(f"{args.block}: {BLOCKS[args.block].title}")
        sys.stdout.write(table(args.block))
    return 0


def _options(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        k, sep, v = item.partition("=")
        if not sep:
            raise ServiceError(f"--option {item!r} must be KEY=VALUE", code="bad_option")
        out[k.strip()] = v.strip()
    return out


def _chart(ref: str) -> str | dict[str, object]:
    """A chart file on the user's disk is read here and sent inline; else a bundled name."""
    path = Path(ref)
    if path.suffix == ".json" or path.is_file():
        try:
            return dict(json.loads(path.read_text()))
        except (OSError, ValueError, TypeError) as exc:
            raise ServiceError(f"cannot read the size chart {ref}: {exc}", code="unknown_chart",
                               hint="Give a JSON size chart file or a bundled chart name.") from exc
    return ref


def handle_draft(args: argparse.Namespace) -> int:
    try:
        request: dict[str, object] = {"block": args.block, "options": _options(args.option),
                                      "style": args.style, "paperless": args.paperless,
                                      "units": args.units}
        if args.measurements:
            request["measurements"] = json.loads(args.measurements.read_text())
            if args.chart:
                request["chart"] = _chart(args.chart)
        else:
            if not args.chart:
                raise ServiceError("--size-run needs --chart", code="missing_chart")
            request["size_run"] = [s.strip() for s in args.size_run.split(",") if s.strip()]
            request["chart"] = _chart(args.chart)
        job, summary = build(request)
        data = render_format(job, args.format)
    except ServiceError as exc:
        print(f"error [{exc.code}]: {exc.message}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.output.write_bytes(data)
    print(json.dumps({k: v for k, v in summary.items() if k not in ("seams", "pieces")},
                     indent=1))
    print(f"wrote {args.output} ({len(data)} bytes)", file=sys.stderr)
    return 0
