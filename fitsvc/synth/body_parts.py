"""Body parts for dressing, found on the canonical A-pose body where the arms are apart.

anny's topology is fixed, so a vertex keeps its part when the same person is posed. Parts
come from the skeleton (``canonical.joints``) and the ground-truth levels (crotch, hip, waist,
chest, armpit heights, in cm as :func:`fitsvc.synth.measure_mesh.measure` returns them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fitsvc.synth.body import Body
from fitsvc.synth.garments import body_frame, spine_xy
from fitsvc.synth.measure_mesh import UP, topology
from fitsvc.synth.slicing import loop_containing, section_loops

ARM_CHAIN = ("upperarm01", "lowerarm01", "wrist")


@dataclass(frozen=True)
class Levels:
    """Heights (m) on the bare body, and half the hip breadth."""

    crotch: float
    hip: float
    waist: float
    chest: float
    armpit: float
    neck: float
    knee: float
    ankle: float
    hip_half: float


@dataclass(frozen=True)
class BodyParts:
    """Vertex masks on the canonical body; ``v`` and ``joints`` are in its local frame.

    ``arm`` is +1 on the left arm, −1 on the right, 0 elsewhere; ``arm_s`` is the distance
    along shoulder joint → elbow → wrist (negative on the shoulder cap)."""

    v: np.ndarray
    joints: dict[str, np.ndarray]
    levels: Levels
    arm: np.ndarray
    arm_s: np.ndarray
    upper_arm: float
    wrist_s: float
    hair: np.ndarray
    torso: np.ndarray
    legs: np.ndarray
    feet: np.ndarray


def _polyline_s(p: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Arc length of the nearest point on a polyline (extended beyond both ends)."""
    lens = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    best_d, best_s = np.full(len(p), np.inf), np.zeros(len(p))
    for i in range(len(lens)):
        a, b = pts[i], pts[i + 1]
        t = (p - a) @ (b - a) / lens[i] ** 2
        t = np.clip(t, -np.inf if i == 0 else 0.0, np.inf if i == len(lens) - 1 else 1.0)
        d = np.linalg.norm(p - a - t[:, None] * (b - a), axis=1)
        closer = d < best_d
        best_d, best_s = np.where(closer, d, best_d), np.where(closer, lens[:i].sum() + t * lens[i], best_s)
    return best_s


def _on_chain(chain: np.ndarray, z: float) -> np.ndarray:
    """Point of the arm's bone chain (shoulder, elbow, wrist) at height z."""
    k = 0 if z >= chain[1, 2] else 1
    a, b = chain[k], chain[k + 1]
    return np.asarray(a + (b - a) * np.clip((z - a[2]) / (b[2] - a[2]), 0.0, 1.0))


def _gap_x(v: np.ndarray, faces: np.ndarray, j: dict[str, np.ndarray], side: str, z: float) -> float:
    """|x| halfway between the torso's and the arm's horizontal sections at height z."""
    sg = 1.0 if side == "L" else -1.0
    loops = section_loops(v, topology(faces), np.array([0.0, 0.0, z]), UP)
    chain = np.array([j[f"{n}.{side}"] for n in ARM_CHAIN])
    torso = loop_containing(loops, spine_xy(j, np.array([z]))[0])
    arm = loop_containing(loops, _on_chain(chain, z)[:2])
    if torso is None or arm is None or arm is torso:
        return float(sg * chain[0, 0] - 0.01)
    return float(0.5 * ((sg * torso[:, 0]).max() + (sg * arm[:, 0]).min()))


def _arm_boundary(v: np.ndarray, faces: np.ndarray, j: dict[str, np.ndarray], side: str,
                  armpit: float) -> np.ndarray:
    """|x| of the torso/arm boundary at each vertex's height (one side of the A-pose body).

    Below the armpit: the line through the middle of the gap between the torso's and the
    arm's sections 2 cm and 12 cm below the armpit. Above: from there up to the shoulder
    point just outside the shoulder joint (the armhole seam), then straight up."""
    s = j[f"upperarm01.{side}"]
    g1, g2 = _gap_x(v, faces, j, side, armpit - 0.02), _gap_x(v, faces, j, side, armpit - 0.12)
    slope = max((g2 - g1) / 0.10, 0.0)
    xa = g1 - 0.02 * slope
    x_top, z_top = abs(s[0]) + 0.01, s[2] + 0.06
    up = xa + (x_top - xa) * np.clip((v[:, 2] - armpit) / (z_top - armpit), 0.0, 1.0)
    return np.where(v[:, 2] < armpit, xa + (armpit - v[:, 2]) * slope, up)


