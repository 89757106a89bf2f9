"""Random but reproducible photo set-ups: camera, light, backdrop, skin, hair, clothing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fitsvc.synth.body import Body
from fitsvc.synth.camera import PinholeCamera, place_camera
from fitsvc.synth.render import Backdrop, Lighting

# Skin albedos, RGB, light to dark (roughly Fitzpatrick I–VI).
SKIN_RGB = [
    (246, 214, 190), (236, 192, 160), (224, 172, 138), (200, 140, 100),
    (170, 112, 78), (140, 88, 60), (105, 66, 45), (80, 52, 38),
]
HAIR_RGB = [(30, 24, 20), (70, 48, 30), (120, 84, 50), (190, 160, 110), (110, 110, 110)]
CLOTH_RGB = [(40, 40, 45), (30, 50, 110), (150, 30, 40), (60, 90, 60), (200, 200, 205)]
SIDE_ROTATION = np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])  # face → −X


def bgr(rgb: tuple[int, int, int], rng: np.random.Generator, jitter: float = 0.06) -> np.ndarray:
    return np.clip(np.array(rgb[::-1], float) * rng.uniform(1 - jitter, 1 + jitter, 3), 0, 255)


@dataclass
class Scene:
    camera: PinholeCamera
    light: Lighting
    backdrop: Backdrop
    skin_bgr: np.ndarray
    hair_bgr: np.ndarray | None
    top_bgr: np.ndarray
    bottom_bgr: np.ndarray

    def describe(self) -> dict[str, object]:
        return {
            "camera": self.camera.as_dict(),
            "light_direction": np.round(self.light.direction, 3).tolist(),
            "skin_bgr": np.round(self.skin_bgr).astype(int).tolist(),
            "hair": self.hair_bgr is not None,
            "background_texture": round(self.backdrop.texture, 3),
        }


def side_vertices(vertices: np.ndarray) -> np.ndarray:
    """The body turned 90° (left side towards the camera) for the profile photo."""
    return np.asarray(vertices @ SIDE_ROTATION.T)


def make_scene(front: Body, side: Body, rng: np.random.Generator) -> Scene:
    """One tripod set-up shared by both photos: the person turns, the camera stays."""
    S = front.stature
    dist = rng.uniform(2.5, 3.5)
    cam_h = rng.uniform(1.1, 1.3)
    pos = np.array([rng.uniform(-0.08, 0.08), -dist, cam_h])
    pitch = float(np.degrees(np.arctan2(cam_h - S / 2, dist)) + rng.uniform(-2.0, 2.0))
    roll = float(rng.uniform(-1.5, 1.5))
    pts = np.vstack([front.vertices, side_vertices(side.vertices)])
    cam = place_camera(pts, pos, pitch, roll, margin=float(rng.uniform(0.05, 0.12)))
    light = Lighting(
        direction=np.array([rng.uniform(-0.8, 0.8), -1.0, rng.uniform(0.3, 1.2)]),
        key=float(rng.uniform(0.6, 0.85)),
        ambient=float(rng.uniform(0.25, 0.4)),
    )
    wall = rng.uniform(150, 235, 3)
    floor = wall * rng.uniform(0.45, 0.75)
    backdrop = Backdrop(
        wall_bgr=(float(wall[0]), float(wall[1]), float(wall[2])),
        floor_bgr=(float(floor[0]), float(floor[1]), float(floor[2])),
        wall_y=float(rng.uniform(0.8, 2.0)),
        texture=float(rng.uniform(0.03, 0.08)) if rng.random() < 0.5 else 0.0,
        seed=int(rng.integers(0, 2**31)),
    )
    hair = bgr(HAIR_RGB[rng.integers(len(HAIR_RGB))], rng) if rng.random() < 0.7 else None
    c1, c2 = rng.choice(len(CLOTH_RGB), 2, replace=False)
    return Scene(
        cam, light, backdrop, bgr(SKIN_RGB[rng.integers(len(SKIN_RGB))], rng), hair,
        bgr(CLOTH_RGB[c1], rng), bgr(CLOTH_RGB[c2], rng),
    )
