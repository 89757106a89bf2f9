"""Drafted pattern pieces (:class:`pattern.piece.Piece`) -> marker pieces.

Drafted pieces are seam lines in mm with y pointing down; the marker works y-up on the
cut line. Per piece: flip to y-up, take the cut line (pattern.finish, or a square-cornered
per-edge allowance when that is unavailable), unfold
pieces cut on the fold, take the grainline direction, and translate the cut list
(``Cut.mirrored`` -> a mirrored pair, ``quantity`` counts single pieces).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from shapely import union_all
from shapely.affinity import affine_transform
from shapely.geometry import LineString, Polygon
from shapely.geometry.polygon import orient

from pattern.nest.instance import Piece

if TYPE_CHECKING:  # the drafting model is only needed for type checking
    from pattern.piece import Piece as DraftedPiece


def _up(pts: Iterable[Any]) -> list[tuple[float, float]]:
    return [(float(p.x), -float(p.y)) for p in pts]


def reflect_across(g: Polygon, a: tuple[float, float], b: tuple[float, float]) -> Polygon:
    """Mirror image of ``g`` across the line through a and b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    c, s = dx / n, dy / n
    # reflection matrix [[c2, s2], [s2, -c2]] about a line through a with angle t
    c2, s2 = c * c - s * s, 2 * c * s
    xoff = a[0] - c2 * a[0] - s2 * a[1]
    yoff = a[1] - s2 * a[0] + c2 * a[1]
    return affine_transform(g, [c2, s2, s2, -c2, xoff, yoff])


def _approx_cut(piece: DraftedPiece, tol: float) -> Polygon:
    """Seam line + each edge's allowance as square-capped buffers (fallback)."""
    parts = [orient(Polygon(_up(piece.outline(tol))), 1.0)]
    for e in piece.edges:
        pts = _up(e.path.flatten(tol))
        if e.sa > 0 and len(pts) >= 2:
            parts.append(LineString(pts).buffer(e.sa, cap_style="square", join_style="mitre",
                                                mitre_limit=2.0))
    return union_all(parts)


def _finished_cut(piece: DraftedPiece) -> Polygon | None:
    """The cut line of pattern.finish (mitred corners, turned-up hems) when it is usable."""
    try:
        from pattern.finish.seam_allowance import cut_outline
    except ImportError:
        return None
    g = Polygon(_up(cut_outline(piece))).buffer(0)
    return g if g.geom_type == "Polygon" and g.area > 0 else None


def cut_polygon(piece: DraftedPiece, tol: float = 0.5) -> Polygon:
    """The cut line (pattern.finish's, else seam line + per-edge allowance), unfolded
    across the fold edge when the piece is cut on the fold."""
    fold: tuple[tuple[float, float], tuple[float, float]] | None = None
    for e in piece.edges:
        if e.kind == "fold":
            pts = _up(e.path.flatten(tol))
            fold = (pts[0], pts[-1])
    cut = _finished_cut(piece) or _approx_cut(piece, tol)
    if fold is not None:
        cut = union_all([cut, reflect_across(cut, *fold)]).buffer(0)
        # close slits left along the fold (narrower than 1 mm, they cannot be cut anyway)
        cut = cut.buffer(0.5, join_style="mitre").buffer(-0.5, join_style="mitre")
    if cut.geom_type != "Polygon":  # keep the main body if slivers split off
        cut = max(cut.geoms, key=lambda g: g.area)
    return Polygon(cut.exterior).simplify(tol / 2)


def grain_degrees(piece: DraftedPiece) -> float:
    """Grainline direction in the y-up frame (90 = vertical when none is drawn)."""
    if piece.grain is None:
        return 90.0
    (ax, ay), (bx, by) = _up(piece.grain)
    return math.degrees(math.atan2(by - ay, bx - ax))


def marker_pieces(pieces: Iterable[DraftedPiece], size: str,
                  materials: tuple[str, ...] = ("fabric",)) -> list[Piece]:
    """Marker pieces of one size from drafted pieces; a piece belongs to the marker when
    the first material of its cut list (e.g. 'fabric' of 'fabric + interfacing') is one
    of ``materials``."""
    out = []
    for p in pieces:
        if p.cut.material.split("+")[0].strip() not in materials:
            continue
        pair = bool(p.cut.mirrored)
        qty = max(1, p.cut.quantity // 2) if pair else p.cut.quantity
        ring = tuple(Polygon(cut_polygon(p)).exterior.coords)[:-1]
        out.append(Piece(name=p.code or p.name, size=size, outline=ring, quantity=qty,
                         mirrored_pair=pair, grain_deg=grain_degrees(p)))
    return out


def graded_marker_pieces(block: str, chart_path: str, sizes: list[str],
                         options: dict[str, object] | None = None) -> list[Piece]:
    """Draft ``block`` in each size of a size chart (pattern.grade) and convert the pieces."""
    from pattern.grade.chart import SizeChart
    from pattern.grade.grade import grade

    run = grade(block, SizeChart.load(chart_path), sizes, options)
    out: list[Piece] = []
    for size in sizes:
        out.extend(marker_pieces(run.drafts[size].pieces, size))
    return out
