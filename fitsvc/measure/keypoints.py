"""Keypoint-detector port: what the measurement pipeline needs from a pose model."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Protocol

import numpy as np


class LM(IntEnum):
    """BlazePose landmark indices (33 points)."""

    NOSE = 0
    LEFT_EYE = 2
    RIGHT_EYE = 5
    LEFT_EAR = 7
    RIGHT_EAR = 8
    LEFT_SHOULDER = 11
    RIGHT_SHOULDER = 12
    LEFT_ELBOW = 13
    RIGHT_ELBOW = 14
    LEFT_WRIST = 15
    RIGHT_WRIST = 16
    LEFT_HIP = 23
    RIGHT_HIP = 24
    LEFT_KNEE = 25
    RIGHT_KNEE = 26
    LEFT_ANKLE = 27
    RIGHT_ANKLE = 28
    LEFT_HEEL = 29
    RIGHT_HEEL = 30
    LEFT_FOOT_INDEX = 31
    RIGHT_FOOT_INDEX = 32


@dataclass(frozen=True)
class Pose:
    """One detected person.

    `points` is (33, 4): x and y in pixels, z in pixels (relative depth, hips at 0,
    smaller is nearer the camera), visibility in [0, 1]. `mask` is the person's
    segmentation (H, W) float in [0, 1], or None when the detector has none.
    `people_mask` optionally segments every person in the image (for the
    multiple-people gate).
    """

    points: np.ndarray
    mask: np.ndarray | None
    image_size: tuple[int, int]  # (width, height)
    people_mask: np.ndarray | None = None

    def xy(self, lm: LM) -> np.ndarray:
        return np.asarray(self.points[int(lm), :2], dtype=float)

    def z(self, lm: LM) -> float:
        return float(self.points[int(lm), 2])

    def vis(self, lm: LM) -> float:
        return float(self.points[int(lm), 3])


class KeypointDetector(Protocol):
    """Port: find one person's keypoints and silhouette in an RGB image (H, W, 3) uint8."""

    def detect(self, image_rgb: np.ndarray) -> Pose | None: ...


def build_detector(name: str) -> KeypointDetector:
    """Adapter chosen by config name."""
    if name == "mediapipe":
        from fitsvc.measure.mediapipe_pose import MediaPipePoseDetector

        return MediaPipePoseDetector()
    raise ValueError(f"unknown detector {name!r} (supported: mediapipe)")
