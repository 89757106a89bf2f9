"""A person's silhouette in a canonical frame: upright, fixed pixel height, scaled by stature.

Pure functions on binary masks. Photos (the segmentation of MediaPipe) and silhouette scans
(a phone app's own mask) go through the same code, so a silhouette scan of a photo's mask
gives the photo scan's numbers.

1. The mask is resampled so the body is ``CANON_HEIGHT_PX`` rows tall (any input resolution,
   640 px to 12 MP, gives the same frame); the person is its largest connected component,
   holes filled.
2. Camera roll is undone: the body axis is a trimmed line fit through the midpoints of the
   silhouette's rows (feet to head), limited to ±``MAX_ROLL_DEG``; the stature the customer
   typed then sets cm per pixel.
4. A profile is mirrored so the person faces +x (toes and face), found from the feet
   (toes reach further forward than the heels), else from the head.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

CANON_HEIGHT_PX = 600
PAD_PX = 12
MAX_ROLL_DEG = 10.0


@dataclass(frozen=True)
class BodyFrame:
    """Canonical silhouette: rows ``top``..``floor`` hold the body; ``mask`` is bool."""

    mask: np.ndarray
    top: int
    floor: int
    cm_per_px: float
    roll_deg: float
    mirrored: bool
    affine: np.ndarray  # 2×3: original image pixel → canonical pixel (before mirroring)
    source_size: tuple[int, int]  # (width, height) of the input mask

    @property
    def height_px(self) -> int:
        return self.floor - self.top + 1

    def row(self, frac: float) -> int:
        """Row at a height above the floor given as a fraction of stature."""
        return round(self.floor - frac * (self.height_px - 1))

    def frac_of_row(self, row: float) -> float:
        return float((self.floor - row) / (self.height_px - 1))

    def to_canonical(self, points_xy: np.ndarray) -> np.ndarray:
        pts = np.c_[points_xy, np.ones(len(points_xy))] @ self.affine.T
        if self.mirrored:
            pts[:, 0] = self.mask.shape[1] - 1 - pts[:, 0]
        return np.asarray(pts)


def largest_component(mask: np.ndarray) -> np.ndarray:
    """The largest 8-connected component of a binary mask, with its holes filled."""
    binary = np.ascontiguousarray(mask, dtype=np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if n <= 1:
        return np.zeros(mask.shape, dtype=bool)
    keep = (labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))).astype(np.uint8)
    contours, _ = cv2.findContours(keep, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    filled = np.zeros_like(keep)
    cv2.drawContours(filled, contours, -1, (1,), thickness=cv2.FILLED)
    return filled.astype(bool)


def _row_midpoints(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    rows = np.flatnonzero(mask.any(axis=1))
    sub = mask[rows]
    first = np.argmax(sub, axis=1)
    last = sub.shape[1] - 1 - np.argmax(sub[:, ::-1], axis=1)
    return rows, (first + last) / 2.0


def axis_roll_deg(mask: np.ndarray) -> float:
    """Roll of the body axis from image vertical (positive: the head leans to +x)."""
    rows, mid = _row_midpoints(mask)
    if rows.size < 20:
        return 0.0
    top, bottom = rows[0], rows[-1]
    keep = (rows > top + 0.05 * (bottom - top)) & (rows < bottom - 0.02 * (bottom - top))
    y, x = rows[keep].astype(float), mid[keep]
    for _ in range(2):  # trimmed fit: arms and hands make outliers
        slope, icpt = np.polyfit(y, x, 1)
        res = np.abs(x - (slope * y + icpt))
        ok = res <= np.percentile(res, 70)
        y, x = y[ok], x[ok]
    slope, _ = np.polyfit(y, x, 1)
    return float(np.clip(-math.degrees(math.atan(slope)), -MAX_ROLL_DEG, MAX_ROLL_DEG))


def _rescaled(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The person's bounding box resampled to ~CANON_HEIGHT_PX rows (float, anti-aliased),
    the largest component kept; returns (mask, 3×3 map from input pixels)."""
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    if rows.size == 0:
        raise ValueError("no silhouette")
    y0, y1, x0, x1 = rows[0], rows[-1], cols[0], cols[-1]
    scale = CANON_HEIGHT_PX / max(y1 - y0 + 1, 1)
    crop = mask[y0 : y1 + 1, x0 : x1 + 1].astype(np.float32)
    size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
    interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
    small = largest_component(cv2.resize(crop, size, interpolation=interp) > 0.5)
    pre = np.array([[scale, 0.0, -x0 * scale], [0.0, scale, -y0 * scale], [0.0, 0.0, 1.0]])
    return small, pre


