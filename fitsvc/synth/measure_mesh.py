"""Exact ISO 8559-1 style ground truth measured on a body mesh (metres in, centimetres out).

Girths are horizontal sections; the tape reading is the perimeter of the convex hull of the
torso (or limb) loop; other loops (arms, hands) are excluded by picking the loop whose hull
contains the body axis. Levels: armpit = where the arm loop separates from the torso;
chest = fullest girth in the band just below the armpits; waist = smallest torso girth
between chest and hip (natural waist); hip = fullest girth between waist and crotch.
"""

from __future__ import annotations

import functools

import numpy as np

from fitsvc.synth.body import Body
from fitsvc.synth.slicing import (
    Topology,
    hull,
    hull_perimeter,
    loop_containing,
    point_in_convex,
    section_loops,
)

UP = np.array([0.0, 0.0, 1.0])
STEP = 0.01  # coarse girth profile step (m), refined to 2 mm around each extreme
CHEST_BAND = 0.055  # chest band depth below the armpit, as a fraction of stature


@functools.lru_cache(maxsize=4)
def _topology(faces_key: bytes, n: int) -> Topology:
    return Topology.from_faces(np.frombuffer(faces_key, dtype=np.int64).reshape(n, 3))


def topology(faces: np.ndarray) -> Topology:
    f = np.ascontiguousarray(faces, dtype=np.int64)
    return _topology(f.tobytes(), len(f))


def _axis_point(body: Body, z: float) -> np.ndarray:
    """Point on the body's vertical axis (x = 0, y from the spine joints) at height z."""
    names = ["root", "spine05", "spine04", "spine03", "spine02", "spine01", "neck01"]
    pts = np.array([body.joints[n] for n in names])
    order = np.argsort(pts[:, 2])
    return np.array([0.0, float(np.interp(z, pts[order, 2], pts[order, 1]))])


def _on_segment(a: np.ndarray, b: np.ndarray, z: float) -> np.ndarray:
    t = (z - a[2]) / (b[2] - a[2])
    return a + (b - a) * t


class MeshMeasurer:
    """Measures one body; the methods are small so that the definitions stay readable."""

    def __init__(self, body: Body) -> None:
        self.body = body
        self.v = body.vertices
        self.topo = topology(body.faces)
        self._cache: dict[float, list[np.ndarray]] = {}

    def loops(self, z: float) -> list[np.ndarray]:
        key = round(z, 5)
        if key not in self._cache:
            self._cache[key] = section_loops(self.v, self.topo, np.array([0.0, 0.0, key]), UP)
        return self._cache[key]

    def torso_loop(self, z: float) -> np.ndarray | None:
        return loop_containing(self.loops(z), _axis_point(self.body, z))

    def torso_girth(self, z: float) -> float:
        loop = self.torso_loop(z)
        return 0.0 if loop is None else hull_perimeter(loop)

    def crotch_z(self) -> float:
        mid = np.abs(self.v[:, 0]) < 1e-4
        zs = self.v[mid, 2]
        return float(zs[zs > 0.3 * self.body.stature].min())

    def _arm_separate(self, z: float, side: str) -> bool:
        a, b = self.body.joints[f"upperarm01.{side}"], self.body.joints[f"lowerarm01.{side}"]
        arm = loop_containing(self.loops(z), _on_segment(a, b, z)[:2])
        h = None if arm is None else hull(arm)
        return h is None or not point_in_convex(h, _axis_point(self.body, z))

    def armpit_z(self) -> float:
        """Highest level below the shoulder joints where both arm loops are separate."""
        out = []
        for side in ("L", "R"):
            hi = self.body.joints[f"upperarm01.{side}"][2]
            lo = hi - 0.25
            z = hi
            while z > lo and not self._arm_separate(z, side):
                z -= 0.01
            z = max(z, lo)
            top = z + 0.01
            for _ in range(5):  # bisect the 1 cm bracket to ~0.3 mm
                mid = 0.5 * (z + top)
                if self._arm_separate(mid, side):
                    z = mid
                else:
                    top = mid
            out.append(z)
        return float(min(out))

    def extreme(self, lo: float, hi: float, largest: bool) -> tuple[float, float]:
        """(z, girth) of the fullest or smallest torso girth in [lo, hi]: 1 cm then 2 mm."""
        best_z, best_g = lo, self.torso_girth(lo)
        for fine in (False, True):
            a, b = (max(lo, best_z - STEP), min(hi, best_z + STEP)) if fine else (lo, hi)
            for z in np.arange(a, b + 1e-9, 0.002 if fine else STEP):
                g = self.torso_girth(float(z))
                if (g > best_g) if largest else (0 < g < best_g):
                    best_z, best_g = float(z), g
        return best_z, best_g

    def limb_girth(self, origin: np.ndarray, normal: np.ndarray) -> float:
        """Girth of the loop around ``origin`` in the plane through it with ``normal``."""
        loop = loop_containing(section_loops(self.v, self.topo, origin, normal), np.zeros(2))
        return 0.0 if loop is None else hull_perimeter(loop)

    def acromion(self, side: str) -> np.ndarray:
        """Acromion ≈ on the shoulder top, halfway between the shoulder joint centre and the
        lateral shoulder ridge (the outermost point of the upper 40 % of the shoulder cap)."""
        j = self.body.joints[f"upperarm01.{side}"]
        sign = 1.0 if side == "L" else -1.0
        v = self.v
        cap = (np.abs(v[:, 1] - j[1]) < 0.035) & (sign * v[:, 0] > 0.05)
        cap &= (v[:, 2] > j[2]) & (v[:, 2] < j[2] + 0.15)
        c = v[cap]
        top = float(c[np.abs(c[:, 0] - j[0]) < 0.02, 2].max())
        upper = c[c[:, 2] >= j[2] + 0.6 * (top - j[2])]
        ridge_x = float(upper[np.argmax(sign * upper[:, 0]), 0])
        return np.array([0.5 * (j[0] + ridge_x), j[1], top])

    def extents(self, z: float) -> tuple[float, float]:
        loop = self.torso_loop(z)
        if loop is None:
            return 0.0, 0.0
        span = loop.max(axis=0) - loop.min(axis=0)
        return float(span[0]), float(span[1])


