"""DXF-AAMA / ASTM D6673 (R12) writer via ezdxf.

Layers (pattern-findings §3.1): 1 cut boundary + system text, 2 turn points with
`# <rule>` texts, 4 notches, 7 grain line, 8 internal lines (darts), 13 drill holes,
14 sew line. One BLOCK per piece and size, INSERTed on layer 1. DXF is y-up, so
drafting y is negated. `flavour="gerber"` writes through ezdxf's Gerber-safe exporter.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import ezdxf
from ezdxf.addons import gerber_D6673

from pattern.export.layout import shelf
from pattern.finish import FinishedPiece
from pattern.geometry import Point

ORIGIN = Point(0.0, 0.0)
AAMA_LAYERS = ("1", "2", "4", "7", "8", "13", "14")


@dataclass(frozen=True)
class DxfPiece:
    """A finished piece plus the grade rule of each of its turn points (None = ungraded)."""

    fp: FinishedPiece
    rules: Sequence[int] | None = None


def _xy(p: Point, off: Point = ORIGIN) -> tuple[float, float]:
    return (round(p.x + off.x, 3), round(-(p.y + off.y), 3))


def _ascii(s: str) -> str:
    return s.encode("ascii", "replace").decode("ascii")


def _nearest(points: Sequence[Point], target: Point) -> Point:
    return min(points, key=target.dist)


def _block(doc: ezdxf.document.Drawing, dp: DxfPiece, name: str) -> None:
    fp = dp.fp
    blk = doc.blocks.new(name=name)
    blk.add_polyline2d([_xy(p) for p in fp.cut], close=True, dxfattribs={"layer": "1"})
    rules = dp.rules or [1] * len(fp.piece.edges)
    for (_, tp), rule in zip(fp.piece.turn_points(), rules, strict=True):
        vertex = _nearest(fp.cut, tp)
        blk.add_point(_xy(vertex), dxfattribs={"layer": "2"})
        blk.add_text(f"# {rule}", height=2.0, dxfattribs={"layer": "2"}).set_placement(
            _xy(vertex))
    for a, b in fp.notches:
        blk.add_line(_xy(a), _xy(b), dxfattribs={"layer": "4"})
    if fp.piece.grain:
        blk.add_line(_xy(fp.piece.grain[0]), _xy(fp.piece.grain[1]), dxfattribs={"layer": "7"})
    for d in fp.piece.darts:
        blk.add_polyline2d([_xy(d.leg_a), _xy(d.tip), _xy(d.leg_b)], dxfattribs={"layer": "8"})
    for path in fp.piece.internal:
        blk.add_polyline2d([_xy(p) for p in path.flatten(0.2)], dxfattribs={"layer": "8"})
    for h in fp.piece.drill_holes:
        blk.add_point(_xy(h), dxfattribs={"layer": "13"})
    blk.add_polyline2d([_xy(p) for p in fp.seam], close=True, dxfattribs={"layer": "14"})
    cut = fp.piece.cut
    qty = "1,1" if cut.mirrored and cut.quantity == 2 else str(cut.quantity)
    texts = [f"Piece Name: {fp.piece.code}-{fp.piece.name}"[:32], f"Size: {fp.size}",
             f"Quantity: {qty}", f"Category: {cut.material}"]
    if cut.on_fold:
        texts.append("Fold: Y")
    at = fp.label.at
    for i, t in enumerate(texts):
        blk.add_text(_ascii(t), height=2.5, dxfattribs={"layer": "1"}).set_placement(
            _xy(at + Point(0, 4.0 * i)))


def to_dxf(pieces: Sequence[DxfPiece], style: str, sample_size: str, rule_table: str = "",
           author: str = "fitsvc", flavour: str = "aama", now: datetime | None = None) -> str:
    """Return the DXF text (R12)."""
    now = now or datetime.now()
    log = logging.getLogger("ezdxf")
    level = log.level
    log.setLevel(logging.ERROR)  # ezdxf.new() warns that R12 has no $INSUNITS
    try:
        doc = ezdxf.new("R12")
    finally:
        log.setLevel(level)
    for layer in AAMA_LAYERS:
        doc.layers.add(layer)
    msp = doc.modelspace()
    placed, _, _ = shelf([p.fp for p in pieces], max_width=2000.0)
    for k, (dp, pl) in enumerate(zip(pieces, placed, strict=True)):
        name = _ascii(f"{dp.fp.piece.code}{k}-{dp.fp.size}")
        _block(doc, dp, name)
        msp.add_blockref(name, _xy(Point(0, 0), pl.offset), dxfattribs={"layer": "1"})
    style_text = [f"Style Name: {style}", f"Creation Date: {now:%d-%m-%Y}",
                  f"Creation Time: {now:%H:%M:%S}", f"Author: {author}",
                  f"Sample Size: {sample_size}", f"Grade Rule Table: {rule_table}",
                  "Units: METRIC", "Curve Tolerance: 0.20",
                  "ASTM/D13 Proposal 1 Version: D6673-10"]
    for i, t in enumerate(style_text):
        msp.add_text(_ascii(t), height=3.0, dxfattribs={"layer": "1"}).set_placement(
            (0.0, 10.0 + 5.0 * (len(style_text) - i)))
    buf = io.StringIO()
    if flavour == "gerber":
        gerber_D6673.export_stream(doc, buf)
    else:
        doc.write(buf)
    return buf.getvalue()
