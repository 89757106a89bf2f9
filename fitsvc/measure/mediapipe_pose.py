"""MediaPipe adapter of the keypoint-detector port.

When the pose graph finds no one, the photo is looked at once more, brightened and
contrast-equalised, with a lower detection threshold (0.3): in the lab this finds the person
in about 4 of 10 such photos (mostly dim rooms and profiles), at no cost for the others. If
that fails too, the pose graph looks at the square around the largest person of the people
segmentation (a small person in a wide landscape frame).

MediaPipe is imported on first use (the import costs seconds). A MediaPipe graph is not
thread-safe, so the detector keeps a small pool of graph pairs (pose + people segmentation):
each call borrows one, and up to `graphs` photos (a scan's front and side) run at once.
Graphs are loaded on first need and kept for the life of the process.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from fitsvc.measure.keypoints import Pose


@dataclass
class _Graphs:
    pose: Any
    people: Any
    retry: Any = None  # a pose graph with lower detection confidence, made on first need


class MediaPipePoseDetector:
    """BlazePose (static image, model_complexity=1, segmentation on) + selfie segmentation."""

    def __init__(self, model_complexity: int = 1, min_detection_confidence: float = 0.5,
                 graphs: int = 2) -> None:
        self.model_complexity = model_complexity
        self.min_detection_confidence = min_detection_confidence
        self.graphs = graphs
        self._free: queue.LifoQueue[_Graphs] = queue.LifoQueue()
        self._made = 0
        self._lock = threading.Lock()

    def _pose(self, confidence: float) -> Any:
        from mediapipe.python.solutions import pose as mp_pose

        return mp_pose.Pose(static_image_mode=True, model_complexity=self.model_complexity,
                            enable_segmentation=True, min_detection_confidence=confidence)

    def _load(self) -> _Graphs:
        from mediapipe.python.solutions import selfie_segmentation as mp_selfie

        return _Graphs(self._pose(self.min_detection_confidence),
                       mp_selfie.SelfieSegmentation(model_selection=0))

    def _borrow(self) -> _Graphs:
        with self._lock:
            if self._free.empty() and self._made < self.graphs:
                self._made += 1
                return self._load()
        return self._free.get()

    def detect(self, image_rgb: np.ndarray) -> Pose | None:
        image = np.ascontiguousarray(image_rgb, dtype=np.uint8)
        h, w = image.shape[:2]
        box = (0, 0, w, h)  # where the pose graph looked: x0, y0, x1, y1
        g = self._borrow()
        try:
            result = g.pose.process(image)
            people = g.people.process(_small(image)).segmentation_mask
            if result.pose_landmarks is None:  # dim room, odd angle: one more, easier look
                if g.retry is None:
                    g.retry = self._pose(0.3)
                result = g.retry.process(enhance_contrast(image))
            if result.pose_landmarks is None and people is not None:
                # a small person in a wide frame: look again where the people mask is
                found = _person_box(np.asarray(people), w, h)
                if found is not None:
                    box = found
                    x0, y0, x1, y1 = box
                    crop = np.ascontiguousarray(image[y0:y1, x0:x1])
                    result = g.retry.process(crop)
                    if result.pose_landmarks is None:
                        result = g.retry.process(enhance_contrast(crop))
        finally:
            self._free.put(g)
        if result.pose_landmarks is None:
            return None
        x0, y0, x1, y1 = box
        pts = np.array([[x0 + lm.x * (x1 - x0), y0 + lm.y * (y1 - y0), lm.z * (x1 - x0),
                         lm.visibility] for lm in result.pose_landmarks.landmark], dtype=float)
        mask = None
        if result.segmentation_mask is not None:
            mask = np.zeros((h, w), np.float32)
            mask[y0:y1, x0:x1] = np.asarray(result.segmentation_mask, dtype=np.float32)
        return Pose(
            points=pts,
            mask=mask,
            image_size=(w, h),
            people_mask=None if people is None else np.asarray(people, dtype=np.float32),
        )

    def close(self) -> None:
        while not self._free.empty():
            g = self._free.get_nowait()
            g.pose.close()
            g.people.close()
            if g.retry is not None:
                g.retry.close()


def enhance_contrast(image: np.ndarray) -> np.ndarray:
    """Brighten a dim photo (gamma towards mid-grey lightness) and equalise local contrast
    (CLAHE on L*): the retry when the first look finds no one."""
    lab = cv2.cvtColor(image, cv2.COLOR_RGB2LAB)
    light = lab[..., 0]
    gamma = float(np.clip(np.log(0.45) / np.log(max(float(light.mean()), 1.0) / 255.0), 0.3, 1.0))
    lut = (255.0 * (np.arange(256) / 255.0) ** gamma).astype(np.uint8)
    lab[..., 0] = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(lut[light])
    return np.ascontiguousarray(cv2.cvtColor(lab, cv2.COLOR_LAB2RGB))


def _person_box(people: np.ndarray, w: int, h: int) -> tuple[int, int, int, int] | None:
    """The largest person of the people mask, as a box in image pixels: its height plus a
    fifth above and below, at least as wide as it is tall (BlazePose looks at a square)."""
    blob = (people > 0.5).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(blob, connectivity=8)
    if n <= 1:
        return None
    i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    if stats[i, cv2.CC_STAT_AREA] < 0.002 * blob.size:
        return None
    sx, sy = w / blob.shape[1], h / blob.shape[0]
    bx, by, bw, bh = (float(v) for v in stats[i, :4])
    cx, cy = (bx + bw / 2) * sx, (by + bh / 2) * sy
    half = max(bw * sx, bh * sy) * 0.7
    x0, y0 = max(int(cx - half), 0), max(int(cy - half), 0)
    x1, y1 = min(int(cx + half), w), min(int(cy + half), h)
    if (x1 - x0) * (y1 - y0) > 0.8 * w * h or x1 - x0 < 32 or y1 - y0 < 32:
        return None  # no smaller place to look
    return x0, y0, x1, y1


def _small(image: np.ndarray, width: int = 256) -> np.ndarray:
    """Downscale for the people mask: the selfie model runs at 256 px anyway."""
    h, w = image.shape[:2]
    if w <= width:
        return image
    size = (width, max(1, round(h * width / w)))
    return np.ascontiguousarray(cv2.resize(image, size, interpolation=cv2.INTER_AREA))
