"""Pure geometry on a person's binary silhouette: cleaning, upright frame, horizontal runs."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np


def clean_mask(prob: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """Largest connected component of `prob > threshold`, small holes filled (bool)."""
    binary = (prob > threshold).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if n <= 1:
        return np.zeros_like(binary, dtype=bool)
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    mask = (labels == largest).astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    return mask.astype(bool)


def roll_angle_deg(bottom: np.ndarray, top: np.ndarray) -> float:
    """Angle (degrees) of the body axis from image vertical; positive leans right at the top."""
    dx, dy = float(top[0] - bottom[0]), float(bottom[1] - top[1])
    return math.degrees(math.atan2(dx, dy))


@dataclass(frozen=True)
class Upright:
    """A mask and keypoints rotated so the body axis is vertical."""

    mask: np.ndarray
    points: np.ndarray  # (N, 2) pixel coordinates in the rotated frame
    angle_deg: float
    matrix: np.ndarray  # 2×3 affine: original → upright


def make_upright(mask: np.ndarray, points_xy: np.ndarray, angle_deg: float) -> Upright:
    """Rotate mask and points by -angle about the image centre (no-op under 0.3°)."""
    h, w = mask.shape
    if abs(angle_deg) < 0.3:
        eye = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
        return Upright(mask, points_xy.copy(), 0.0, eye)
    matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), -angle_deg, 1.0)
    rotated = cv2.warpAffine(mask.astype(np.uint8), matrix, (w, h), flags=cv2.INTER_NEAREST)
    pts = np.c_[points_xy, np.ones(len(points_xy))] @ matrix.T
    return Upright(rotated.astype(bool), pts, angle_deg, matrix)


def vertical_extent(mask: np.ndarray) -> tuple[int, int]:
    """First and last rows that contain the silhouette."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        raise ValueError("empty silhouette")
    return int(rows[0]), int(rows[-1])


def runs(row: np.ndarray) -> list[tuple[int, int]]:
    """Half-open [start, end) column intervals where a boolean row is set."""
    padded = np.concatenate(([0], row.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def run_at(row: np.ndarray, x: float, max_gap: int = 0) -> tuple[int, int] | None:
    """The run containing column x, else the nearest one within `max_gap` px."""
    best, best_d = None, float("inf")
    for a, b in runs(row):
        d = 0.0 if a <= x < b else min(abs(x - a), abs(x - (b - 1)))
        if d < best_d:
            best, best_d = (a, b), d
    if best is None or best_d > max_gap:
        return None
    return best


def run_width(mask: np.ndarray, y: int, x: float, max_gap: int = 0) -> float:
    """Width in px of the run containing x on row y (0 when none); fast path for set pixels."""
    if not 0 <= y < mask.shape[0]:
        return 0.0
    row = mask[y]
    xi = round(x)
    if not 0 <= xi < row.size or not row[xi]:
        r = run_at(row, x, max_gap)
        return 0.0 if r is None else float(r[1] - r[0])
    left = row[xi::-1]
    right = row[xi:]
    n_left = int(np.argmin(left)) if not left.all() else left.size
    n_right = int(np.argmin(right)) if not right.all() else right.size
    return float(n_left + n_right - 1)
