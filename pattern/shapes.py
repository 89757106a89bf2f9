"""Polygon operations via shapely (the only place besides nest/ that touches it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import shapely
from shapely.geometry import LineString, Polygon

from pattern.geometry import Point


def polygon(points: Iterable[Point]) -> Polygon:
    return Polygon([p.as_tuple() for p in points])


def polygon_area(points: Sequence[Point]) -> float:
    """Unsigned area (mm²)."""
    return float(abs(polygon(points).area))


def signed_area(points: Sequence[Point]) -> float:
    """Shoelace area, positive when counter-clockwise in x-right/y-up maths orientation."""
    s = 0.0
    for a, b in zip(points, [*points[1:], points[0]], strict=True):
        s += a.x * b.y - b.x * a.y
    return s / 2


def is_simple_ring(points: Sequence[Point]) -> bool:
    """True when the closed outline does not cross itself."""
    ring = polygon(points)
    return bool(ring.is_valid and LineString([*ring.exterior.coords]).is_simple)


def offset_polyline(points: Sequence[Point], dist: float, side: str) -> list[Point]:
    """Offset an open polyline by dist to the 'left'/'right' with mitred joins."""
    if dist <= 0:
        return list(points)
    d = dist if side == "left" else -dist
    geom = shapely.offset_curve(LineString([p.as_tuple() for p in points]), d,
                                join_style="mitre", mitre_limit=3.0)
    if geom.geom_type == "MultiLineString":
        geom = max(geom.geoms, key=lambda g: g.length)
    return [Point(x, y) for x, y in geom.coords]


def polylines_intersection(a: Sequence[Point], b: Sequence[Point]) -> list[Point]:
    """Points where two polylines cross."""
    inter = LineString([p.as_tuple() for p in a]).intersection(
        LineString([p.as_tuple() for p in b]))
    if inter.is_empty:
        return []
    geoms = getattr(inter, "geoms", [inter])
    out: list[Point] = []
    for g in geoms:
        if g.geom_type == "Point":
            out.append(Point(g.x, g.y))
        else:
            out.extend(Point(x, y) for x, y in g.coords)
    return out


def clean_ring(points: Sequence[Point]) -> list[Point]:
    """Repair a self-touching outline (keeps the largest valid part)."""
    poly = shapely.make_valid(polygon(points))
    if poly.geom_type != "Polygon":
        polys = [g for g in getattr(poly, "geoms", []) if g.geom_type == "Polygon"]
        poly = max(polys, key=lambda g: g.area)
    return [Point(x, y) for x, y in list(poly.exterior.coords)[:-1]]
