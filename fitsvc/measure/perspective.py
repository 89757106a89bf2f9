"""Undo the phone's pitch: warp a view as if the camera had been held level.

A phone tilted up (on the floor) or down (held high) makes verticals converge and changes
the scale from the feet to the head. When the app sends the camera's pitch (its orientation
sensor: the optical axis' angle above the horizon, positive when tilted up), the mask is
mapped through the homography of a pure camera rotation, H = K · Rx(pitch) · K⁻¹ (Hartley &
Zisserman, *Multiple View Geometry*, 2nd ed., §8.4.2), which turns it into the photo a level
camera at the same place would have taken: vertical lines become parallel and a standing
person's scale is the same at every height. The focal length comes from the photo's EXIF
(35 mm equivalent) or, failing that, a phone main camera's 26 mm equivalent.
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np

DEFAULT_FOCAL_35MM = 26.0
MAX_PITCH_DEG = 45.0


def focal_px(width: int, height: int, focal_35mm: float | None = None) -> float:
    f35 = focal_35mm if focal_35mm and 10 <= focal_35mm <= 200 else DEFAULT_FOCAL_35MM
    return float(f35 / 43.27 * math.hypot(width, height))


def exif_focal_35mm(exif: Any) -> float | None:
    """FocalLengthIn35mmFilm from a photo's EXIF (a PIL ``Image.Exif``, read while decoding,
    before the metadata is dropped), or None when absent or not a phone's focal length."""
    try:
        f = float(exif.get_ifd(0x8769).get(0xA405))
    except Exception:  # absent, or unreadable EXIF, means "unknown"
        return None
    return f if 10 <= f <= 200 else None


def level_homography(width: int, height: int, pitch_deg: float, f: float) -> np.ndarray:
    """Homography from the pitched photo to a level camera's photo (same K)."""
    k = np.array([[f, 0.0, width / 2.0], [0.0, f, height / 2.0], [0.0, 0.0, 1.0]])
    k_inv = np.array([[1 / f, 0.0, -width / 2.0 / f], [0.0, 1 / f, -height / 2.0 / f], [0.0, 0.0, 1.0]])
    a = math.radians(pitch_deg)
    # camera coordinates: x right, y down, z forward; tilted up by a, the level camera sees
    # a point at y' = y cos a − z sin a, z' = y sin a + z cos a
    r = np.array([[1.0, 0.0, 0.0], [0.0, math.cos(a), -math.sin(a)], [0.0, math.sin(a), math.cos(a)]])
    return np.asarray(k @ r @ k_inv)


def level_mask(mask: np.ndarray, pitch_deg: float, focal_35mm: float | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """(mask as a level camera sees it, 3×3 map from input pixels to output pixels)."""
    h, w = mask.shape
    pitch = float(np.clip(pitch_deg, -MAX_PITCH_DEG, MAX_PITCH_DEG))
    if abs(pitch) < 0.05:
        return mask, np.eye(3)
    hom = level_homography(w, h, pitch, focal_px(w, h, focal_35mm))
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return mask.copy(), np.eye(3)
    # Keep the person in view with a 4 px margin. A pitch moves a row as a whole (y' depends on
    # y alone) and maps x within a row by an increasing affine map, so each row's first and
    # last pixel bound the warped silhouette exactly; only the person's bounding box is warped.
    sub = mask[rows[0] : rows[-1] + 1]
    on = sub.any(axis=1)
    first = np.argmax(sub, axis=1)[on]
    last = sub.shape[1] - 1 - np.argmax(sub[:, ::-1], axis=1)[on]
    ys = (rows[0] + np.flatnonzero(on)).astype(float)
    ends = np.r_[np.c_[first, ys, np.ones_like(ys)], np.c_[last, ys, np.ones_like(ys)]] @ hom.T
    ends = ends[:, :2] / ends[:, 2:3]
    lo, hi = ends.min(0) - 4, ends.max(0) + 4
    shift = np.array([[1.0, 0.0, -lo[0]], [0.0, 1.0, -lo[1]], [0.0, 0.0, 1.0]])
    full = shift @ hom
    size = (math.ceil(hi[0] - lo[0]) + 1, math.ceil(hi[1] - lo[1]) + 1)
    x0, x1 = int(first.min()), int(last.max()) + 1
    crop = np.array([[1.0, 0.0, x0], [0.0, 1.0, rows[0]], [0.0, 0.0, 1.0]])
    warped = cv2.warpPerspective(sub[:, x0:x1].astype(np.uint8), full @ crop, size,
                                 flags=cv2.INTER_NEAREST).astype(bool)
    return warped, full
