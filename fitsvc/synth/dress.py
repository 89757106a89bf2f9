"""Per-vertex colours (skin, hair, clothes) and clothing-like offsets for rendering only.

Ground truth is always measured on the bare body; clothing moves the rendered surface out
along the normals (``tight`` 4 mm, ``regular`` 12–15 mm) to study its effect on a scan.
"""

from __future__ import annotations

import numpy as np

from fitsvc.synth.body import Body
from fitsvc.synth.scene import Scene

CLOTHING_OFFSETS_M = {"none": (0.0, 0.0), "tight": (0.004, 0.004), "regular": (0.015, 0.012)}


def vertex_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    tri = vertices[faces]
    fn = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])  # area-weighted
    vn = np.zeros_like(vertices)
    for k in range(3):
        np.add.at(vn, faces[:, k], fn)
    return np.asarray(vn / (np.linalg.norm(vn, axis=1, keepdims=True) + 1e-12))


def regions(body: Body, levels_cm: dict[str, float]) -> dict[str, np.ndarray]:
    """Boolean vertex masks for hair, top and bottom garments (in the body's own frame)."""
    v, j = body.vertices, body.joints
    x, y, z = v[:, 0], v[:, 1], v[:, 2]
    top_z = z.max()
    head = j["head"]
    hair = (z > top_z - 0.035) | ((z > head[2] + 0.03) & (y > head[1] + 0.01))
    hair |= (z > head[2] - 0.02) & (y > head[1] + 0.05) & (np.abs(x) < 0.09)
    waist = levels_cm["waist_height"] / 100
    armpit = levels_cm["armpit_height"] / 100
    sx = abs(j["upperarm01.L"][0]) + 0.3 * abs(j["lowerarm01.L"][0] - j["upperarm01.L"][0])
    top = (z > waist - 0.06) & (z < armpit + 0.11) & (np.abs(x) < sx)
    top &= ~((z > armpit + 0.07) & (np.abs(x) < 0.07) & (y < j["neck01"][1]))  # neckline
    hip_half = levels_cm["hip_breadth"] / 200 + 0.03
    bottom = (z > 0.09 * body.stature) & (z <= waist - 0.06) & (np.abs(x) < hip_half)
    return {"hair": hair, "top": top & ~hair, "bottom": bottom & ~top}


def dress(
    body: Body, levels_cm: dict[str, float], scene: Scene, clothing: str
) -> tuple[np.ndarray, np.ndarray]:
    """Vertices to render and per-face albedo (BGR)."""
    reg = regions(body, levels_cm)
    albedo = np.tile(scene.skin_bgr, (len(body.vertices), 1))
    if scene.hair_bgr is not None:
        albedo[reg["hair"]] = scene.hair_bgr
    v = body.vertices
    if clothing != "none":
        top_off, bottom_off = CLOTHING_OFFSETS_M[clothing]
        off = np.where(reg["top"], top_off, 0.0) + np.where(reg["bottom"], bottom_off, 0.0)
        v = v + vertex_normals(v, body.faces) * off[:, None]
        albedo[reg["top"]] = scene.top_bgr
        albedo[reg["bottom"]] = scene.bottom_bgr
    return v, albedo[body.faces].mean(axis=1)