def body_parts(canonical: Body, levels_cm: dict[str, float]) -> BodyParts:
    """Classify the canonical body's vertices into hair, arms, torso, legs and feet."""
    origin, rot = body_frame(canonical.joints)
    v = (canonical.vertices - origin) @ rot.T
    j = {k: (p - origin) @ rot.T for k, p in canonical.joints.items()}
    cm = {k: levels_cm[k] / 100.0 for k in ("crotch_height", "hip_height", "waist_height",
                                             "chest_height", "armpit_height", "hip_breadth")}
    lv = Levels(cm["crotch_height"], cm["hip_height"], cm["waist_height"], cm["chest_height"],
                cm["armpit_height"], float(j["neck01"][2]), float(j["lowerleg01.L"][2]),
                float(j["foot.L"][2]), 0.5 * cm["hip_breadth"])
    arm = np.zeros(len(v), dtype=np.int8)
    arm_s = np.zeros(len(v))
    for side, sg in (("L", 1), ("R", -1)):
        on = (sg * v[:, 0] > _arm_boundary(v, canonical.faces, j, side, lv.armpit)) & (v[:, 2] > lv.crotch)
        arm[on] = sg
        chain = np.array([j[f"{n}.{side}"] for n in ARM_CHAIN])
        arm_s[on] = _polyline_s(v[on], chain)
    chain = np.array([j[f"{n}.L"] for n in ARM_CHAIN])
    seg = np.linalg.norm(np.diff(chain, axis=0), axis=1)
    head = j["head"]
    x, y, z = v[:, 0], v[:, 1], v[:, 2]
    top_z = z.max()
    hair = (z > top_z - 0.035) | ((z > head[2] + 0.03) & (y > head[1] + 0.01))
    hair |= (z > head[2] - 0.02) & (y > head[1] + 0.05) & (np.abs(x) < 0.09)
    body = arm == 0
    feet = body & (z < lv.ankle + 0.01)
    return BodyParts(v, j, lv, arm, arm_s, float(seg[0]), float(seg.sum()), hair,
                     body & (z >= lv.crotch) & (z < lv.neck + 0.02), body & (z < lv.crotch) & ~feet,
                     feet)


def neckline(parts: BodyParts, depth: float, width: float) -> np.ndarray:
    """Mask of the torso *inside* the garment's neck opening: above the neck base behind, and
    a scoop ``depth`` deep and ``width`` wide (half) in front, below the front neck."""
    v, j = parts.v, parts.joints
    axis = spine_xy(j, v[:, 2])
    front = v[:, 1] < axis[:, 1]
    base = parts.levels.neck - 0.02
    scoop = base - 0.03 - depth * np.clip(1 - (v[:, 0] / width) ** 2, 0.0, 1.0)
    return (v[:, 2] > base) | (front & (v[:, 2] > scoop))


def underwear(parts: BodyParts, female: bool, cut: float, leg: float) -> np.ndarray:
    """Briefs (leg openings rising by ``cut`` at the side, or ``leg`` below the crotch for
    trunks) and, for women, a bra: band below the bust all round, cups in front."""
    v, lv = parts.v, parts.levels
    x, z = np.abs(v[:, 0]), v[:, 2]
    rise = lv.hip + 0.3 * (lv.waist - lv.hip)
    low = lv.crotch - leg - 0.01 + cut * np.clip(x / lv.hip_half, 0.0, 1.0) ** 1.5
    wear = (parts.torso | parts.legs) & (z >= low) & (z <= rise)
    if female:
        axis = spine_xy(parts.joints, z)
        front = v[:, 1] < axis[:, 1] - 0.02
        cups = front & (z > lv.chest - 0.07) & (z < lv.chest + 0.05) & (x < 0.75 * lv.hip_half)
        band = (z > lv.chest - 0.075) & (z < lv.chest - 0.035)
        wear |= parts.torso & (cups | band)
    return wear
