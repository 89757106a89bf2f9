"""Straight (rectangular) waistband shared by the skirt and trouser blocks.

Aldrich, *Metric Pattern Cutting for Women's Wear*, "waistbands": a straight band is a
rectangle as long as the sewn waist plus a button underlap, cut twice the finished height
and folded lengthwise. The band is not a girth piece: its edges are not named ``waist``.
"""

from __future__ import annotations

from collections.abc import Sequence

from pattern.draft.base import Option
from pattern.geometry import Line, Path, Point
from pattern.piece import Cut, Edge, Notch, Piece

#: Button underlap as a fraction of the body waist (Aldrich: 3 cm on a 76 cm waist).
UNDERLAP = 0.04

OPTIONS = {
    "waistband": Option(0, 0, 1, kind="bool",
                        description="add a separate straight waistband piece"),
    "waistband_height": Option(35.0, 20.0, 80.0, kind="mm",
                               description="finished waistband height in mm (cut twice "
                                           "as high, folded)"),
}


def waistband(name: str, code: str, sewn_waist: float, waist_girth: float, height: float,
              sa: float, marks: Sequence[float]) -> Piece:
    """Band for `sewn_waist` (full girth), underlap at the start; notches at `marks`
    (distances from the end of the underlap: side seams, CB/CF)."""
    under = UNDERLAP * waist_girth
    length, depth = sewn_waist + under, 2 * height
    a, b, c, d = Point(0, 0), Point(length, 0), Point(length, depth), Point(0, depth)
    edges = (Edge("seam", Path.of(Line(a, b)), sa), Edge("end", Path.of(Line(b, c)), sa),
             Edge("facing", Path.of(Line(c, d)), sa), Edge("start", Path.of(Line(d, a)), sa))
    notches = tuple(Notch("seam", under + m) for m in (0.0, *marks) if 0 < under + m < length)
    return Piece(
        name=name, code=code, edges=edges,
        points={"underlap": Point(under, 0), "fold_start": Point(0, height)},
        internal=(Path.of(Line(Point(0, height), Point(length, height))),),
        notches=(*notches, Notch("facing", length - under)),
        grain=(Point(0.1 * length, 0.5 * height), Point(0.9 * length, 0.5 * height)),
        cut=Cut(1),
    )
