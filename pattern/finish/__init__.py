"""Finishing: seam allowance, notches, grain, drill holes, labels, cut list."""

from __future__ import annotations

from dataclasses import dataclass

from pattern.finish.annotate import Label, cut_list, label, notch_marks
from pattern.finish.seam_allowance import cut_outline
from pattern.geometry import Point
from pattern.piece import Piece


@dataclass(frozen=True)
class FinishedPiece:
    """A piece ready for export: seam line, cut line, notch marks and label."""

    piece: Piece
    size: str
    seam: list[Point]
    cut: list[Point]
    notches: list[tuple[Point, Point]]
    label: Label

    @property
    def name(self) -> str:
        return self.piece.name


def finish(piece: Piece, style: str = "BLOCK", size: str = "MTM") -> FinishedPiece:
    return FinishedPiece(piece, size, piece.outline(0.2), cut_outline(piece),
                         notch_marks(piece), label(piece, style, size))


__all__ = ["FinishedPiece", "cut_list", "cut_outline", "finish"]
