"""Estimate the camera's pitch from where body landmarks fall along the person.

Seen by a level camera, a standing person's landmarks sit at fixed fractions of stature
(eyes ≈ 0.94, shoulder joints ≈ 0.82, hip joints ≈ 0.52, knees ≈ 0.28, ankles ≈ 0.04) up to
each person's own proportions (a spread of 1–2 % of stature). A camera tilted up from the
floor stretches the legs and shrinks the head end (in our lab a 25° tilt moves the middle
of the body by ~10 % of stature); tilted down it does the opposite. For each candidate pitch
the landmarks are mapped to the level camera (:func:`perspective.level_homography`), the
straight line ``row = a − b · fraction`` is fitted through them (the head top weighted as
exact; iteratively reweighted), and the pitch with the smallest robust (Cauchy) misfit,
plus a N(0°, 20°) prior, wins. Silhouettes alone carry too
few landmarks for this (in the lab: 7–19° off); a silhouette scan without the sensor's pitch
is taken as level.
Front and side photos share the camera, so their misfits add up. Landmark fractions were
calibrated on the synthetic lab with the true camera (``bench/pitch_landmarks.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PRIOR_SD_DEG = 20.0
SEARCH_DEG = 40.0
# (median, robust sd) height fractions of stature seen by a level camera (floor under the
# body = 0, silhouette top = 1), per view; from bench/pitch_landmarks.py on the lab
KEYPOINT_FRACTIONS: dict[str, dict[str, tuple[float, float]]] = {
    "front": {"eyes": (0.9371, 0.0088), "shoulders": (0.7934, 0.0161), "hips": (0.5087, 0.0166),
              "knees": (0.2792, 0.0142), "ankles": (0.0645, 0.0099)},
    "side": {"eyes": (0.9381, 0.0103), "shoulders": (0.8115, 0.0137), "hips": (0.5172, 0.0195),
             "knees": (0.2866, 0.0172), "ankles": (0.0556, 0.0148)}}



@dataclass(frozen=True)
class ViewLandmarks:
    """Image points of one view: the head top (exact, fraction 1) and soft landmarks."""

    width: int
    height: int
    f_px: float
    top_xy: tuple[float, float]
    points: dict[str, tuple[float, float]]  # name → (x, y) in image pixels
    priors: dict[str, tuple[float, float]]  # name → (mean fraction, sd)


def _level_rows(view: ViewLandmarks, xy: np.ndarray, pitch_deg: np.ndarray) -> np.ndarray:
    """Rows (A, N) of points (N, 2) in the level camera's image, for A candidate pitches
    (the closed form of :func:`perspective.level_homography`, vectorised)."""
    f, cy = view.f_px, view.height / 2.0
    v = (xy[None, :, 1] - cy) / f
    a = np.radians(pitch_deg)[:, None]
    return np.asarray(cy + f * (v * np.cos(a) - np.sin(a)) / (v * np.sin(a) + np.cos(a)))


def _misfit(view: ViewLandmarks, pitch_deg: np.ndarray, names: list[str]) -> np.ndarray:
    """Robust misfit (A,) of the named landmarks to a straight row ↔ fraction line."""
    names = [n for n in names if n in view.points and n in view.priors]
    if len(names) < 2:
        return np.zeros(len(pitch_deg))
    xy = np.array([view.top_xy] + [view.points[n] for n in names], dtype=float)
    y = _level_rows(view, xy, pitch_deg)  # (A, N)
    t = np.array([1.0] + [view.priors[n][0] for n in names])
    sd = np.array([1e-3] + [view.priors[n][1] for n in names])
    w = np.broadcast_to(1.0 / sd**2, y.shape)
    for _ in range(3):  # iteratively reweighted: a misplaced keypoint must not dominate
        sw, st, sy = w.sum(1), (w * t).sum(1), (w * y).sum(1)
        stt, sty = (w * t * t).sum(1), (w * t * y).sum(1)
        det = sw * stt - st**2
        slope = (sw * sty - st * sy) / det  # y = icpt + slope · t (slope < 0: rows go up)
        icpt = (sy - slope * st) / sw
        r = (y - icpt[:, None] - slope[:, None] * t) / np.maximum(np.abs(slope), 1e-6)[:, None] / sd
        w = 1.0 / sd**2 / (1.0 + r**2 / 2.0)
    return np.asarray(np.log1p(r[:, 1:] ** 2 / 2.0).sum(1) * 2.0)


def _best(views: list[ViewLandmarks], drop: str | None) -> tuple[float, float]:
    """(pitch, cost) of the fit without landmark kind ``drop`` (None: all landmarks)."""
    def cost(a: np.ndarray) -> np.ndarray:
        total = (a / PRIOR_SD_DEG) ** 2
        for v in views:
            total = total + _misfit(v, a, [n for n in v.points if n != drop])
        return np.asarray(total)

    grid = np.arange(-SEARCH_DEG, SEARCH_DEG + 0.1, 1.0)
    k = int(np.argmin(cost(grid)))
    fine = np.arange(grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)] + 1e-9, 0.1)
    costs = cost(fine)
    i = int(np.argmin(costs))
    return float(fine[i]), float(costs[i])


def estimate_pitch(views: list[ViewLandmarks]) -> float:
    """Most likely pitch (degrees, positive when the camera looks up) for these views. A
    landmark misplaced by 1 % of stature moves it by up to ~2° (the ankles, at the end of
    the lever; the others less): the lab's MediaPipe landmarks give 3.5–5.5° mean error."""
    return _best(views, None)[0]


def keypoint_landmarks(points: np.ndarray) -> dict[str, tuple[float, float]]:
    """Pair midpoints of MediaPipe keypoints (33, ≥2) that a standing person shows."""
    pairs = {"eyes": (2, 5), "shoulders": (11, 12), "hips": (23, 24), "knees": (25, 26),
             "ankles": (27, 28)}
    out = {}
    for name, (a, b) in pairs.items():
        mid = (points[a, :2] + points[b, :2]) / 2.0
        out[name] = (float(mid[0]), float(mid[1]))
    return out