def measure(body: Body) -> dict[str, float]:
    """All ground-truth measurements in centimetres (plus the levels used, in cm)."""
    mm = MeshMeasurer(body)
    j = body.joints
    stature = body.stature
    crotch = mm.crotch_z()
    armpit = mm.armpit_z()
    chest_z, chest = mm.extreme(armpit - CHEST_BAND * stature, armpit - 0.004, largest=True)
    span = chest_z - crotch
    waist_z, waist = mm.extreme(crotch + 0.3 * span, crotch + 0.7 * span, largest=False)
    hip_z, hip = mm.extreme(crotch + 0.04, waist_z, largest=True)

    thigh_z = crotch - 0.02
    a, b = j["upperleg01.L"], j["lowerleg01.L"]
    thigh_loops = section_loops(mm.v, mm.topo, np.array([0.0, 0.0, thigh_z]), UP)
    thigh = loop_containing(thigh_loops, _on_segment(a, b, thigh_z)[:2])

    neck_axis = j["head"] - j["neck01"]
    neck_c = 0.5 * (j["neck02"] + j["neck03"])
    shoulder, elbow, wrist = j["upperarm01.L"], j["lowerarm01.L"], j["wrist.L"]
    arm_mid = 0.5 * (shoulder + elbow)
    acr_l, acr_r = mm.acromion("L"), mm.acromion("R")

    cb, cd = mm.extents(chest_z)
    wb, wd = mm.extents(waist_z)
    hb, hd = mm.extents(hip_z)
    m = {
        "stature": stature,
        "chest_girth": chest,
        "waist_girth": waist,
        "hip_girth": hip,
        "neck_girth": mm.limb_girth(neck_c, neck_axis / np.linalg.norm(neck_axis)),
        "thigh_girth": 0.0 if thigh is None else hull_perimeter(thigh),
        "inside_leg": crotch,
        "crotch_height": crotch,
        "shoulder_width": float(abs(acr_l[0] - acr_r[0])),
        "shoulder_breadth": float(abs(acr_l[0] - acr_r[0])),
        "arm_length": float(
            np.linalg.norm(elbow - acr_l) + np.linalg.norm(wrist - elbow)
        ),
        "upper_arm_girth": mm.limb_girth(arm_mid, (elbow - shoulder) / np.linalg.norm(elbow - shoulder)),
        "chest_breadth": cb,
        "chest_depth": cd,
        "waist_breadth": wb,
        "waist_depth": wd,
        "hip_breadth": hb,
        "hip_depth": hd,
        "armpit_height": armpit,
        "chest_height": chest_z,
        "waist_height": waist_z,
        "hip_height": hip_z,
    }
    return {k: round(100.0 * v, 2) for k, v in m.items()}
