"""The customer's overlay picture: silhouette, keypoints and measurement levels (no photo pixels)."""

from __future__ import annotations

import cv2
import numpy as np

from fitsvc.measure.readings import ViewFrame

BONES = ((11, 12), (11, 13), (13, 15), (12, 14), (14, 16), (11, 23), (12, 24), (23, 24),
         (23, 25), (25, 27), (24, 26), (26, 28), (27, 29), (28, 30), (29, 31), (30, 32))
LEVEL_COLOURS = {"chest": (220, 60, 60), "waist": (40, 150, 60), "hip": (50, 90, 220),
                 "crotch": (150, 80, 170), "thigh": (200, 130, 30), "armpit": (120, 120, 120)}


def render_view(frame: ViewFrame, levels: dict[str, float], labels: dict[str, str],
                height: int = 720) -> np.ndarray:
    """One view as an RGB image: silhouette, skeleton, labelled level lines."""
    mask = frame.upright.mask
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
    pts = (frame.upright.points - np.array([x0, y0])) * scale
    for a, b in BONES:
        cv2.line(canvas, _ip(pts[a]), _ip(pts[b]), (255, 140, 0), 2, cv2.LINE_AA)
    for p in pts[11:]:
        cv2.circle(canvas, _ip(p), 4, (255, 90, 0), -1, cv2.LINE_AA)
    for name, h_cm in levels.items():
        y = int((frame.y_at(h_cm) - y0) * scale)
        colour = LEVEL_COLOURS.get(name, (90, 90, 90))
        cv2.line(canvas, (0, y), (canvas.shape[1], y), colour, 2, cv2.LINE_AA)
        cv2.putText(canvas, labels.get(name, name), (6, y - 6), cv2.FONT_HERSHEY_SIMPLEX, 0.55,
                    colour, 2, cv2.LINE_AA)
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
