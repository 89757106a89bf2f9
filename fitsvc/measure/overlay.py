"""The customer's overlay picture: silhouette, keypoints and measurement levels (no photo pixels).

A scan keeps a small *snapshot* of each view (the upright, level silhouette of the canonical
frame (:mod:`body_frame`), the keypoints when the scan had photos, and the pixel↔height
scale); the picture is drawn from it when someone asks for it, so the scan itself does not
pay for drawing and encoding.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

import cv2
import numpy as np

from fitsvc.measure.body_frame import BodyFrame

LEVEL_MEASUREMENTS = {"chest": "chest_girth", "waist": "waist_girth", "hip": "hip_girth",
                      "thigh": "thigh_girth", "crotch": "inside_leg"}
SIDE_LEVELS = ("chest", "waist", "hip")

BONES = ((11, 12), (11, 13), (13, 15), (12, 14), (14, 16), (11, 23), (12, 24), (23, 24),
         (23, 25), (25, 27), (24, 26), (26, 28), (27, 29), (28, 30), (29, 31), (30, 32))
LEVEL_COLOURS = {"chest": (220, 60, 60), "waist": (40, 150, 60), "hip": (50, 90, 220),
                 "crotch": (150, 80, 170), "thigh": (200, 130, 30), "armpit": (120, 120, 120)}


class OverlayView:
    """What the overlay needs of one view: canonical mask, optional keypoints, the scale."""

    def __init__(self, mask: np.ndarray, points: np.ndarray | None, floor_y: float,
                 cm_per_px: float) -> None:
        self.mask, self.points, self.floor_y, self.cm_per_px = mask, points, floor_y, cm_per_px

    def y_at(self, height_cm: float) -> float:
        return self.floor_y - height_cm / self.cm_per_px


def render_view(frame: OverlayView, levels: dict[str, float], labels: dict[str, str],
                height: int = 720) -> np.ndarray:
    """One view as an RGB image: silhouette, skeleton (photos), labelled level lines."""
    mask = frame.mask
    rows = np.flatnonzero(mask.any(axis=1))
    cols = np.flatnonzero(mask.any(axis=0))
    pad = 40
    y0, y1 = max(rows[0] - pad, 0), min(rows[-1] + pad, mask.shape[0])
    x0, x1 = max(cols[0] - 3 * pad, 0), min(cols[-1] + 3 * pad, mask.shape[1])
    scale = height / (y1 - y0)
    crop = cv2.resize(mask[y0:y1, x0:x1].astype(np.uint8),
                      (max(1, round((x1 - x0) * scale)), height), interpolation=cv2.INTER_LINEAR) > 0
    canvas = np.full((*crop.shape, 3), 248, np.uint8)
    canvas[crop] = (205, 212, 225)
    contours, _ = cv2.findContours(crop.astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    cv2.drawContours(canvas, contours, -1, (70, 80, 100), 2)
    if frame.points is not None:
        pts = (frame.points - np.array([x0, y0])) * scale
        for a, b in BONES:
            cv2.line(canvas, _ip(pts[a]), _ip(pts[b]), (255, 140, 0), 2, cv2.LINE_AA)
        for p in pts[11:]:
            cv2.circle(canvas, _ip(p), 4, (255, 90, 0), -1, cv2.LINE_AA)
    placed: list[tuple[int, int]] = []  # (y, x) of labels already drawn
    for name, h_cm in sorted(levels.items(), key=lambda kv: -kv[1]):
        y = int((frame.y_at(h_cm) - y0) * scale)
        colour = LEVEL_COLOURS.get(name, (90, 90, 90))
        cv2.line(canvas, (0, y), (canvas.shape[1], y), colour, 2, cv2.LINE_AA)
        x = 6
        while any(abs(y - py) < 16 and abs(x - px) < 140 for py, px in placed):
            x += 140
        placed.append((y, x))
        cv2.putText(canvas, labels.get(name, name), (x, y - 6), cv2.FONT_HERSHEY_SIMPLEX, 0.5,
                    colour, 1, cv2.LINE_AA)
    return canvas


def _ip(p: np.ndarray) -> tuple[int, int]:
    return round(float(p[0])), round(float(p[1]))


def compose_png(views: list[np.ndarray], title: str) -> bytes:
    """Views side by side under a title line, encoded as PNG."""
    h = max(v.shape[0] for v in views)
    padded = [np.pad(v, ((0, h - v.shape[0]), (0, 10), (0, 0)), constant_values=255) for v in views]
    body = np.concatenate(padded, axis=1)
    header = np.full((36, body.shape[1], 3), 255, np.uint8)
    cv2.putText(header, title, (8, 25), cv2.FONT_HERSHEY_SIMPLEX, 0.65, (30, 30, 30), 2,
                cv2.LINE_AA)
    image = cv2.cvtColor(np.concatenate([header, body]), cv2.COLOR_RGB2BGR)
    ok, buf = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    if not ok:
        raise RuntimeError("PNG encoding failed")
    return buf.tobytes()


def snapshot(frame: BodyFrame, points: np.ndarray | None) -> dict[str, Any]:
    """JSON-safe copy of a view's canonical silhouette (~600 px tall, one bit a pixel,
    deflated), keypoints in its pixels (photos only) and its scale."""
    bits = zlib.compress(np.packbits(frame.mask, axis=None).tobytes(), 1)
    return {
        "mask_bits": base64.b64encode(bits).decode("ascii"),
        "mask_shape": list(frame.mask.shape),
        "points": None if points is None else np.round(points, 1).tolist(),
        "floor_y": frame.floor,
        "cm_per_px": frame.cm_per_px,
    }


def frame_from_snapshot(snap: dict[str, Any]) -> OverlayView:
    if "mask_bits" in snap:
        h, w = snap["mask_shape"]
        bits = np.frombuffer(zlib.decompress(base64.b64decode(snap["mask_bits"])), np.uint8)
        mask = np.unpackbits(bits, count=h * w).reshape(h, w).astype(bool)
    else:  # scans stored before 2026-12 kept a PNG
        raw = np.frombuffer(base64.b64decode(snap["mask_png"]), np.uint8)
        mask = cv2.imdecode(raw, cv2.IMREAD_GRAYSCALE) > 127
    pts = snap.get("points")
    return OverlayView(mask, None if pts is None else np.asarray(pts, float),
                       float(snap["floor_y"]), float(snap["cm_per_px"]))


def render_scan(views: list[dict[str, Any]], measurements: dict[str, dict[str, float]],
                levels_cm: dict[str, float], feature_set: str) -> bytes:
    """The overlay PNG of a scan from its view snapshots (front first, then side)."""
    labels = {lvl: (f"{lvl} {measurements[m]['value_cm']:.1f} cm" if m in measurements else lvl)
              for lvl, m in LEVEL_MEASUREMENTS.items()}
    levels = {k: v for k, v in levels_cm.items() if k in LEVEL_MEASUREMENTS}
    pictures = []
    for i, snap in enumerate(views):
        shown = levels if i == 0 else {k: v for k, v in levels.items() if k in SIDE_LEVELS}
        pictures.append(render_view(frame_from_snapshot(snap), shown, labels))
    return compose_png(pictures, f"fitsvc scan ({feature_set.replace('_', '+')})")
