"""From a person's front (and side) silhouette to the readings the photo model takes.

The one feature path shared by photo scans, silhouette scans, training and benchmarks:

1. the camera's pitch: the phone's sensor value when sent, else estimated from landmarks
   (MediaPipe keypoints for photos, silhouette landmarks for masks; :mod:`pitch`);
2. each mask is warped to what a level camera would have seen (:mod:`perspective`);
3. upright, canonical frame scaled by the stature (:mod:`body_frame`);
4. profiles and landmark readings (:mod:`profile`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fitsvc.measure import perspective, pitch
from fitsvc.measure.body_frame import BodyFrame, frame_mask
from fitsvc.measure.profile import front_readings, side_readings


@dataclass(frozen=True)
class ViewInput:
    """One view as measured: a person mask in the photo's own pixels (bool, H×W)."""

    mask: np.ndarray
    points: np.ndarray | None = None  # MediaPipe keypoints (33, 4) in the same pixels
    focal_35mm: float | None = None  # from EXIF, when the photo had it

    @property
    def f_px(self) -> float:
        h, w = self.mask.shape
        return perspective.focal_px(w, h, self.focal_35mm)


@dataclass
class Extraction:
    """Readings of both views plus how they were obtained."""

    readings: dict[str, float]
    frames: dict[str, BodyFrame]
    pitch_deg: float
    pitch_source: str  # "sensor" | "estimated" (photos) | "assumed_level" (silhouettes)
    warnings: list[str] = field(default_factory=list)
    level_maps: dict[str, np.ndarray] = field(default_factory=dict)  # photo px → level px

    def canonical_points(self, view: str, points: np.ndarray | None) -> np.ndarray | None:
        """Keypoints (N, ≥2) of a photo in the view's canonical frame, for the overlay."""
        if points is None or view not in self.frames:
            return None
        p = np.c_[points[:, :2], np.ones(len(points))] @ self.level_maps[view].T
        return self.frames[view].to_canonical(p[:, :2] / p[:, 2:3])


def view_landmarks(v: ViewInput, view: str) -> pitch.ViewLandmarks:
    """Head top (the silhouette's highest pixel) and MediaPipe landmarks of a photo view."""
    if v.points is None:
        raise ValueError("landmarks need keypoints")
    h, w = v.mask.shape
    rows = np.flatnonzero(v.mask.any(axis=1))
    top = (float(np.flatnonzero(v.mask[rows[0]]).mean()), float(rows[0]))
    kp = pitch.keypoint_landmarks(v.points)
    return pitch.ViewLandmarks(w, h, v.f_px, top, kp, pitch.KEYPOINT_FRACTIONS[view])


def _read_view(name: str, v: ViewInput, pitch_deg: float, stature_cm: float
               ) -> tuple[np.ndarray, BodyFrame, dict[str, float]]:
    level, level_map = perspective.level_mask(v.mask, pitch_deg, v.focal_35mm)
    frame = frame_mask(level, stature_cm, name)
    return level_map, frame, front_readings(frame) if name == "front" else side_readings(frame)


def extract(front: ViewInput, side: ViewInput | None, stature_cm: float,
            pitch_deg: float | None = None, map_views: Callable[..., Iterable[Any]] = map
            ) -> Extraction:
    """Readings (cm, fractions) of the front and optional side view (see module docstring).
    ``map_views`` may be an executor's ``map``, to read the two views at once."""
    views = {"front": front, **({"side": side} if side is not None else {})}
    source = "sensor"
    if pitch_deg is None and front.points is None:
        pitch_deg, source = 0.0, "assumed_level"
    elif pitch_deg is None:
        marks = [view_landmarks(v, name) for name, v in views.items() if v.points is not None]
        pitch_deg, source = pitch.estimate_pitch(marks), "estimated"
    readings: dict[str, Any] = {}
    frames, maps = {}, {}
    angle = float(pitch_deg)
    done = map_views(lambda item: _read_view(item[0], item[1], angle, stature_cm), views.items())
    for name, (level_map, frame, view_readings) in zip(views, done, strict=True):
        maps[name], frames[name] = level_map, frame
        readings.update(view_readings)
    readings["pitch_deg"] = float(pitch_deg)
    warnings = [] if abs(pitch_deg) <= 32 else ["steep_camera_angle_wider_intervals"]
    if source == "assumed_level":
        warnings.append("no_camera_pitch_assumed_level")
    return Extraction(readings, frames, float(pitch_deg), source, warnings, maps)
