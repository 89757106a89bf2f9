"""MediaPipe adapter of the keypoint-detector port.

MediaPipe is imported on first use (the import costs seconds) and each detector holds
one loaded graph; calls are serialised because a MediaPipe graph is not thread-safe.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from fitsvc.measure.keypoints import Pose


class MediaPipePoseDetector:
    """BlazePose (static image, model_complexity=1, segmentation on) + selfie segmentation."""

    def __init__(self, model_complexity: int = 1, min_detection_confidence: float = 0.5) -> None:
        self.model_complexity = model_complexity
        self.min_detection_confidence = min_detection_confidence
        self._pose: Any = None
        self._people: Any = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mp-people")

    def _load(self) -> None:
        from mediapipe.python.solutions import pose as mp_pose
        from mediapipe.python.solutions import selfie_segmentation as mp_selfie

        self._pose = mp_pose.Pose(
            static_image_mode=True,
            model_complexity=self.model_complexity,
            enable_segmentation=True,
            min_detection_confidence=self.min_detection_confidence,
        )
        self._people = mp_selfie.SelfieSegmentation(model_selection=0)

    def detect(self, image_rgb: np.ndarray) -> Pose | None:
        image = np.ascontiguousarray(image_rgb, dtype=np.uint8)
        with self._lock:
            if self._pose is None:
                self._load()
            # The people mask runs beside the pose graph (MediaPipe releases the GIL).
            people_future = self._pool.submit(self._people.process, _small(image))
            result = self._pose.process(image)
            people = people_future.result().segmentation_mask
            if result.pose_landmarks is None:
                return None
        h, w = image.shape[:2]
        pts = np.array(
            [[lm.x * w, lm.y * h, lm.z * w, lm.visibility] for lm in result.pose_landmarks.landmark],
            dtype=float,
        )
        mask = result.segmentation_mask
        return Pose(
            points=pts,
            mask=None if mask is None else np.asarray(mask, dtype=np.float32),
            image_size=(w, h),
            people_mask=None if people is None else np.asarray(people, dtype=np.float32),
        )

    def close(self) -> None:
        with self._lock:
            for graph in (self._pose, self._people):
                if graph is not None:
                    graph.close()
            self._pose = self._people = None


def _small(image: np.ndarray, width: int = 256) -> np.ndarray:
    """Downscale for the people mask: the selfie model runs at 256 px anyway."""
    import cv2

    h, w = image.shape[:2]
    if w <= width:
        return image
    size = (width, max(1, round(h * width / w)))
    return np.ascontiguousarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA))
