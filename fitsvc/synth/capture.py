"""Capture settings of the synthetic lab: how a customer (or another lab) photographs a person.

Each factor is named so that a benchmark can hold one *setting* out of training and test on
it: the camera set-up (``CAMERAS``), the arm pose in the front and the side photo
(``FRONT_ARMS``, ``SIDE_ARMS``), the clothing and the background. Within a setting
everything else is drawn at random: camera height, distance, pitch, roll, focal length,
resolution and orientation, the person's slight turn and stance.

Camera set-ups (phone focal lengths as 35 mm equivalents; the main camera of a phone is
about 24–28 mm, i.e. 65–75° across the long side):

- ``tripod``: phone upright at 0.9–1.3 m, aimed at the body, 24–50 mm, 2.2–3.8 m away;
- ``floor``: phone on the floor or a low shelf (0.05–0.45 m) tilted up 8–30° to get the head
  in: verticals converge, feet look large;
- ``head``: held by a helper at 1.45–1.75 m, pitched down 5–25°;
- ``far``: a studio/other-renderer set-up: landscape 16:10 frame, camera 2.8–3.2 m away,
  the person 77–85 % of the frame height.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from fitsvc.synth.body import ArmPose

CAMERAS = ("tripod", "floor", "head", "far")
FRONT_ARMS = ("apose", "slight", "hanging")
SIDE_ARMS = ("down", "apose", "forward", "back")
CLOTHING = ("none", "tight", "tshirt_shorts", "tshirt_jeans", "loose", "skirt")
BACKGROUNDS = ("studio", "bright", "dark", "room")
FACTORS = {"camera": CAMERAS, "front_arms": FRONT_ARMS, "side_arms": SIDE_ARMS,
           "clothing": CLOTHING, "background": BACKGROUNDS}


@dataclass(frozen=True)
class CameraSetup:
    """Where the phone is and how it is held. ``pitch_deg`` > 0 tilts the camera up."""

    family: str
    height_m: float
    pitch_deg: float  # relative to aiming at the body's middle; the aim is added when placed
    roll_deg: float
    focal_35mm: float
    long_side_px: int
    aspect: float  # long / short side
    landscape: bool
    frame_fill: float  # body height / image height wanted
    offset_x: float  # sideways offset of the phone (m)


@dataclass(frozen=True)
class Capture:
    """Everything about one person's two photos except the body itself."""

    camera: CameraSetup
    front_arms: str
    side_arms: str
    front_pose: ArmPose
    side_pose: ArmPose
    front_turn_deg: float
    side_turn_deg: float
    clothing: str
    background: str
    settings: dict[str, str] = field(default_factory=dict)

    def describe(self) -> dict[str, Any]:
        cam = self.camera
        return {"camera": cam.family, "front_arms": self.front_arms, "side_arms": self.side_arms,
                "clothing": self.clothing, "background": self.background,
                "camera_height_m": round(cam.height_m, 3), "roll_deg": round(cam.roll_deg, 2),
                "focal_35mm": round(cam.focal_35mm, 1), "landscape": cam.landscape,
                "front_turn_deg": round(self.front_turn_deg, 2),
                "side_turn_deg": round(self.side_turn_deg, 2),
                "front_pose": self.front_pose.__dict__, "side_pose": self.side_pose.__dict__}


def sample_camera(family: str, rng: np.random.Generator) -> CameraSetup:
    u = rng.uniform
    roll = float(rng.normal(0, 1.5) if rng.random() < 0.8 else u(-5, 5))
    if family == "far":
        return CameraSetup(family, u(0.9, 1.5), u(-2, 2), roll * 0.3, u(50, 85), 1600, 1.6,
                           True, u(0.77, 0.85), u(-0.05, 0.05))
    landscape = rng.random() < 0.15
    aspect = float(rng.choice([4 / 3, 16 / 9, 3 / 2]))
    long_side = int(rng.choice([720, 960, 1280, 1440, 1600]))
    fill = u(0.5, 0.95) if not landscape else u(0.6, 0.95)
    if family == "tripod":
        return CameraSetup(family, u(0.9, 1.3), u(-3, 3), roll, u(24, 50), long_side, aspect,
                           landscape, fill, u(-0.1, 0.1))
    if family == "floor":
        return CameraSetup(family, u(0.05, 0.45), u(-4, 4), roll, u(22, 28), long_side, aspect,
                           landscape, fill, u(-0.15, 0.15))
    if family == "head":
        return CameraSetup(family, u(1.45, 1.75), u(-4, 4), roll, u(24, 30), long_side, aspect,
                           landscape, fill, u(-0.1, 0.1))
    raise ValueError(f"unknown camera set-up {family!r} (known: {', '.join(CAMERAS)})")


def sample_arms(view: str, family: str, rng: np.random.Generator) -> ArmPose:
    """Arm pose of one family (see :class:`ArmPose`: anny's A-pose is 0/0)."""
    u = rng.uniform
    legs = float(u(-2, 6))
    poses = {
        ("front", "apose"): (u(-6, 8), u(0, 30), u(-4, 4)),
        ("front", "slight"): (u(12, 26), u(20, 40), u(-4, 4)),
        ("front", "hanging"): (u(33, 42), u(35, 45), u(-5, 5)),
        ("side", "down"): (u(28, 40), u(35, 45), u(-5, 5)),
        ("side", "apose"): (u(-6, 8), u(0, 12), u(-3, 3)),
        ("side", "forward"): (u(26, 36), u(12, 32), u(3, 12)),
        ("side", "back"): (u(28, 40), u(30, 45), u(-22, -8)),
    }
    if (view, family) not in poses:
        raise ValueError(f"unknown {view} arm pose {family!r}")
    drop, forearm, flex = poses[(view, family)]
    return ArmPose(float(drop), float(forearm), float(flex), legs)


def sample_capture(rng: np.random.Generator, sex: str = "female", **fixed: str) -> Capture:
    """A random capture; ``fixed`` pins factors by name (e.g. ``camera="floor"``). Men are
    not drawn in skirts."""
    unknown = set(fixed) - set(FACTORS)
    if unknown:
        raise ValueError(f"unknown capture factors {sorted(unknown)}")
    choices = dict(FACTORS)
    if sex == "male" and "clothing" not in fixed:
        choices["clothing"] = tuple(c for c in CLOTHING if c != "skirt")
    pick = {k: fixed.get(k) or str(rng.choice(v)) for k, v in choices.items()}
    for k, v in pick.items():
        if v not in FACTORS[k]:
            raise ValueError(f"{k} must be one of {', '.join(FACTORS[k])}, not {v!r}")
    camera = sample_camera(pick["camera"], rng)
    front = sample_arms("front", pick["front_arms"], rng)
    side = replace(sample_arms("side", pick["side_arms"], rng), leg_spread_deg=0.0)
    turn = float(rng.normal(0, 2.5) if rng.random() < 0.85 else rng.uniform(-8, 8))
    side_turn = float(rng.normal(0, 3.0) if rng.random() < 0.85 else rng.uniform(-10, 10))
    return Capture(camera, pick["front_arms"], pick["side_arms"], front, side, turn, side_turn,
                   pick["clothing"], pick["background"], pick)
