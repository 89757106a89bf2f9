"""Procedural, seamlessly tiling surface textures for the synthetic rooms.

A :class:`Material` names a pattern (wallpaper stripes, damask, wood planks, tiles, carpet,
fabric, books on a shelf, a picture, a window ...), two colours, the size in metres one tile
covers and a seed; :func:`atlas` turns a list of them into one float32 image of stacked
``TILE``×``TILE`` BGR tiles that the ray caster samples with ``cv2.remap``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

TILE = 128
BGR = tuple[float, float, float]


def scaled(c: BGR | np.ndarray, k: float = 1.0) -> BGR:
    """A BGR colour times ``k`` as a tuple of floats."""
    return (float(c[0]) * k, float(c[1]) * k, float(c[2]) * k)


@dataclass(frozen=True)
class Material:
    """A surface look: ``pattern`` in :data:`PATTERNS`; ``glow`` 1 means self-lit (windows, screens)."""

    pattern: str
    bgr: BGR
    bgr2: BGR = (0.0, 0.0, 0.0)
    size: tuple[float, float] = (1.0, 1.0)  # metres covered by one tile along (u, v)
    seed: int = 0
    glow: float = 0.0


def pnoise(rng: np.random.Generator, cu: float, cv: float | None = None) -> np.ndarray:
    """Periodic (tileable) smooth noise, unit std; ``cu``/``cv`` are cut-off frequencies in cycles."""
    cv = cu if cv is None else cv
    f = np.fft.fftfreq(TILE) * TILE
    fil = np.exp(-((f[None, :] / cu) ** 2) - (f[:, None] / cv) ** 2)
    n = np.real(np.fft.ifft2(np.fft.fft2(rng.standard_normal((TILE, TILE))) * fil))
    return np.asarray(n / (n.std() + 1e-9))


_UV = (np.mgrid[0:TILE, 0:TILE][::-1] + 0.5) / TILE  # (u, v) of texel centres in [0, 1)
gu, gv = _UV[0], _UV[1]


def _mix(a: np.ndarray, b: np.ndarray, w: np.ndarray) -> np.ndarray:
    return np.asarray(a * (1 - w[..., None]) + b * w[..., None])


def _paint(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    return np.asarray(c1 * (1 + 0.015 * pnoise(r, 3) + 0.008 * pnoise(r, 30))[..., None])


def _stripes(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    n, duty = int(r.integers(2, 7)), r.uniform(0.3, 0.6)
    s = (gu * n) % 1.0
    w = np.clip((np.minimum(np.abs(s - duty / 2), 1) - duty / 2) * -80 + 0.5, 0, 1)
    pin = (np.abs(s - 0.75) < 0.012) * r.uniform(0, 0.8)
    return _mix(c1, c2, np.maximum(w, pin)) * (1 + 0.02 * pnoise(r, 20))[..., None]


def _damask(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    n, rad = int(r.integers(2, 5)), r.uniform(0.18, 0.32)
    fu, fv = (gu * n) % 1.0, (gv * n * 2) % 1.0
    fu = np.where((np.floor(gv * n * 2) % 2) == 1, (fu + 0.5) % 1.0, fu)
    d = np.abs(fu - 0.5) + np.abs(fv - 0.5) * r.uniform(0.6, 1.0)
    petal = 0.5 + 0.5 * np.cos(np.arctan2(fv - 0.5, fu - 0.5) * 4)
    w = np.clip((rad * (0.7 + 0.5 * petal) - d) * 60, 0, 1)
    return _mix(c1, c2, w) * (1 + 0.02 * pnoise(r, 16))[..., None]


def _planks(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    n = int(r.integers(4, 9))
    col = np.floor(gu * n)
    shift = r.uniform(0, 1, n + 1)[col.astype(int)]
    row = np.floor((gv + shift) * 2) + col * 7
    tone = r.uniform(-0.12, 0.12, 512)[(row % 512).astype(int)]
    grain = pnoise(r, 14, 1.5) * 0.06 + pnoise(r, 40, 3) * 0.03
    seam = (((gu * n) % 1.0) < 0.02) | ((((gv + shift) * 2) % 1.0) < 0.006)
    img = _mix(c1, c2, np.clip(0.5 + grain * 6 + tone * 3, 0, 1))
    return np.asarray(img * (1 + tone + grain - 0.35 * seam)[..., None])


def _tiles(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    n, gw = int(r.integers(1, 4)), r.uniform(0.02, 0.05)
    grout = ((gu * n) % 1.0 < gw) | ((gv * n) % 1.0 < gw)
    idx = (np.floor(gu * n) + 5 * np.floor(gv * n)).astype(int)
    tone = r.uniform(-0.05, 0.05, 32)[idx]
    img = c1 * (1 + tone + 0.03 * pnoise(r, 6) + 0.015 * pnoise(r, 40))[..., None]
    return _mix(img, c2, grout.astype(float))


def _carpet(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    return np.asarray(c1 * (1 + 0.05 * pnoise(r, 4) + 0.07 * pnoise(r, 60))[..., None])


def _fabric(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    folds = 0.08 * np.sin(gu * 2 * np.pi * int(r.integers(1, 6)) + pnoise(r, 3)) * r.uniform(0, 1.5)
    return np.asarray(c1 * (1 + folds + 0.06 * pnoise(r, 5) + 0.03 * pnoise(r, 60))[..., None])


def _wood(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    grain = pnoise(r, 1.5, 18) * 0.5 + pnoise(r, 3, 50) * 0.3
    return _mix(c1, c2, np.clip(0.5 + 0.35 * grain, 0, 1))


def _books(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    edges = np.cumsum(r.uniform(0.02, 0.07, 60))
    idx = np.searchsorted(edges, gu)
    cols = r.uniform(20, 200, (61, 3)) * r.uniform(0.5, 1.0, (61, 1))
    top = r.uniform(0.0, 0.35, 61)[idx] * (r.random(61) < 0.8)[idx]
    img = np.where((gv > top)[..., None], cols[idx], c2)
    gap = r.random(61)[idx] < 0.1
    return np.where(gap[..., None], c2, img)


def _picture(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    cols = r.uniform(20, 240, (3, 3))
    w1, w2 = np.clip(0.5 + 0.6 * pnoise(r, 2), 0, 1), np.clip(0.5 + 0.6 * pnoise(r, 3), 0, 1)
    img = _mix(_mix(np.broadcast_to(cols[0], (TILE, TILE, 3)), cols[1], w1), cols[2], w2 * (gv > 0.4))
    mat = (np.minimum(np.minimum(gu, 1 - gu), np.minimum(gv, 1 - gv)) < r.uniform(0, 0.12))
    return np.where(mat[..., None], c1, img)


def _window(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    sky = _mix(c1, c1 * 0.7, np.clip(gv + 0.2 * pnoise(r, 3), 0, 1))
    bar = (np.abs(gu - 0.5) < 0.015) | (np.abs(gv - r.uniform(0.3, 0.5)) < 0.015)
    bar |= np.minimum(np.minimum(gu, 1 - gu), np.minimum(gv, 1 - gv)) < 0.03
    return np.where(bar[..., None], c2, sky)


def _door(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    img = c1 * (1 + 0.02 * pnoise(r, 4))[..., None]
    if r.random() < 0.6:
        for v0, v1 in ((0.08, 0.45), (0.55, 0.92)):
            inset = (gu > 0.15) & (gu < 0.85) & (gv > v0) & (gv < v1)
            edge = inset & ~((gu > 0.17) & (gu < 0.83) & (gv > v0 + 0.012) & (gv < v1 - 0.012))
            img = np.where(edge[..., None], img * 0.8, img)
    return np.asarray(img)


def _leaves(m: Material, c1: np.ndarray, c2: np.ndarray, r: np.random.Generator) -> np.ndarray:
    return _mix(c1, c2, np.clip(0.5 + 0.8 * pnoise(r, 12), 0, 1)) * (1 + 0.2 * pnoise(r, 25))[..., None]


PATTERNS: dict[str, Callable[[Material, np.ndarray, np.ndarray, np.random.Generator], np.ndarray]] = {
    "paint": _paint, "stripes": _stripes, "damask": _damask, "planks": _planks, "tiles": _tiles,
    "carpet": _carpet, "fabric": _fabric, "wood": _wood, "books": _books, "picture": _picture,
    "window": _window, "door": _door, "leaves": _leaves,
}


def tile(m: Material) -> np.ndarray:
    """One TILE×TILE float32 BGR tile of the material (deterministic for its seed)."""
    r = np.random.default_rng(m.seed)
    img = PATTERNS[m.pattern](m, np.array(m.bgr, float), np.array(m.bgr2, float), r)
    return np.clip(np.broadcast_to(img, (TILE, TILE, 3)), 0, 255).astype(np.float32)


@lru_cache(maxsize=4)  # a person's front and side photos share the room
def atlas(materials: tuple[Material, ...]) -> np.ndarray:
    """All tiles stacked vertically (read-only): material ``k`` is rows ``k*TILE:(k+1)*TILE``."""
    out = np.ascontiguousarray(np.concatenate([tile(m) for m in materials], axis=0))
    out.flags.writeable = False
    return out
