"""Independent layout check with shapely (never trusts the engine).

Checks: every item placed exactly ``demand`` times, allowed rotations only, every piece
inside [0, L] x [0, W], pairwise overlap area below a tolerance and, when a minimum
spacing is asked, pairwise distance >= spacing (both within a small length tolerance:
the engine works in 32-bit floats).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from shapely import STRtree
from shapely.affinity import rotate, translate
from shapely.geometry import Polygon

from pattern.nest.engine import RawPlacement, StripProblem
from pattern.nest.errors import NestValidationError


@dataclass(frozen=True)
class ValidationReport:
    """Outcome of :func:`check_layout`; ``problems`` is empty when the layout is valid."""

    problems: tuple[str, ...]
    length: float
    max_overlap_area: float
    min_gap: float | None

    @property
    def ok(self) -> bool:
        return not self.problems


def placed_polygon(outline: Sequence[tuple[float, float]], rotation_deg: float,
                   translation: tuple[float, float]) -> Polygon:
    """The piece rotated CCW about its own origin, then translated."""
    g = rotate(Polygon(outline), rotation_deg, origin=(0.0, 0.0))
    return translate(g, translation[0], translation[1])


def _angle_allowed(rot: float, allowed: tuple[float, ...] | None, tol: float = 1e-3) -> bool:
    if allowed is None:
        return True
    allowed = allowed or (0.0,)
    return any(abs((rot - a + 180.0) % 360.0 - 180.0) <= tol for a in allowed)


def layout_length(problem: StripProblem, placements: Sequence[RawPlacement]) -> float:
    """Right-most x of any placed piece (the strip starts at x = 0)."""
    return max(placed_polygon(problem.item(p.key).outline, p.rotation_deg, p.translation)
               .bounds[2] for p in placements)


def check_layout(problem: StripProblem, placements: Sequence[RawPlacement],
                 length: float | None = None, rel_tol: float = 1e-5) -> ValidationReport:
    """Check a layout; ``length`` defaults to the right-most x of the pieces."""
    problems: list[str] = []
    items = {it.key: it for it in problem.items}
    counts = Counter(p.key for p in placements)
    for key, it in items.items():
        if counts.get(key, 0) != it.demand:
            problems.append(f"item {key}: placed {counts.get(key, 0)} times, demand {it.demand}")
    for key in counts.keys() - items.keys():
        problems.append(f"unknown item {key}")
    polys: list[Polygon] = []
    for i, p in enumerate(placements):
        if p.key not in items:
            continue
        if not _angle_allowed(p.rotation_deg, items[p.key].orientations):
            problems.append(f"placement {i} ({p.key}): rotation {p.rotation_deg:g} not allowed")
        polys.append(placed_polygon(items[p.key].outline, p.rotation_deg, p.translation))
    if not polys:
        return ValidationReport(tuple(problems or ["nothing placed"]), 0.0, 0.0, None)
    L = max(g.bounds[2] for g in polys) if length is None else length
    W = problem.strip_width
    tol = rel_tol * max(W, L)
    for i, g in enumerate(polys):
        x0, y0, x1, y1 = g.bounds
        if x0 < -tol or y0 < -tol or x1 > L + tol or y1 > W + tol:
            problems.append(f"piece {i} outside the strip: bounds {tuple(round(v, 4) for v in g.bounds)}")
    max_ov, min_gap = _pairwise(polys, problem.spacing, tol, problems)
    return ValidationReport(tuple(problems), L, max_ov, min_gap)


def _pairwise(polys: list[Polygon], spacing: float, tol: float,
              problems: list[str]) -> tuple[float, float | None]:
    tree = STRtree(polys)
    area_tol = 4.0 * tol * max(g.area for g in polys) ** 0.5  # a tol-wide sliver
    max_ov = 0.0
    min_gap: float | None = None
    reach = max(spacing, tol) * 1.01
    for i, g in enumerate(polys):
        for j in tree.query(g.buffer(reach, quad_segs=2), predicate="intersects"):
            j = int(j)
            if j <= i:
                continue
            h = polys[j]
            ov = g.intersection(h).area
            max_ov = max(max_ov, ov)
            if ov > area_tol:
                problems.append(f"pieces {i} and {j} overlap (area {ov:.6g})")
                continue
            if spacing > 0:
                d = g.distance(h)
                min_gap = d if min_gap is None else min(min_gap, d)
                if d < spacing - tol:
                    problems.append(f"pieces {i} and {j} are {d:.4g} apart (< {spacing:g})")
    return max_ov, min_gap


def assert_valid(problem: StripProblem, placements: Sequence[RawPlacement],
                 length: float | None = None) -> ValidationReport:
    """:func:`check_layout`, raising :class:`NestValidationError` when it finds problems."""
    rep = check_layout(problem, placements, length)
    if not rep.ok:
        raise NestValidationError("layout failed the independent check", list(rep.problems))
    return rep
