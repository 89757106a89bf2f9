"""Immutable marker solution: placements, length, efficiency, waste and fabric needed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import Polygon

from pattern.nest.engine import RawPlacement, StripProblem
from pattern.nest.validate import ValidationReport, placed_polygon


@dataclass(frozen=True)
class MarkerSolution:
    """A checked layout. ``length`` is the right-most x of any piece (strip starts at 0).

    ``fabric_length`` adds an allowance at each end of the marker; with ``folded`` the
    strip is half the roll width and each placement cuts a mirrored pair.
    """

    problem: StripProblem
    placements: tuple[RawPlacement, ...]
    length: float
    report: ValidationReport
    elapsed_s: float = 0.0
    seed: int = 0
    engine: str = ""
    stopped_early: bool = False
    folded: bool = False
    end_allowance: float = 0.0
    labels: dict[str, Any] = field(default_factory=dict)

    @property
    def strip_width(self) -> float:
        return self.problem.strip_width

    @property
    def piece_area(self) -> float:
        """Area of all pieces placed on the strip (one layer)."""
        return sum(Polygon(it.outline).area * it.demand for it in self.problem.items)

    @property
    def efficiency(self) -> float:
        """Piece area / (width x length), the marker efficiency (ESICUP density)."""
        return self.piece_area / (self.strip_width * self.length)

    @property
    def waste_area(self) -> float:
        return self.strip_width * self.length - self.piece_area

    @property
    def fabric_length(self) -> float:
        """Fabric to lay per ply: marker length plus an end allowance at both ends."""
        return self.length + 2.0 * self.end_allowance

    def polygons(self) -> list[Polygon]:
        """Placed pieces as shapely polygons, in placement order."""
        return [placed_polygon(self.problem.item(p.key).outline, p.rotation_deg, p.translation)
                for p in self.placements]

    def summary(self) -> dict[str, Any]:
        """Figures for reports and the API."""
        return {
            "strip_width": self.strip_width,
            "fabric_width": self.strip_width * (2 if self.folded else 1),
            "folded": self.folded,
            "length": round(self.length, 4),
            "efficiency": round(self.efficiency, 6),
            "waste_area": round(self.waste_area, 3),
            "fabric_length": round(self.fabric_length, 4),
            "pieces": len(self.placements),
            "elapsed_s": self.elapsed_s,
            "seed": self.seed,
            "engine": self.engine,
            "stopped_early": self.stopped_early,
        }

    def to_dict(self) -> dict[str, Any]:
        """Summary plus one entry per placed copy (rotate about own origin, then translate)."""
        out = self.summary()
        out["placements"] = [
            {"item": p.key, **(self._label(p.key)), "rotation_deg": round(p.rotation_deg, 6),
             "translation": [p.translation[0], p.translation[1]]}
            for p in self.placements
        ]
        out["items"] = {it.key: [list(pt) for pt in it.outline] for it in self.problem.items}
        return out

    def _label(self, key: str) -> dict[str, Any]:
        lab = self.labels.get(key)
        if lab is None:
            return {}
        return {"size": lab.size, "piece": lab.piece, "mirrored": lab.mirrored}
