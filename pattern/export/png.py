"""PNG preview with OpenCV (cut line, seam line, darts, notches, grain, holes, labels)."""

from __future__ import annotations

from pathlib import Path as FsPath

import cv2
import numpy as np

from pattern.export.layout import Placed, shelf
from pattern.finish import FinishedPiece
from pattern.geometry import Point

COLORS = [(40, 40, 40), (200, 60, 30), (30, 120, 200), (30, 160, 60), (150, 40, 160),
          (200, 140, 0), (0, 140, 140), (120, 80, 40)]


def _pts(points: list[Point], off: Point, k: float) -> np.ndarray:
    return np.array([[(p.x + off.x) * k, (p.y + off.y) * k] for p in points], np.int32)


def draw_piece(img: np.ndarray, pl: Placed, k: float, color: tuple[int, int, int],
               detail: bool = True) -> None:
    fp, off = pl.fp, pl.offset
    cv2.polylines(img, [_pts(fp.cut, off, k)], True, color, 2, cv2.LINE_AA)
    if not detail:
        return
    cv2.polylines(img, [_pts(fp.seam, off, k)], True, (150, 150, 150), 1, cv2.LINE_AA)
    for d in fp.piece.darts:
        cv2.polylines(img, [_pts([d.leg_a, d.tip, d.leg_b], off, k)], False, color, 1,
                      cv2.LINE_AA)
    for path in fp.piece.internal:
        cv2.polylines(img, [_pts(path.flatten(0.5), off, k)], False, color, 1, cv2.LINE_AA)
    for a, b in fp.notches:
        cv2.line(img, tuple(_pts([a], off, k)[0]), tuple(_pts([b], off, k)[0]), color, 2)
    for h in fp.piece.drill_holes:
        cv2.circle(img, tuple(_pts([h], off, k)[0]), 4, color, 1, cv2.LINE_AA)
    if fp.piece.grain:
        a, b = _pts(list(fp.piece.grain), off, k)
        cv2.arrowedLine(img, tuple(a), tuple(b), color, 1, cv2.LINE_AA, tipLength=0.05)
        cv2.arrowedLine(img, tuple(b), tuple(a), color, 1, cv2.LINE_AA, tipLength=0.05)
    lab = fp.label
    for i, line in enumerate(lab.lines):
        p = _pts([lab.at + Point(0, 0)], off, k)[0]
        cv2.putText(img, line, (int(p[0]), int(p[1] + i * 16)), cv2.FONT_HERSHEY_SIMPLEX,
                    0.42, color, 1, cv2.LINE_AA)


def render(pieces: list[FinishedPiece], px_per_mm: float = 1.0, title: str = "") -> np.ndarray:
    placed, w, h = shelf(pieces)
    width = max(int(w * px_per_mm) + 10, 10 * len(title) + 20)
    img = np.full((int(h * px_per_mm) + 40, width, 3), 255, np.uint8)
    for i, pl in enumerate(placed):
        draw_piece(img, pl, px_per_mm, COLORS[i % len(COLORS)])
    if title:
        cv2.putText(img, title, (10, img.shape[0] - 12), cv2.FONT_HERSHEY_SIMPLEX, 0.55,
                    (0, 0, 0), 1, cv2.LINE_AA)
    return img


def write_png(pieces: list[FinishedPiece], path: str | FsPath, px_per_mm: float = 0.6,
              title: str = "") -> None:
    cv2.imwrite(str(path), render(pieces, px_per_mm, title))
