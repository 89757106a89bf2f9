"""Nested (stacked) all-sizes drawing of a graded run: every size at the piece origin."""

from __future__ import annotations

import numpy as np

from pattern.export.layout import Placed, shelf
from pattern.export.png import COLORS, draw_piece
from pattern.finish import FinishedPiece, finish
from pattern.geometry import Point
from pattern.grade.grade import GradedRun


def nested_pieces(run: GradedRun, style: str) -> tuple[list[FinishedPiece], list[Placed],
                                                       tuple[float, float]]:
    """All sizes of every piece placed at the offset of the largest size's slot."""
    largest = run.drafts[run.sizes[-1]]
    big = [finish(p, style, run.sizes[-1]) for p in largest.pieces]
    slots, w, h = shelf(big)
    fps: list[FinishedPiece] = []
    placed: list[Placed] = []
    for slot in slots:
        for s in run.sizes:
            fp = finish(run.drafts[s].piece(slot.fp.name), style, s)
            fps.append(fp)
            placed.append(Placed(fp, slot.offset))
    return fps, placed, (w, h)


def render_nest(run: GradedRun, px_per_mm: float = 1.0) -> np.ndarray:
    """PNG-ready image: one colour per size, sample size with full detail."""
    import cv2

    _fps, placed, (w, h) = nested_pieces(run, run.block.upper())
    img = np.full((int(h * px_per_mm) + 60, max(int(w * px_per_mm) + 10, 560), 3), 255,
                  np.uint8)
    for pl in placed:
        i = run.sizes.index(pl.fp.size)
        detail = pl.fp.size == run.chart.sample_size
        draw_piece(img, pl if detail else Placed(pl.fp, pl.offset), px_per_mm,
                   COLORS[(i + 1) % len(COLORS)], detail=detail)
    legend = "  ".join(run.sizes)
    cv2.putText(img, f"{run.block}: nested sizes {legend} (sample {run.chart.sample_size})",
                (10, img.shape[0] - 12), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (0, 0, 0), 1,
                cv2.LINE_AA)
    for i, s in enumerate(run.sizes):
        cv2.putText(img, s, (10 + 45 * i, img.shape[0] - 30), cv2.FONT_HERSHEY_SIMPLEX, 0.55,
                    COLORS[(i + 1) % len(COLORS)], 2, cv2.LINE_AA)
    _ = Point
    return img
