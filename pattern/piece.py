"""Export-agnostic piece model: seam-line outline of named edges plus annotations."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from pattern.geometry import Path, Point, path_x_at_y
from pattern.shapes import is_simple_ring, polygon_area

EDGE_KINDS = ("seam", "hem", "fold", "edge")


@dataclass(frozen=True)
class Edge:
    """One edge of the seam line; `sa` is its seam allowance (0 on a fold)."""

    name: str
    path: Path
    sa: float = 10.0
    kind: str = "seam"
    takeup: float = 0.0  # dart/pleat intake that disappears when sewn

    def length(self) -> float:
        return self.path.length()

    def sewn_length(self) -> float:
        return self.path.length() - self.takeup


@dataclass(frozen=True)
class Notch:
    """Notch at `dist` mm along edge `edge` (measured from the edge start)."""

    edge: str
    dist: float
    kind: str = "slit"  # slit | double (back) | v
    depth: float = 6.0


@dataclass(frozen=True)
class Dart:
    """Dart: two legs meeting at `tip` (internal lines on AAMA layer 8)."""

    name: str
    leg_a: Point
    tip: Point
    leg_b: Point

    def intake_at_y(self, y: float) -> float:
        xs = path_x_at_y(Path.polyline([self.leg_a, self.tip, self.leg_b]), y)
        return abs(xs[0] - xs[1]) if len(xs) >= 2 else 0.0


@dataclass(frozen=True)
class Cut:
    """Cut list entry: `quantity` pieces; `mirrored` = left/right pair; `on_fold`."""

    quantity: int = 1
    mirrored: bool = False
    on_fold: bool = False
    material: str = "fabric"

    def describe(self) -> str:
        what = "1 pair" if self.mirrored and self.quantity == 2 else str(self.quantity)
        fold = " on fold" if self.on_fold else ""
        return f"cut {what}{fold} ({self.material})"


@dataclass(frozen=True)
class Piece:
    """A drafted pattern piece (seam line, no allowance); y points down, mm."""

    name: str
    code: str
    edges: tuple[Edge, ...]
    points: dict[str, Point] = field(default_factory=dict)
    darts: tuple[Dart, ...] = ()
    internal: tuple[Path, ...] = ()
    notches: tuple[Notch, ...] = ()
    drill_holes: tuple[Point, ...] = ()
    grain: tuple[Point, Point] | None = None
    cut: Cut = field(default_factory=Cut)
    levels: dict[str, float] = field(default_factory=dict)  # girth levels name -> y
    overlap: float = 0.0  # button extension beyond CF, excluded from girths
    meta: dict[str, str] = field(default_factory=dict)

    def edge(self, name: str) -> Edge:
        for e in self.edges:
            if e.name == name:
                return e
        raise KeyError(f"{self.name} has no edge {name!r}")

    def outline(self, tol: float = 0.2) -> list[Point]:
        """Closed seam line as a polygon ring (no repeated closing point)."""
        pts: list[Point] = []
        for e in self.edges:
            pts.extend(e.path.flatten(tol)[:-1])
        return pts

    def turn_points(self) -> list[tuple[str, Point]]:
        """Edge start points: the corners that carry grade rules."""
        return [(e.name, e.path.start) for e in self.edges]

    def area(self) -> float:
        return polygon_area(self.outline())

    def is_simple(self) -> bool:
        return is_simple_ring(self.outline())

    def width_at(self, y: float) -> float:
        """Sewn width across the piece at level y (outline span minus dart intakes)."""
        ring = self.outline(0.05)
        xs = path_x_at_y(Path.polyline([*ring, ring[0]]), y)
        if len(xs) < 2:
            return 0.0
        span = max(xs) - min(xs) - self.overlap
        return span - sum(d.intake_at_y(y) for d in self.darts)

    def with_meta(self, **kv: str) -> Piece:
        return replace(self, meta={**self.meta, **kv})

    def check_closed(self, tol: float = 1e-6) -> bool:
        ring = [*self.edges, self.edges[0]]
        return all(a.path.end.dist(b.path.start) < tol for a, b in itertools.pairwise(ring))
