"""Seam allowance per edge with corner treatment (Seamly2D-style angle types).

Each edge is offset by its own width; corners are mitred (trimmed when the offsets cross,
bevelled when the mitre would exceed 3 × SA); where a seam meets a hem the corner is
*mirrored* across the hem fold line so the turned-up hem lies flat in the seam.
"""

from __future__ import annotations

from shapely import LineString
from shapely import Point as SPoint
from shapely.ops import substring

from pattern.geometry import Point, line_intersection
from pattern.piece import Edge, Piece
from pattern.shapes import (
    clean_ring,
    is_simple_ring,
    offset_polyline,
    polylines_intersection,
    signed_area,
)

TOL = 0.1


def _trim(points: list[Point], at: Point, keep_start: bool) -> list[Point]:
    ls = LineString([p.as_tuple() for p in points])
    d = ls.project(SPoint(at.x, at.y))
    part = substring(ls, 0, d) if keep_start else substring(ls, d, ls.length)
    coords = list(getattr(part, "coords", []))
    if len(coords) < 2:
        return [at, at]
    return [Point(x, y) for x, y in coords]


def _reflect_dir(d: Point, axis: Point) -> Point:
    u = axis.unit()
    return u * (2 * d.dot(u)) - d


def _mirror_into_hem(side: list[Point], hem_seam: list[Point], hem_off: list[Point],
                     reverse: bool) -> list[Point]:
    """Corner points where a seam offset meets a hem, mirrored across the hem line."""
    if reverse:  # hem then seam: work on reversed copies
        pts = _mirror_into_hem(side[::-1], hem_seam[::-1], hem_off[::-1], False)
        return pts[::-1]
    p, d = side[-1], side[-1] - side[-2]
    a, b = hem_seam[0], hem_seam[1]
    fold_pt = line_intersection(p, d, a, b - a)
    if fold_pt is None:
        return []
    q = line_intersection(fold_pt, _reflect_dir(d, b - a), hem_off[0], hem_off[1] - hem_off[0])
    return [fold_pt] if q is None or q.dist(fold_pt) > 10 * max(1.0, p.dist(a)) else [fold_pt, q]


def _corner(a: list[Point], b: list[Point], vertex: Point, limit: float) -> tuple[
        list[Point], list[Point], list[Point]]:
    """Mitre/trim/bevel between offset polylines a (ending) and b (starting)."""
    if a[-1].dist(b[0]) < 1e-6:
        return a, [], b
    cross = [p for p in polylines_intersection(a, b) if p.dist(vertex) <= limit]
    if cross:
        x = min(cross, key=lambda p: p.dist(vertex))
        return _trim(a, x, True), [], _trim(b, x, False)
    m = line_intersection(a[-1], a[-1] - a[-2], b[0], b[1] - b[0])
    ahead = m is not None and (m - a[-1]).dot(a[-1] - a[-2]) >= -1e-6 \
        and (b[0] - m).dot(b[1] - b[0]) >= -1e-6
    if m is not None and ahead and m.dist(vertex) <= limit:
        return a, [m], b
    return a, [], b  # bevel


def cut_outline(piece: Piece) -> list[Point]:
    """Closed cut line (seam line + allowances) of a piece."""
    seam_rings = [e.path.flatten(TOL) for e in piece.edges]
    side = "right" if signed_area(piece.outline()) > 0 else "left"
    offs = [offset_polyline(pts, e.sa, side) for pts, e in zip(seam_rings, piece.edges,
                                                                 strict=True)]
    n = len(offs)
    joins: list[list[Point]] = [[] for _ in range(n)]
    for i in range(n):
        j = (i + 1) % n
        ei, ej = piece.edges[i], piece.edges[j]
        if _is_hem_corner(ei, ej):
            reverse = ei.kind == "hem"
            s, h, hs = (offs[j], offs[i], seam_rings[i]) if reverse else \
                (offs[i], offs[j], seam_rings[j])
            joins[i] = _mirror_into_hem(s, hs, h, reverse)
            continue
        limit = 3 * max(ei.sa, ej.sa, 1.0)
        offs[i], joins[i], offs[j] = _corner(offs[i], offs[j], ei.path.end, limit)
    ring: list[Point] = []
    for i in range(n):
        ring.extend(offs[i])
        ring.extend(joins[i])
    ring = [p for k, p in enumerate(ring) if k == 0 or p.dist(ring[k - 1]) > 1e-6]
    if ring[0].dist(ring[-1]) < 1e-6:
        ring.pop()
    return ring if is_simple_ring(ring) else clean_ring(ring)


def _is_hem_corner(a: Edge, b: Edge) -> bool:
    kinds = {a.kind, b.kind}
    return "hem" in kinds and kinds <= {"hem", "seam"} and a.sa > 0 and b.sa > 0
