"""Marker request (garment level) and its translation to an engine :class:`StripProblem`.

Conventions: lengths in mm; the strip runs along +x (marker length), the fabric width is
y. Each piece's outline is turned so that its grainline lies along x (``grain_deg`` is
the grainline's direction in the outline's own coordinates), so allowed rotations are
relative to the grain: {0, 180} keeps the grain (default), {0, 90, 180, 270} for
non-directional fabric, ``None`` for free rotation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

from shapely.affinity import rotate, scale, translate
from shapely.geometry import Polygon
from shapely.geometry.polygon import orient
from shapely.validation import make_valid

from pattern.nest.engine import EngineItem, Point, StripProblem
from pattern.nest.errors import NestInputError

GRAIN_PRESETS: dict[str, tuple[float, ...] | None] = {
    "0": (0.0,), "0,180": (0.0, 180.0), "0,90,180,270": (0.0, 90.0, 180.0, 270.0), "free": None,
}


def parse_grain(text: str) -> tuple[float, ...] | None:
    """'0,180' | '0,90,180,270' | 'free' | any comma list of degrees."""
    t = text.strip().lower().replace(" ", "")
    if t in GRAIN_PRESETS:
        return GRAIN_PRESETS[t]
    try:
        return tuple(float(v) % 360.0 for v in t.split(","))
    except ValueError as exc:
        raise NestInputError(f"bad grain option {text!r}; use 0,180 | 0,90,180,270 | free") from exc


def parse_ratio(text: str) -> dict[str, int]:
    """'S:1,M:2,L:2,XL:1' -> {'S': 1, ...}; sizes with ratio 0 are dropped."""
    out: dict[str, int] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        size, sep, num = part.rpartition(":")
        if not sep or not size.strip() or not num.strip().isdigit():
            raise NestInputError(f"bad ratio entry {part!r}; expected SIZE:COUNT like 'M:2'")
        if size.strip() in out:
            raise NestInputError(f"size {size.strip()!r} appears twice in the ratio")
        if int(num) > 0:
            out[size.strip()] = int(num)
    if not out:
        raise NestInputError(f"ratio {text!r} asks for no garments")
    return out


@dataclass(frozen=True)
class Piece:
    """One cut piece of one size; ``quantity`` per garment (pairs count once)."""

    name: str
    size: str
    outline: tuple[Point, ...]
    quantity: int = 1
    mirrored_pair: bool = False
    grain_deg: float = 0.0


@dataclass(frozen=True)
class MarkerRequest:
    """Everything a marker needs except the engine and the time budget."""

    pieces: tuple[Piece, ...]
    ratio: dict[str, int]
    fabric_width: float
    spacing: float = 0.0
    orientations: tuple[float, ...] | None = (0.0, 180.0)
    folded: bool = False
    end_allowance: float = 20.0
    name: str = "marker"
    meta: dict[str, str] = field(default_factory=dict)


class ItemLabel(NamedTuple):
    """What an engine item stands for."""

    size: str
    piece: str
    mirrored: bool


def normalise_outline(outline: tuple[Point, ...] | list, grain_deg: float = 0.0,
                      mirrored: bool = False) -> tuple[Point, ...]:
    """CCW ring (not closed) with the grain along x, optionally mirrored across it,
    moved so that its bounding box starts at (0, 0)."""
    pts = [(float(x), float(y)) for x, y in outline]
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    pts = clean_ring(pts)
    if len(pts) < 3:
        raise NestInputError("a piece outline needs at least 3 points")
    g = Polygon(pts)
    if not g.is_valid or g.area <= 0:
        raise NestInputError("a piece outline is not a valid simple polygon")
    g = rotate(g, -grain_deg, origin=(0.0, 0.0))
    if mirrored:
        g = scale(g, 1.0, -1.0, origin=(0.0, 0.0))
    g = orient(g, 1.0)
    g = translate(g, -g.bounds[0], -g.bounds[1])
    ring = clean_ring([(round(x, 6), round(y, 6)) for x, y in list(g.exterior.coords)[:-1]])
    if len(ring) >= 3 and not Polygon(ring).is_valid:
        ring = _repaired(ring, g.area)
    if len(ring) < 3 or not Polygon(ring).is_valid:
        raise NestInputError("a piece outline is degenerate after cleaning")
    return tuple(ring)


def _repaired(ring: list[Point], area: float) -> list[Point]:
    """An outline whose edges touch within the 1e-6 mm rounding (a drafted hem turn-back
    can leave a sub-millimetre notch) made valid again: the outer ring of the largest part
    (slivers of holes filled), kept only when its area is within 0.1 % of the piece's;
    [] otherwise."""
    fixed = make_valid(Polygon(ring))
    parts = [fixed] if isinstance(fixed, Polygon) else [
        g for g in getattr(fixed, "geoms", []) if isinstance(g, Polygon)]
    if not parts:
        return []
    best = orient(Polygon(max(parts, key=lambda p: p.area).exterior), 1.0)
    if abs(best.area - area) > 0.001 * area:
        return []
    return clean_ring([(round(x, 6), round(y, 6)) for x, y in list(best.exterior.coords)[:-1]])


def clean_ring(pts: list[Point]) -> list[Point]:
    """Drop repeated consecutive points and zero-width spikes (A, B, A), which the engine
    rejects as non-consecutive duplicate vertices."""
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        for i in range(len(pts)):
            n = len(pts)
            a, b, c = pts[i - 1], pts[i], pts[(i + 1) % n]
            if b == a:
                del pts[i]
            elif a == c:
                del pts[max(i, (i + 1) % n)]
                del pts[min(i, (i + 1) % n)]
            else:
                continue
            changed = True
            break
    return pts


def min_height(outline: tuple[Point, ...], orientations: tuple[float, ...] | None) -> float:
    """Smallest y extent of the piece over its allowed rotations (sampled when free)."""
    angles = orientations if orientations is not None else tuple(range(0, 180, 2))
    g = Polygon(outline)
    return min(rotate(g, a, origin=(0, 0)).bounds[3] - rotate(g, a, origin=(0, 0)).bounds[1]
               for a in (angles or (0.0,)))


MAX_COPIES = 3000  # pieces placed in one marker; larger orders are split (cut order planning)
MAX_ASPECT = 800.0  # longest / thinnest side; sparrow cannot build its surrogate beyond ~1000


def slenderness(outline: tuple[Point, ...]) -> float:
    """Long side / short side of the piece's minimum rotated rectangle (1.0 for a degenerate
    outline, which the polygon check rejects with its own message)."""
    if len(outline) < 3:
        return 1.0
    rect = Polygon(outline).minimum_rotated_rectangle
    if rect.geom_type != "Polygon":
        return 1.0
    c = list(rect.exterior.coords)
    a, b = math.dist(c[0], c[1]), math.dist(c[1], c[2])
    return max(a, b) / min(a, b) if min(a, b) > 0 else 1.0


def _check_piece(p: Piece) -> None:
    if p.quantity < 1:
        raise NestInputError(f"piece {p.name!r} (size {p.size}): quantity must be at least 1")
    if slenderness(tuple(p.outline)) > MAX_ASPECT:
        raise NestInputError(f"piece {p.name!r} (size {p.size}) is thinner than 1/{MAX_ASPECT:g} "
                             "of its length; the nesting engine cannot place such slivers")


def to_problem(req: MarkerRequest) -> tuple[StripProblem, dict[str, ItemLabel]]:
    """Expand sizes x ratio, mirrored pairs and the fold into engine items."""
    if req.fabric_width <= 0:
        raise NestInputError("fabric width must be positive")
    if req.spacing < 0:
        raise NestInputError("spacing must be >= 0")
    if not req.pieces:
        raise NestInputError("no pieces to nest")
    sizes = {p.size for p in req.pieces}
    missing = sorted(set(req.ratio) - sizes)
    if missing:
        raise NestInputError(f"ratio names sizes without pieces: {missing}; have {sorted(sizes)}")
    width = req.fabric_width / 2.0 if req.folded else req.fabric_width
    items: list[EngineItem] = []
    labels: dict[str, ItemLabel] = {}
    for p in req.pieces:
        _check_piece(p)
        n = p.quantity * req.ratio.get(p.size, 0)
        if n <= 0:
            continue
        copies = [(False, n)]
        if req.folded:
            copies = [(False, n if p.mirrored_pair else math.ceil(n / 2))]
        elif p.mirrored_pair:
            copies.append((True, n))
        for mirrored, demand in copies:
            outline = normalise_outline(p.outline, p.grain_deg, mirrored)
            h = min_height(outline, req.orientations)
            if h + 2 * req.spacing > width + 1e-9:  # the engine keeps `spacing` from each edge
                extra = (f" plus the spacing {req.spacing:g} kept from each fabric edge"
                         if req.spacing else "")
                raise NestInputError(
                    f"piece {p.name!r} (size {p.size}) is {h:.1f} wide across the fabric in its "
                    f"allowed orientations{extra} but the usable width is {width:.1f}")
            key = f"{p.size}|{p.name}" + ("|m" if mirrored else "")
            if key in labels:
                raise NestInputError(f"duplicate piece {p.name!r} in size {p.size}")
            labels[key] = ItemLabel(p.size, p.name, mirrored)
            items.append(EngineItem(key, outline, demand, req.orientations))
    copies_total = sum(it.demand for it in items)
    if copies_total > MAX_COPIES:
        raise NestInputError(f"the order places {copies_total} pieces, more than {MAX_COPIES} in "
                             "one marker; split it into several markers")
    return StripProblem(tuple(items), width, req.spacing, req.name), labels
