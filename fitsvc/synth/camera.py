"""Pinhole camera (OpenCV convention: x right, y down, z forward) and its placement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class PinholeCamera:
    """Intrinsics f, (cx, cy) in pixels; extrinsics world→camera ``R`` (3×3) and ``t`` (3,)."""

    width: int
    height: int
    f: float
    cx: float
    cy: float
    R: np.ndarray
    t: np.ndarray

    @property
    def position(self) -> np.ndarray:
        return np.asarray(-self.R.T @ self.t)

    def to_camera(self, points: np.ndarray) -> np.ndarray:
        return np.asarray(points @ self.R.T + self.t)

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pixel coordinates (N, 2) and depth along the optical axis (N,)."""
        pc = self.to_camera(points)
        z = pc[:, 2]
        uv = np.stack([self.f * pc[:, 0] / z + self.cx, self.f * pc[:, 1] / z + self.cy], axis=1)
        return uv, z

    def rays(self) -> np.ndarray:
        """World-space unit ray direction per pixel centre, shape (H, W, 3)."""
        u, v = np.meshgrid(np.arange(self.width) + 0.5, np.arange(self.height) + 0.5)
        d = np.stack([(u - self.cx) / self.f, (v - self.cy) / self.f, np.ones_like(u)], axis=-1)
        d = d @ self.R  # camera → world (R is orthonormal)
        return np.asarray(d / np.linalg.norm(d, axis=-1, keepdims=True))

    def as_dict(self) -> dict[str, Any]:
        return {
            "width": self.width,
            "height": self.height,
            "fx": round(self.f, 3),
            "fy": round(self.f, 3),
            "cx": self.cx,
            "cy": self.cy,
            "R_world_to_cam": np.round(self.R, 6).tolist(),
            "t_world_to_cam": np.round(self.t, 6).tolist(),
            "position_m": np.round(self.position, 4).tolist(),
        }


def look_rotation(forward: np.ndarray, roll_rad: float = 0.0) -> np.ndarray:
    """World→camera rotation for a camera looking along ``forward`` with world +Z up."""
    z = forward / np.linalg.norm(forward)
    x = np.cross(z, np.array([0.0, 0.0, 1.0]))
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    c, s = np.cos(roll_rad), np.sin(roll_rad)
    x, y = c * x + s * y, -s * x + c * y
    return np.stack([x, y, z])


def place_camera(
    points: np.ndarray,
    position: np.ndarray,
    pitch_deg: float,
    roll_deg: float,
    width: int = 720,
    height: int = 1280,
    margin: float = 0.07,
) -> PinholeCamera:
    """Camera at ``position`` looking towards +Y, pitched down by ``pitch_deg``; the focal
    length is the largest that keeps every point ≥ ``margin`` (fraction of the frame)
    away from the image border."""
    p = np.radians(pitch_deg)
    R = look_rotation(np.array([0.0, np.cos(p), -np.sin(p)]), np.radians(roll_deg))
    t = -R @ position
    pc = points @ R.T + t
    xs, ys = pc[:, 0] / pc[:, 2], pc[:, 1] / pc[:, 2]
    half_w, half_h = width * (0.5 - margin), height * (0.5 - margin)
    f = min(half_w / np.abs(xs).max(), half_h / np.abs(ys).max())
    return PinholeCamera(width, height, float(f), width / 2.0, height / 2.0, R, t)


def focal_px(focal_35mm: float, width: int, height: int) -> float:
    """Focal length in pixels from a 35 mm-equivalent focal length (43.27 mm diagonal)."""
    return float(focal_35mm / 43.27 * np.hypot(width, height))


def aim_camera(
    points: np.ndarray,
    *,
    height_m: float,
    offset_x: float,
    extra_pitch_deg: float,
    roll_deg: float,
    focal_35mm: float,
    width: int,
    height: int,
    fill: float,
    margin: float = 0.01,
) -> PinholeCamera:
    """A phone at ``height_m`` in front of the body (−Y side), pitched to aim at its middle
    (+ ``extra_pitch_deg``, positive up), at the distance where the body spans ``fill`` of
    the image height; moved back until every point is ≥ ``margin`` inside the frame."""
    f = focal_px(focal_35mm, width, height)
    top, bottom = float(points[:, 2].max()), float(points[:, 2].min())
    dist = f * (top - bottom) / (fill * height)
    cam = None
    for _ in range(40):
        aim = np.degrees(np.arctan2((top + bottom) / 2 - height_m, dist))
        p = np.radians(aim + extra_pitch_deg)
        R = look_rotation(np.array([0.0, np.cos(p), np.sin(p)]), np.radians(roll_deg))
        t = -R @ np.array([offset_x, -dist, height_m])
        cam = PinholeCamera(width, height, f, width / 2.0, height / 2.0, R, t)
        uv, z = cam.project(points)
        span = float(uv[:, 1].max() - uv[:, 1].min())
        inside = (z.min() > 0.2 and uv[:, 0].min() >= margin * width
                  and uv[:, 0].max() <= (1 - margin) * width
                  and uv[:, 1].min() >= margin * height and uv[:, 1].max() <= (1 - margin) * height)
        if inside and span <= fill * height * 1.02:
            return cam
        dist *= max(1.03, min(1.5, span / (fill * height))) if span > fill * height else 1.03
    assert cam is not None
    return cam
