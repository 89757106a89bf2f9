"""Paperless marks: the measurements written on a piece so it can be drawn straight onto
fabric (FreeSewing's "paperless" mode) — every seam-line edge's length along the edge, the
piece's overall width and height as dimension lines, and each notch's distance from the
nearer end of its edge (the arrow points to that end).

Export-agnostic: SVG and PDF draw the same :class:`Marks`. Coordinates are the piece's own
(mm, y down); ``angle`` is the text direction in degrees, clockwise on the page, always
turned so that the text reads left to right or bottom to top.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pattern.finish import FinishedPiece
from pattern.finish.units import format_length
from pattern.geometry import Path, Point
from pattern.shapes import signed_area

TEXT_MM = 3.0  # cap-ish height of the written measurements
DIM_GAP = 8.0  # dimension lines this far outside the cut line (the layout gap is 20 mm)
REACH = DIM_GAP + 2 * TEXT_MM  # how far the marks reach outside the cut line's bounding box


@dataclass(frozen=True)
class MarkText:
    """One written measurement; ``at`` is on the text's baseline (see ``anchor``)."""

    kind: str  # seam | notch | width | height
    text: str
    at: Point
    angle: float
    mm: float
    piece: str
    edge: str = ""
    anchor: str = "middle"  # which part of the text sits at ``at``: start | middle | end


@dataclass
class Marks:
    texts: list[MarkText] = field(default_factory=list)
    lines: list[tuple[Point, Point]] = field(default_factory=list)


def _readable(t: Point) -> tuple[float, bool]:
    """Text angle (deg) along direction t in [-90, 90), flipped by 180° when it would read
    upside down."""
    a = math.degrees(math.atan2(t.y, t.x))
    if a >= 90.0 - 1e-6 or a < -90.0 - 1e-6:  # vertical text reads bottom to top
        return (a - 180.0 if a > 0 else a + 180.0), True
    return a, False


def _baseline(centre: Point, angle: float, h: float) -> Point:
    """Baseline centre of a text of height h whose visual centre is ``centre``."""
    r = math.radians(angle)
    down = Point(-math.sin(r), math.cos(r))  # the text's "down", y-down page
    return centre + down * (h * 0.35)


def _width(units: str, h: float) -> float:
    """Rough width of a notch label (sans-serif, about 0.55 em a character)."""
    return len(format_length(999.0, units) + " ->") * 0.55 * h


def _on(path: Path, d: float) -> tuple[Point, Point]:
    """Point and unit tangent at length d along path."""
    return path.point_at_length(d), path.tangent_at_length(d).unit()


def piece_marks(fp: FinishedPiece, units: str = "metric", h: float = TEXT_MM) -> Marks:
    """All paperless marks of one finished piece, in the piece's coordinates."""
    piece = fp.piece
    out = Marks()
    outward = 1.0 if signed_area(piece.outline()) > 0 else -1.0

    for e in piece.edges:
        length = e.length()
        if length < 1.0:
            continue
        p, t = _on(e.path, length / 2)
        inward = Point(-t.y, t.x) * outward
        angle, _ = _readable(t)
        centre = p + inward * (h * 0.5 + 2.0)
        out.texts.append(MarkText("seam", f"{e.name.replace('_', ' ')} {format_length(length, units)}",
                                  _baseline(centre, angle, h), angle, length, piece.name, e.name))
    last: dict[str, tuple[float, int]] = {}  # edge -> (distance, row) of its previous label
    for n in sorted(piece.notches, key=lambda n: (n.edge, n.dist)):
        e = piece.edge(n.edge)
        length = e.length()
        d = min(max(n.dist, 0.0), length)
        prev_d, prev_row = last.get(e.name, (-1e9, 1))
        row = 1 - prev_row if d - prev_d < 2 * _width(units, h) else 0
        last[e.name] = (d, row)
        p, t = _on(e.path, d)
        inward = Point(-t.y, t.x) * outward
        angle, flipped = _readable(t)
        from_start = d <= length - d
        dist = d if from_start else length - d
        # the text runs along u; it is written between the notch and the end it measures from
        u = -t if flipped else t
        corner_left = from_start != flipped  # the measured-from end lies towards -u
        label = format_length(dist, units)
        label, anchor = (f"<- {label}", "end") if corner_left else (f"{label} ->", "start")
        centre = p + inward * (h * 1.5 + 4.0 + row * (h + 1.5)) + u * (-1.5 if corner_left else 1.5)
        out.texts.append(MarkText("notch", label, _baseline(centre, angle, h), angle, dist,
                                  piece.name, e.name, anchor))
    _overall(fp, out, units, h)
    return out


def _overall(fp: FinishedPiece, out: Marks, units: str, h: float) -> None:
    """Width (above the piece) and height (left of it) of the seam line, with end ticks."""
    sx, sy = [p.x for p in fp.seam], [p.y for p in fp.seam]
    cx0, cy0 = min(p.x for p in fp.cut), min(p.y for p in fp.cut)
    x0, x1, y0, y1 = min(sx), max(sx), min(sy), max(sy)
    tick = 2.0
    yl = cy0 - DIM_GAP
    out.lines += [(Point(x0, yl), Point(x1, yl)), (Point(x0, yl - tick), Point(x0, yl + tick)),
                  (Point(x1, yl - tick), Point(x1, yl + tick))]
    out.texts.append(MarkText("width", format_length(x1 - x0, units),
                              Point((x0 + x1) / 2, yl - 1.2), 0.0, x1 - x0, fp.piece.name))
    xl = cx0 - DIM_GAP
    out.lines += [(Point(xl, y0), Point(xl, y1)), (Point(xl - tick, y0), Point(xl + tick, y0)),
                  (Point(xl - tick, y1), Point(xl + tick, y1))]
    out.texts.append(MarkText("height", format_length(y1 - y0, units),
                              Point(xl - 1.2, (y0 + y1) / 2), -90.0, y1 - y0, fp.piece.name))
