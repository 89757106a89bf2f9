"""Shape checks for shirt and sleeve drafts: seam-line turning angles and cap-ease split.

`max_turn` samples a path (lines at their ends, cubics at 48 steps of t) and returns the
largest direction change between consecutive chords, in degrees: a corner inside an
edge shows as its full angle, a smooth curve as a degree or two. Edge ends are the
marked corners of a piece and are not measured.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from pattern.geometry import Line, Path, Point
from pattern.piece import Piece

CUBIC_STEPS = 48


def samples(path: Path) -> list[Point]:
    """Points along the path: line ends, and CUBIC_STEPS + 1 points per cubic."""
    pts: list[Point] = [path.start]
    for seg in path.segments:
        n = 1 if isinstance(seg, Line) else CUBIC_STEPS
        pts.extend(seg.point(i / n) for i in range(1, n + 1))
    return pts


def max_turn(path: Path, min_chord: float = 1e-6) -> float:
    """Largest turn (degrees) between consecutive sampled chords of the path."""
    worst, prev = 0.0, None
    pts = samples(path)
    for a, b in itertools.pairwise(pts):
        d = b - a
        if d.norm() < min_chord:
            continue
        if prev is not None:
            c = max(-1.0, min(1.0, prev.unit().dot(d.unit())))
            worst = max(worst, math.degrees(math.acos(c)))
        prev = d
    return worst


def piece_turns(piece: Piece) -> dict[str, float]:
    """Edge name -> largest turn inside that edge."""
    return {e.name: max_turn(e.path) for e in piece.edges}


@dataclass(frozen=True)
class EaseSplit:
    """Cap ease either side of the shoulder notch (mm) and the back share of it."""

    back: float
    front: float

    @property
    def back_share(self) -> float:
        total = self.back + self.front
        return self.back / total if total else 0.5


def cap_ease_split(sleeve: Piece, armhole_back: float, armhole_front: float) -> EaseSplit:
    """Ease behind / in front of the shoulder notch: the cap notch at the cap top."""
    cap = sleeve.edge("cap").path
    top = sleeve.points["cap_top"]
    notch = min((n for n in sleeve.notches if n.edge == "cap"),
                key=lambda n: cap.point_at_length(n.dist).dist(top))
    return EaseSplit(notch.dist - armhole_back, cap.length() - notch.dist - armhole_front)
