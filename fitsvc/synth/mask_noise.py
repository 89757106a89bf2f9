"""Segmentation noise like a phone app's person mask, applied to the lab's exact silhouettes.

A phone segmenter's mask differs from the true outline in a few typical ways, each drawn at
random per mask: the outline sits a pixel or two outside or inside (dilation/erosion), its
edge wobbles smoothly (a low-frequency displacement of up to a few pixels), fine detail is
lost (the mask is computed at a lower resolution and upsampled, then thresholded), and small
blobs of background stick to the edge or holes appear. Silhouette-scan training and the
silhouette benchmark use it; photo scans get MediaPipe's own mask instead.
"""

from __future__ import annotations

import cv2
import numpy as np


def _wobble(mask: np.ndarray, rng: np.random.Generator, amp: float) -> np.ndarray:
    h, w = mask.shape
    cell = max(8, int(0.03 * h))
    grid = (max(2, h // cell), max(2, w // cell))
    dx = cv2.resize(rng.normal(0, amp, grid).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    dy = cv2.resize(rng.normal(0, amp, grid).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    out = cv2.remap(mask.astype(np.float32), xs + dx, ys + dy, cv2.INTER_LINEAR)
    return np.asarray(out > 0.5)


def _blobs(mask: np.ndarray, rng: np.random.Generator, n: int) -> np.ndarray:
    out = mask.astype(np.uint8).copy()
    contours, _ = cv2.findContours(out, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return mask
    edge = max(contours, key=len)[:, 0, :]
    h = mask.shape[0]
    for _ in range(n):
        x, y = edge[rng.integers(len(edge))]
        r = int(rng.uniform(0.004, 0.012) * h) + 1
        cv2.circle(out, (int(x), int(y)), r, (int(rng.random() < 0.6),), -1)
    return out.astype(bool)


SEGMENTER_STRENGTH = 0.5  # the masks' areas scatter by ~2 % (sd), as MediaPipe's do on the lab


def phone_mask_noise(mask: np.ndarray, rng: np.random.Generator,
                     strength: float = SEGMENTER_STRENGTH) -> np.ndarray:
    """A noisy copy of a binary person mask (``strength`` 0 returns it unchanged; the
    default gives areas that scatter like MediaPipe's masks of the lab's photos)."""
    if strength <= 0:
        return mask.copy()
    h = mask.shape[0]
    px = max(1.0, h / 1000.0)  # noise in pixels of a ~1000 px tall frame
    out = mask.copy()
    if rng.random() < 0.8:  # low-resolution segmentation, upsampled
        f = rng.uniform(0.2, 0.6)
        small = cv2.resize(out.astype(np.float32), (0, 0), fx=f, fy=f, interpolation=cv2.INTER_AREA)
        up = cv2.resize(small, (mask.shape[1], mask.shape[0]), interpolation=cv2.INTER_LINEAR)
        out = up > rng.uniform(0.4, 0.6)
    r = round(rng.normal(0, 1.2) * px * strength)
    if r:
        k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * abs(r) + 1, 2 * abs(r) + 1))
        op = cv2.dilate if r > 0 else cv2.erode
        out = op(out.astype(np.uint8), k).astype(bool)
    out = _wobble(out, rng, rng.uniform(0.5, 2.5) * px * strength)
    if rng.random() < 0.5:
        out = _blobs(out, rng, int(rng.integers(1, 6)))
    return out
