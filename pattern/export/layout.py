"""Simple shelf layout of finished pieces for drawings (not a fabric marker)."""

from __future__ import annotations

from dataclasses import dataclass

from pattern.finish import FinishedPiece
from pattern.geometry import Point


@dataclass(frozen=True)
class Placed:
    fp: FinishedPiece
    offset: Point  # add to piece coordinates


def bbox(points: list[Point]) -> tuple[float, float, float, float]:
    xs, ys = [p.x for p in points], [p.y for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def shelf(pieces: list[FinishedPiece], max_width: float = 1400.0,
          gap: float = 20.0) -> tuple[list[Placed], float, float]:
    """Place pieces left-to-right in rows; returns placements, total width, height."""
    placed: list[Placed] = []
    x = y = row_h = width = 0.0
    for fp in pieces:
        x0, y0, x1, y1 = bbox(fp.cut)
        w, h = x1 - x0, y1 - y0
        if x > 0 and x + w > max_width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        placed.append(Placed(fp, Point(x - x0 + gap, y - y0 + gap)))
        x += w + gap
        row_h = max(row_h, h)
        width = max(width, x)
    return placed, width + 2 * gap, y + row_h + 2 * gap