def _upright(small: np.ndarray, roll_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """Rotate by −roll about the centre into a padded canvas; returns (mask, 2×3 affine)."""
    diag = int(math.hypot(*small.shape)) + 2 * PAD_PX
    out_w, out_h = diag, int(small.shape[0] / max(math.cos(math.radians(roll_deg)), 0.9)) + 2 * PAD_PX
    centre = (small.shape[1] / 2.0, small.shape[0] / 2.0)
    rot = np.asarray(cv2.getRotationMatrix2D(centre, roll_deg, 1.0), dtype=float)  # head to −x
    rot[:, 2] += (out_w / 2.0 - centre[0], out_h / 2.0 - centre[1])
    if abs(roll_deg) < 0.05:
        upright = np.zeros((out_h, out_w), bool)
        oy, ox = int(rot[1, 2]), int(rot[0, 2])
        upright[oy : oy + small.shape[0], ox : ox + small.shape[1]] = small
        rot[:, 2] = (ox, oy)
        return upright, rot
    warped = cv2.warpAffine(small.view(np.uint8) * np.uint8(255), rot, (out_w, out_h),
                            flags=cv2.INTER_LINEAR)
    return warped > 127, rot


def _faces_minus_x(mask: np.ndarray, top: int, floor: int) -> bool:
    """Profile facing: the toes stick out in front of the shin; else the face/nose side."""
    h = floor - top + 1
    foot = mask[floor - max(2, int(0.02 * h)) : floor + 1]
    shin = mask[floor - int(0.10 * h) : floor - int(0.07 * h)]
    if foot.any() and shin.any():
        fc = np.flatnonzero(foot.any(axis=0))
        sc = np.flatnonzero(shin.any(axis=0))
        centre = (sc[0] + sc[-1]) / 2.0
        forward, backward = fc[-1] - centre, centre - fc[0]
        if abs(forward - backward) > 0.01 * h:
            return bool(backward > forward)
    head = mask[top : top + int(0.08 * h)]
    neck = mask[top + int(0.11 * h) : top + int(0.15 * h)]
    hc, nc = np.flatnonzero(head.any(axis=0)), np.flatnonzero(neck.any(axis=0))
    if hc.size and nc.size:
        return bool((hc[0] + hc[-1]) / 2.0 < (nc[0] + nc[-1]) / 2.0 - 0.5)
    return False


def frame_mask(mask: np.ndarray, stature_cm: float, view: str) -> BodyFrame:
    """The canonical frame of one view's silhouette (``view`` is ``front`` or ``side``)."""
    small, pre = _rescaled(mask)
    if small.sum() < 500:
        raise ValueError("no silhouette")
    roll = axis_roll_deg(small)
    canon, rot = _upright(small, roll)
    rows = np.flatnonzero(canon.any(axis=1))
    top, floor = int(rows[0]), int(rows[-1])
    mirrored = view == "side" and _faces_minus_x(canon, top, floor)
    if mirrored:
        canon = canon[:, ::-1].copy()
    affine = np.vstack([rot, [0.0, 0.0, 1.0]]) @ pre
    return BodyFrame(canon, top, floor, stature_cm / (floor - top + 1), roll, mirrored,
                     affine[:2], (mask.shape[1], mask.shape[0]))
