"""Silhouette readings in a canonical frame: width/depth profiles and landmark extremes.

Every reading is in cm (the customer's stature sets the scale) at heights given as fractions
of stature, so it does not depend on the photo's resolution. Arms are not cut out by hand:
when they touch the torso the front widths include them, and ``arms_apart`` says on how many
torso rows the arms stood clear; the learned photo model (``photo_model.py``) was trained on
all arm poses and knows what each reading means in each case.

Front: the width of the run holding the body axis per height (``fw_*``), the neck, shoulder,
waist-band minimum and hip-band maximum widths, the crotch (where the legs part), a thigh
width, and how far the arms stood apart. Side (mirrored to face +x): depth per height
(``sd_*``), the front and back edges relative to the ankle–neck axis (``sf_*``, ``sb_*``),
and band extremes (bust, belly, buttocks, waist).
"""

from __future__ import annotations

import numpy as np

from fitsvc.measure.body_frame import BodyFrame

GRID = tuple(float(g) for g in np.round(np.arange(0.40, 0.8551, 0.015), 3))


def _central_runs(mask: np.ndarray, axis_x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, [left, right) of the run holding column ``axis_x[row]`` (0, 0 when unset)."""
    h, w = mask.shape
    xs = np.clip(np.round(axis_x).astype(int), 0, w - 1)
    padded = np.zeros((h, w + 2), np.int8)  # a background column each side ends every run
    padded[:, 1:-1] = mask
    edges = np.diff(padded.ravel())
    starts = np.flatnonzero(edges == 1)  # row·(w+2) + the run's first column
    ends = np.flatnonzero(edges == -1)  # row·(w+2) + the column after its last
    left, right = np.zeros(h, int), np.zeros(h, int)
    rows = np.flatnonzero(mask[np.arange(h), xs])
    if rows.size == 0 or starts.size == 0:
        return left, right
    key = rows * (w + 2) + xs[rows]  # the axis pixel, same numbering
    k = np.searchsorted(starts, key, side="right") - 1  # the run that starts at or before it
    left[rows] = starts[k] - rows * (w + 2)
    right[rows] = ends[k] - rows * (w + 2)
    return left, right


def _band(values: np.ndarray, frame: BodyFrame, lo: float, hi: float) -> np.ndarray:
    a, b = sorted((frame.row(lo), frame.row(hi)))
    return values[a : b + 1]


def _extreme(values: np.ndarray, frame: BodyFrame, lo: float, hi: float,
             largest: bool) -> tuple[float, float]:
    """(value, height fraction) of the max/min of a per-row reading in a height band."""
    a, b = sorted((frame.row(lo), frame.row(hi)))
    seg = values[a : b + 1].astype(float)
    if seg.size == 0 or not np.isfinite(seg).any():
        return float("nan"), float("nan")
    k = int(np.nanargmax(seg) if largest else np.nanargmin(seg))
    return float(seg[k]), frame.frac_of_row(a + k)


def _smooth(x: np.ndarray, k: int = 2) -> np.ndarray:
    if x.size <= 2 * k:
        return x.astype(float)
    pad = np.pad(x.astype(float), k, mode="edge")
    return np.convolve(pad, np.ones(2 * k + 1) / (2 * k + 1), mode="valid")


def body_axis_x(frame: BodyFrame) -> float:
    """Front view: the column of the body's midline (median row midpoint over the trunk)."""
    m = frame.mask
    a, b = frame.row(0.80), frame.row(0.50)
    sub = m[a:b]
    cols = np.arange(m.shape[1])
    counts = sub.sum(axis=1)
    ok = counts > 0
    mid = (sub * cols).sum(axis=1)[ok] / counts[ok]
    return float(np.median(mid)) if mid.size else m.shape[1] / 2.0


def crotch_fraction(frame: BodyFrame, axis_x: float) -> float:
    """Height fraction where the legs part on the body axis (nan when they touch)."""
    col = frame.mask[:, round(axis_x)]
    lo, hi = frame.row(0.05), frame.row(0.60)
    seg = col[hi:lo][::-1]  # upward from the shins
    gap = np.flatnonzero(~seg)
    if gap.size < 0.05 * frame.height_px:
        return float("nan")
    run_end = gap[0]
    while run_end + 1 < seg.size and not seg[run_end + 1]:
        run_end += 1
    top = lo - run_end - 1
    frac = frame.frac_of_row(top)
    return frac if 0.35 < frac < 0.56 else float("nan")


def front_readings(frame: BodyFrame) -> dict[str, float]:
    m, s = frame.mask, frame.cm_per_px
    ax = body_axis_x(frame)
    left, right = _central_runs(m, np.full(m.shape[0], ax))
    width = _smooth((right - left) * s)
    out = {f"fw_{g:.3f}": float(width[frame.row(g)]) for g in GRID}
    out["neck_w"], out["neck_h"] = _extreme(width, frame, 0.80, 0.90, largest=False)
    out["shoulder_w"], _ = _extreme(width, frame, 0.78, out["neck_h"] - 0.02, largest=True)
    out["waist_w"], out["waist_h"] = _extreme(width, frame, 0.56, 0.70, largest=False)
    out["hip_w"], out["hip_h"] = _extreme(width, frame, 0.44, 0.56, largest=True)
    rows = np.arange(m.shape[0])
    set_rows = m.any(axis=1)
    first = np.where(set_rows, np.argmax(m, axis=1), m.shape[1])
    last = np.where(set_rows, m.shape[1] - 1 - np.argmax(m[:, ::-1], axis=1), -1)
    outside = (right > left) & (first < left) & (last > right)  # runs left and right: arms
    band = (rows >= frame.row(0.76)) & (rows <= frame.row(0.56))
    out["arms_apart"] = float(outside[band].mean())
    sep = np.flatnonzero(outside & (rows >= frame.row(0.86)) & (rows <= frame.row(0.56)))
    out["armpit_h"] = frame.frac_of_row(sep[0]) if sep.size else float("nan")
    out["crotch_h"] = crotch_fraction(frame, ax)
    full = np.where(set_rows, last - first + 1, 0)
    out["span_hip"] = float(full[frame.row(0.50)] * s)  # outer span, arms included
    ch = out["crotch_h"] if np.isfinite(out["crotch_h"]) else 0.47
    leg_x = ax - 0.25 * out["hip_w"] / s
    for name, frac in (("thigh_w", ch - 0.02), ("knee_w", 0.28)):
        r = frame.row(frac)
        lt, rt = _central_runs(m[r : r + 1], np.array([leg_x]))
        out[name] = float((rt[0] - lt[0]) * s)
    return out


def side_readings(frame: BodyFrame) -> dict[str, float]:
    m, s = frame.mask, frame.cm_per_px
    rows = np.arange(m.shape[0])
    has = m.any(axis=1)
    first = np.where(has, np.argmax(m, axis=1), 0)
    last = np.where(has, m.shape[1] - 1 - np.argmax(m[:, ::-1], axis=1), 0)
    mid = (first + last) / 2.0
    ankle, neck = frame.row(0.06), frame.row(0.85)
    slope = (mid[neck] - mid[ankle]) / (neck - ankle)
    axis = mid[ankle] + slope * (rows - ankle)
    left, right = _central_runs(m, axis)
    depth = _smooth((right - left) * s)
    front = _smooth((right - axis) * s)
    back = _smooth((axis - left) * s)
    out: dict[str, float] = {}
    for g in GRID:
        r = frame.row(g)
        out[f"sd_{g:.3f}"] = float(depth[r])
        out[f"sf_{g:.3f}"] = float(front[r])
        out[f"sb_{g:.3f}"] = float(back[r])
    out["chest_d"], out["chest_dh"] = _extreme(depth, frame, 0.66, 0.78, largest=True)
    out["waist_d"], out["waist_dh"] = _extreme(depth, frame, 0.56, 0.68, largest=False)
    out["hip_d"], out["hip_dh"] = _extreme(depth, frame, 0.44, 0.56, largest=True)
    out["neck_d"], _ = _extreme(depth, frame, 0.80, 0.90, largest=False)
    out["bust_f"], _ = _extreme(front, frame, 0.66, 0.78, largest=True)
    out["belly_f"], _ = _extreme(front, frame, 0.50, 0.66, largest=True)
    out["butt_b"], _ = _extreme(back, frame, 0.44, 0.56, largest=True)
    out["lean"] = float(np.degrees(np.arctan(slope)))
    band = _band(front, frame, 0.42, 0.70)
    out["front_bump"] = float(np.max(band - _smooth(band, 12))) if band.size > 30 else 0.0
    return out
