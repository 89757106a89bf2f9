"""Notches on the cut line, labels and the cut list (FreeSewing-style annotations)."""

from __future__ import annotations

from dataclasses import dataclass

from pattern.geometry import Point
from pattern.piece import Piece
from pattern.shapes import signed_area


def notch_marks(piece: Piece) -> list[tuple[Point, Point]]:
    """Each notch as a short line from the cut line inwards (double notches → two lines)."""
    outward = 1.0 if signed_area(piece.outline()) > 0 else -1.0
    marks: list[tuple[Point, Point]] = []
    for n in piece.notches:
        e = piece.edge(n.edge)
        offsets = (-2.5, 2.5) if n.kind == "double" else (0.0,)
        for off in offsets:
            d = min(max(n.dist + off, 0.0), e.length())
            p, t = e.path.point_at_length(d), e.path.tangent_at_length(d)
            # y-down drawing: with a positive (maths) area the right-hand normal is outward
            normal = Point(t.y, -t.x) * outward
            start = p + normal * e.sa
            marks.append((start, start - normal * n.depth))
    return marks


@dataclass(frozen=True)
class Label:
    lines: tuple[str, ...]
    at: Point
    height: float


def label(piece: Piece, style: str, size: str) -> Label:
    """Piece label text (ASCII only, short lines) placed inside the piece."""
    lines = (f"{style} {piece.code}", piece.name.replace("_", " "), f"size {size}",
             piece.cut.describe())
    ring = piece.outline()
    xs, ys = [p.x for p in ring], [p.y for p in ring]
    w = max(xs) - min(xs)
    h = max(1.5, min(8.0, w / 25))
    at = piece.grain[0].lerp(piece.grain[1], 0.3) if piece.grain else \
        Point(sum(xs) / len(xs), sum(ys) / len(ys))
    return Label(lines, at + Point(h, 0), h)


def cut_list(pieces: list[Piece]) -> list[dict[str, object]]:
    """Rows: piece, code, quantity, mirrored pair, on fold, material, text."""
    return [{"piece": p.name, "code": p.code, "quantity": p.cut.quantity,
             "mirrored": p.cut.mirrored, "on_fold": p.cut.on_fold,
             "material": p.cut.material, "text": p.cut.describe()} for p in pieces]
