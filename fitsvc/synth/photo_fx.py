"""Phone-camera finishing of a composed synthetic photo.

Models what a phone's camera pipeline adds between the scene and the JPEG a customer uploads:
white-balance error (warm/cool and green/magenta), exposure and tone curve (gamma), lens
vignetting, occasional lens/focus blur, signal-dependent sensor noise with blotchy chroma
noise (much stronger in dim light, where the phone also raises the gain), the phone's
sharpening, and JPEG compression at quality 70-95.  Every choice is drawn from ``rng``.
"""

from __future__ import annotations

import cv2
import numpy as np


def _vignette(h: int, w: int, strength: float) -> np.ndarray:
    """Radial fall-off, 1 in the centre and ``1 - strength`` in the corners."""
    yy = (np.arange(h, dtype=np.float32) - h / 2) / (h / 2)
    xx = (np.arange(w, dtype=np.float32) - w / 2) / (w / 2)
    r2 = (yy[:, None] ** 2 + xx[None, :] ** 2) / 2
    return np.asarray(1 - strength * r2**1.5, np.float32)


def _noise(img: np.ndarray, rng: np.random.Generator, dark: bool) -> np.ndarray:
    """Read noise + shot noise (std grows with sqrt of the signal) + low-frequency chroma blotches."""
    h, w = img.shape[:2]
    read = rng.uniform(2.0, 5.0) if dark else rng.uniform(0.8, 2.5)
    shot = rng.uniform(0.35, 0.7) if dark else rng.uniform(0.1, 0.35)
    sigma = read + shot * np.sqrt(np.maximum(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY), 0))
    luma = rng.standard_normal((h, w), dtype=np.float32) * sigma
    out = img + luma[..., None]
    chroma_amp = rng.uniform(0.3, 0.7) if dark else rng.uniform(0.1, 0.4)
    small = rng.standard_normal((h // 4 + 1, w // 4 + 1, 3), dtype=np.float32)
    chroma = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    return np.asarray(out + chroma * (chroma_amp * sigma)[..., None])


def finish_photo(img_bgr: np.ndarray, rng: np.random.Generator, *, dark: bool = False) -> bytes:
    """JPEG bytes of ``img_bgr`` (uint8 BGR) as a phone would have taken it."""
    h, w = img_bgr.shape[:2]
    warm = rng.normal(0.0, 0.06)
    gains = np.array([1 - warm, 1 + rng.normal(0.0, 0.02), 1 + warm], np.float32)
    exposure = rng.uniform(0.95, 1.15) if dark else rng.uniform(0.88, 1.12)
    gamma = rng.uniform(0.95, 1.15) if dark else rng.uniform(0.85, 1.15)
    levels = np.arange(256, dtype=np.float32)[:, None] * gains * exposure  # one tone curve per channel
    lut = (255.0 * (np.clip(levels, 0, 255) / 255.0) ** gamma).astype(np.float32)
    img: np.ndarray = cv2.LUT(np.ascontiguousarray(img_bgr, np.uint8), lut.reshape(256, 1, 3))
    img *= _vignette(h, w, rng.uniform(0.05, 0.35))[..., None]
    if rng.random() < 0.3:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 1.3))
    img = _noise(img, rng, dark)
    if dark:  # the phone's denoiser smears the noise into blotches
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.3, 0.6))
    if rng.random() < 0.6:
        amount = rng.uniform(0.2, 0.8)
        img = cv2.addWeighted(img, 1 + amount, cv2.GaussianBlur(img, (0, 0), 1.5), -amount, 0)
    out = np.clip(img + 0.5, 0, 255).astype(np.uint8)
    quality = int(rng.integers(70, 96))
    ok, enc = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return bytes(enc.tobytes())
