"""Body readings from an upright silhouette: levels (cm above the floor), breadths, depths.

Front view: armpit, chest, natural waist, hip and crotch levels; breadths of the torso at
those levels (the caliper-style widths the estimator was trained on). Side view: depths at
the same heights. Both views are scaled by the customer's stature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from fitsvc.errors import PhotoRejected
from fitsvc.measure.keypoints import LM
from fitsvc.measure.silhouette import (
    Upright,
    make_upright,
    roll_angle_deg,
    run_at,
    run_width,
    runs,
    vertical_extent,
)

MAX_ROLL_DEG = 8.0
HIP_TO_CROTCH = 0.063  # hip keypoint height − crotch height, as a fraction of stature


@dataclass
class ViewFrame:
    """An upright view scaled to the stature: pixel rows ↔ heights above the floor."""

    upright: Upright
    top_y: int
    floor_y: int
    cm_per_px: float

    def y_at(self, height_cm: float) -> int:
        return round(self.floor_y - height_cm / self.cm_per_px)

    def height_at(self, y: float) -> float:
        return float((self.floor_y - y) * self.cm_per_px)

    def pt(self, lm: LM) -> np.ndarray:
        return np.asarray(self.upright.points[int(lm)], dtype=float)

    def mid(self, a: LM, b: LM) -> np.ndarray:
        return (self.pt(a) + self.pt(b)) / 2.0

    def center_x(self, y: float) -> float:
        """Body centre line: shoulders' midpoint above, hips' midpoint below, linear between."""
        (sx, sy), (hx, hy) = self._centre_line
        t = min(max((y - sy) / max(hy - sy, 1.0), 0.0), 1.0)
        return sx + t * (hx - sx)

    @cached_property
    def _centre_line(self) -> tuple[tuple[float, float], tuple[float, float]]:
        s, h = self.mid(LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER), self.mid(LM.LEFT_HIP, LM.RIGHT_HIP)
        return (float(s[0]), float(s[1])), (float(h[0]), float(h[1]))

    def width_cm(self, height_cm: float) -> float:
        y = self.y_at(height_cm)
        return run_width(self.upright.mask, y, self.center_x(y), max_gap=3) * self.cm_per_px


def frame_view(mask: np.ndarray, points_xy: np.ndarray, stature_cm: float) -> ViewFrame:
    """Rotate to upright (camera roll up to MAX_ROLL_DEG) and scale by the stature."""
    ankles = (points_xy[LM.LEFT_ANKLE] + points_xy[LM.RIGHT_ANKLE]) / 2
    shoulders = (points_xy[LM.LEFT_SHOULDER] + points_xy[LM.RIGHT_SHOULDER]) / 2
    angle = float(np.clip(roll_angle_deg(ankles, shoulders), -MAX_ROLL_DEG, MAX_ROLL_DEG))
    up = make_upright(mask, points_xy, angle)
    top, floor = vertical_extent(up.mask)
    return ViewFrame(up, top, floor, stature_cm / max(floor - top, 1))


@dataclass
class FrontReading:
    frame: ViewFrame
    levels_cm: dict[str, float]
    values_cm: dict[str, float]
    warnings: list[str] = field(default_factory=list)


def _torso_widths(f: ViewFrame, y0: int, y1: int) -> np.ndarray:
    ys = np.arange(y0, y1)
    w = np.array([run_width(f.upright.mask, int(y), f.center_x(y), max_gap=3) for y in ys])
    k = max(1, int(0.004 * (f.floor_y - f.top_y)))  # smooth over ~0.7 cm
    if w.size <= 2 * k:
        return w
    padded = np.pad(w, k, mode="edge")
    return np.convolve(padded, np.ones(2 * k + 1) / (2 * k + 1), mode="valid")


def find_armpit(f: ViewFrame) -> int:
    """First row below the shoulders where both arms are separated from the torso."""
    mask = f.upright.mask
    y_s = int(f.mid(LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER)[1])
    y_h = int(f.mid(LM.LEFT_HIP, LM.RIGHT_HIP)[1])
    need = max(3, int(0.005 * (f.floor_y - f.top_y)))
    streak = 0
    for y in range(y_s, y_h):
        cx = f.center_x(y)
        torso = run_at(mask[y], cx, max_gap=3)
        rs = runs(mask[y])
        if torso and any(b <= torso[0] for _, b in rs) and any(a >= torso[1] for a, _ in rs):
            streak += 1
            if streak >= need:
                return y - need + 1
        else:
            streak = 0
    raise PhotoRejected(
        "front photo: the arms touch the body, so the chest and waist cannot be seen",
        code="pose_not_suitable",
        hint="Stand with your arms held away from your body (about 30–45°), hands open.",
        details={"view": "front", "reason": "arms_against_body"},
    )


def find_crotch(f: ViewFrame) -> int | None:
    """Lowest row above the ankles where the legs join (None when the legs touch)."""
    mask = f.upright.mask
    cx = round(f.mid(LM.LEFT_HIP, LM.RIGHT_HIP)[0])
    y_h = int(f.mid(LM.LEFT_HIP, LM.RIGHT_HIP)[1])
    y_a = int(f.mid(LM.LEFT_ANKLE, LM.RIGHT_ANKLE)[1])
    if not 0 <= cx < mask.shape[1]:
        return None
    column = mask[:, cx]
    gap_rows = 0
    for y in range(min(y_a, mask.shape[0] - 1), y_h, -1):
        if not column[y]:
            gap_rows += 1
        elif gap_rows >= 3 and column[max(y - 3, 0) : y].all():
            return y if y > y_h + 0.03 * (f.floor_y - f.top_y) else None
    return None


def read_front(mask: np.ndarray, points_xy: np.ndarray, stature_cm: float) -> FrontReading:
    f = frame_view(mask, points_xy, stature_cm)
    hpx = f.floor_y - f.top_y
    warnings: list[str] = []
    armpit = find_armpit(f)
    crotch = find_crotch(f)
    y_hip_kp = int(f.mid(LM.LEFT_HIP, LM.RIGHT_HIP)[1])
    # The hip keypoints sit about 6.3 % of stature above the crotch (measured on synthetic
    # people); a leg junction far lower means the thighs touch below the crotch.
    from_keypoints = int(y_hip_kp + HIP_TO_CROTCH * hpx)
    if crotch is None:
        warnings.append("legs_together_inside_leg_estimated")
        crotch = from_keypoints
    elif crotch - y_hip_kp > 0.085 * hpx:
        warnings.append("thighs_touch_inside_leg_estimated")
        crotch = from_keypoints
    chest = int(armpit + 0.035 * hpx)
    w_lo = int(chest + 0.03 * hpx)
    widths = _torso_widths(f, w_lo, y_hip_kp)
    waist = w_lo + int(np.argmin(widths)) if widths.size else int((chest + y_hip_kp) / 2)
    hip_w = _torso_widths(f, waist, int(crotch - 0.02 * hpx))  # above the thighs' splay
    hip = waist + int(np.argmax(hip_w)) if hip_w.size else y_hip_kp
    thigh = int(crotch + 2.0 / f.cm_per_px)
    lvl = {name: f.height_at(y) for name, y in
           {"armpit": armpit, "chest": chest, "waist": waist, "hip": hip, "crotch": crotch,
            "thigh": thigh}.items()}
    s = f.cm_per_px
    vals = {
        "shoulder_breadth": float(np.linalg.norm(f.pt(LM.LEFT_SHOULDER) - f.pt(LM.RIGHT_SHOULDER)) * s),
        "chest_breadth": f.width_cm(lvl["chest"]),
        "waist_breadth": f.width_cm(lvl["waist"]),
        "hip_breadth": float(hip_w.max() * s) if hip_w.size else f.width_cm(lvl["hip"]),
        "crotch_height": lvl["crotch"],
        "thigh_breadth": _leg_width(f, thigh),
        "arm_length_keypoints": _arm_length(f) * s,
    }
    return FrontReading(f, lvl, vals, warnings)


def _leg_width(f: ViewFrame, y: int) -> float:
    x = float(f.pt(LM.LEFT_HIP)[0])
    return run_width(f.upright.mask, y, x, max_gap=int(0.03 * (f.floor_y - f.top_y))) * f.cm_per_px


def _arm_length(f: ViewFrame) -> float:
    out = []
    for s, e, w in ((LM.LEFT_SHOULDER, LM.LEFT_ELBOW, LM.LEFT_WRIST),
                    (LM.RIGHT_SHOULDER, LM.RIGHT_ELBOW, LM.RIGHT_WRIST)):
        out.append(np.linalg.norm(f.pt(e) - f.pt(s)) + np.linalg.norm(f.pt(w) - f.pt(e)))
    return float(np.mean(out))


@dataclass
class SideReading:
    frame: ViewFrame
    levels_cm: dict[str, float]
    values_cm: dict[str, float]


def read_side(
    mask: np.ndarray, points_xy: np.ndarray, stature_cm: float, front_levels: dict[str, float]
) -> SideReading:
    """Depths at the front's levels; the chest level moves to the fullest depth below the armpit."""
    f = frame_view(mask, points_xy, stature_cm)
    armpit = front_levels["armpit"]
    band = np.linspace(armpit - 0.065 * stature_cm, armpit - 0.01 * stature_cm, 25)
    chest_depths = np.array([f.width_cm(h) for h in band])
    chest_h = float(band[int(np.argmax(chest_depths))])
    # Hands hang beside the hips in profile and would add to the depth: stay above the wrists.
    wrist_h = max(f.height_at(f.pt(LM.LEFT_WRIST)[1]), f.height_at(f.pt(LM.RIGHT_WRIST)[1]))
    lo = max(front_levels["crotch"] + 0.02 * stature_cm, wrist_h + 0.015 * stature_cm)
    lo = min(lo, front_levels["waist"] - 0.02 * stature_cm)
    hip_band = np.linspace(lo, front_levels["waist"], 40)
    hip_depths = np.array([f.width_cm(h) for h in hip_band])
    hip_h = float(hip_band[int(np.argmax(hip_depths))])
    levels = {"chest": chest_h, "waist": front_levels["waist"], "hip": hip_h}
    vals = {
        "chest_depth": float(chest_depths.max()),
        "waist_depth": f.width_cm(front_levels["waist"]),
        "hip_depth": float(hip_depths.max()),
    }
    return SideReading(f, levels, vals)
