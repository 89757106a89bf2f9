"""Canonical body frame and silhouette readings on drawn stick people with known geometry.

Every figure is drawn in fractions of its stature: the head top is at height fraction 1, the
floor (lowest foot row) at 0, so the expected readings follow from the drawing.
"""

from __future__ import annotations

import base64
import json
import math

import cv2
import numpy as np
import pytest

from fitsvc.measure.body_frame import axis_roll_deg, frame_mask, largest_component
from fitsvc.measure.overlay import frame_from_snapshot, snapshot
from fitsvc.measure.profile import GRID, _central_runs, crotch_fraction, front_readings, side_readings

STATURE = 170.0
CROTCH = 0.46  # legs part below this height fraction
TORSO_HALF = 0.095  # torso half-width (fraction of stature) between the crotch and 0.80
SHOULDER_HALF = 0.13  # shoulder band 0.78-0.845
ARM_W = 0.03
TORSO_FRACS = (0.505, 0.55, 0.595, 0.64, 0.685, 0.73)  # GRID heights inside the plain torso


def _draw(body_px: int, pad_top: float = 0.1, width: float = 0.8) -> tuple[np.ndarray, int, int]:
    top = round(pad_top * body_px)
    canvas = np.zeros((top + body_px + round(0.05 * body_px), round(width * body_px)), np.uint8)
    return canvas, top + body_px - 1, canvas.shape[1] // 2


def stick_front(
    body_px: int = 1000, *, arms: str = "apart", legs_gap: float = 0.03, shoulder_half: float = SHOULDER_HALF
) -> np.ndarray:
    """Front stick person: ellipse head, neck, shoulder band, torso, two legs, optional arms.

    ``arms``: ``apart`` (thick lines from the shoulders, clear of the torso), ``touching``
    (bars against the torso sides, 0.45-0.80) or ``none``. ``legs_gap`` 0 joins the legs.
    """
    m, floor, cx = _draw(body_px)

    def xy(fx: float, h: float) -> tuple[int, int]:
        return round(cx + fx * body_px), round(floor - h * (body_px - 1))

    cv2.ellipse(m, xy(0, 0.935), (round(0.05 * body_px), round(0.065 * body_px)), 0, 0, 360, (1,), -1)
    cv2.rectangle(m, xy(-0.035, 0.89), xy(0.035, 0.84), 1, -1)
    cv2.rectangle(m, xy(-shoulder_half, 0.845), xy(shoulder_half, 0.78), 1, -1)
    cv2.rectangle(m, xy(-TORSO_HALF, 0.80), xy(TORSO_HALF, CROTCH), 1, -1)
    g = legs_gap / 2
    cv2.rectangle(m, xy(-0.09, CROTCH), xy(-g, 0), 1, -1)
    cv2.rectangle(m, xy(g, CROTCH), xy(0.09, 0), 1, -1)
    for s in (-1, 1):
        if arms == "apart":
            cv2.line(m, xy(s * 0.125, 0.81), xy(s * 0.22, 0.45), (1,), round(ARM_W * body_px))
        elif arms == "touching":
            cv2.rectangle(m, xy(s * TORSO_HALF, 0.80), xy(s * (TORSO_HALF + ARM_W), 0.45), 1, -1)
    return m.astype(bool)


def stick_side(body_px: int = 1000, *, facing: int = 1) -> np.ndarray:
    """Profile stick person facing +x (``facing`` 1) or −x (-1): torso 0.14 deep (±0.07 about
    the ankle–neck axis), a belly 0.03 further forward at 0.55-0.62, a foot whose toes reach
    0.14 forward and heel 0.06 back."""
    m, floor, cx = _draw(body_px)

    def xy(fx: float, h: float) -> tuple[int, int]:
        return round(cx + facing * fx * body_px), round(floor - h * (body_px - 1))

    cv2.ellipse(m, xy(0.01, 0.935), (round(0.05 * body_px), round(0.065 * body_px)), 0, 0, 360, (1,), -1)
    cv2.rectangle(m, xy(-0.035, 0.89), xy(0.035, 0.84), 1, -1)
    cv2.rectangle(m, xy(-0.07, 0.845), xy(0.07, 0.47), 1, -1)
    cv2.rectangle(m, xy(0.07, 0.62), xy(0.10, 0.55), 1, -1)
    cv2.rectangle(m, xy(-0.05, 0.47), xy(0.05, 0), 1, -1)
    cv2.rectangle(m, xy(-0.06, 0.03), xy(0.14, 0), 1, -1)
    return m.astype(bool)


def _resize_to_height(mask: np.ndarray, height: int) -> np.ndarray:
    width = round(mask.shape[1] * height / mask.shape[0])
    return cv2.resize(mask.astype(np.uint8), (width, height), interpolation=cv2.INTER_NEAREST) > 0


def _rotate(mask: np.ndarray, angle_deg: float) -> tuple[np.ndarray, np.ndarray]:
    """cv2 rotation about the centre (positive: counter-clockwise on screen, head to −x)."""
    h, w = mask.shape
    mat = cv2.getRotationMatrix2D((w / 2, h / 2), angle_deg, 1.0)
    return cv2.warpAffine(mask.astype(np.uint8), mat, (w, h), flags=cv2.INTER_NEAREST) > 0, mat


def fw(readings: dict[str, float], frac: float) -> float:
    return readings[f"fw_{frac:.3f}"]


# --- body_frame ---------------------------------------------------------------------------


@pytest.mark.parametrize("height", [480, 1000, 3000])
def test_the_frame_scale_is_the_stature_over_the_body_height(height: int) -> None:
    frame = frame_mask(_resize_to_height(stick_front(), height), STATURE, "front")
    assert frame.cm_per_px * frame.height_px == pytest.approx(STATURE, rel=1e-9)
    assert frame.height_px == pytest.approx(600, abs=2)  # the canonical height, not the input's
    assert frame.row(1.0) == frame.top and frame.row(0.0) == frame.floor
    assert frame.frac_of_row(frame.row(0.5)) == pytest.approx(0.5, abs=1.0 / frame.height_px)


def test_readings_do_not_depend_on_the_mask_resolution() -> None:
    base = stick_front()
    reads = [
        front_readings(frame_mask(_resize_to_height(base, h), STATURE, "front")) for h in (480, 1000, 3000)
    ]
    for r in reads[1:]:
        for g in (*TORSO_FRACS, 0.82):
            assert fw(r, g) == pytest.approx(fw(reads[0], g), abs=0.5), g
        assert r["crotch_h"] == pytest.approx(reads[0]["crotch_h"], abs=0.01)
        assert r["neck_w"] == pytest.approx(reads[0]["neck_w"], abs=0.8)


def test_roll_is_measured_with_the_documented_sign() -> None:
    straight = stick_front(arms="none")
    assert axis_roll_deg(straight) == pytest.approx(0.0, abs=0.1)
    ccw, _ = _rotate(straight, 4.0)  # head moves to −x
    cw, _ = _rotate(straight, -4.0)  # head moves to +x: "positive: the head leans to +x"
    assert axis_roll_deg(cw) == pytest.approx(4.0, abs=0.5)
    assert axis_roll_deg(ccw) == pytest.approx(-4.0, abs=0.5)
    assert frame_mask(cw, STATURE, "front").roll_deg == pytest.approx(4.0, abs=0.5)
    tipped, _ = _rotate(straight, -25.0)
    assert axis_roll_deg(tipped) == 10.0  # clipped to MAX_ROLL_DEG


@pytest.mark.parametrize("angle", [4.0, -4.0])
def test_a_rolled_mask_is_made_upright_with_the_same_readings(angle: float) -> None:
    straight = stick_front()
    rolled, _ = _rotate(straight, angle)
    ref = front_readings(frame_mask(straight, STATURE, "front"))
    frame = frame_mask(rolled, STATURE, "front")
    assert frame.roll_deg == pytest.approx(-angle, abs=0.5)
    assert axis_roll_deg(frame.mask) == pytest.approx(0.0, abs=0.5)  # upright now
    r = front_readings(frame)
    for g in TORSO_FRACS:
        assert fw(r, g) == pytest.approx(fw(ref, g), abs=0.5), g
    assert r["crotch_h"] == pytest.approx(ref["crotch_h"], abs=0.01)
    assert r["knee_w"] == pytest.approx(ref["knee_w"], abs=1.0)


def test_to_canonical_maps_the_head_top_and_the_floor() -> None:
    mask = _resize_to_height(stick_front(), 3000)
    mask = np.roll(mask, (37, -55), axis=(0, 1))  # the person anywhere in the frame
    ys, xs = np.nonzero(mask)
    head = np.array([[xs[ys == ys.min()].mean(), ys.min()]])
    foot = np.array([[xs[ys == ys.max()].min(), ys.max()]])
    frame = frame_mask(mask, STATURE, "front")
    ((hx, hy),) = frame.to_canonical(head)
    ((_, fy),) = frame.to_canonical(foot)
    assert hy == pytest.approx(frame.top, abs=1.0)
    assert fy == pytest.approx(frame.floor, abs=1.0)
    cols = np.flatnonzero(frame.mask[frame.top])
    assert cols.min() - 1 <= hx <= cols.max() + 1
    assert frame.source_size == (mask.shape[1], mask.shape[0])


@pytest.mark.parametrize(("view", "angle"), [("front", 6.0), ("front", -3.0), ("side", 5.0)])
def test_to_canonical_agrees_with_the_canonical_mask(view: str, angle: float) -> None:
    """Whatever rotation and mirroring the frame applies, its map and its mask agree."""
    mask = stick_front() if view == "front" else stick_side(facing=-1)
    rolled, _ = _rotate(mask, angle)
    frame = frame_mask(rolled, STATURE, view)
    ys, xs = np.nonzero(rolled)
    pick = np.random.default_rng(0).choice(xs.size, 3000, replace=False)
    pts = np.round(frame.to_canonical(np.c_[xs[pick], ys[pick]])).astype(int)
    h, w = frame.mask.shape
    ok = (pts[:, 0] >= 0) & (pts[:, 0] < w) & (pts[:, 1] >= 0) & (pts[:, 1] < h)
    assert ok.all()
    assert frame.mask[pts[:, 1], pts[:, 0]].mean() > 0.97
    # and the mask's pixels are roughly the input's, rescaled
    scale = frame.height_px / (ys.max() - ys.min() + 1)
    assert frame.mask.sum() == pytest.approx(rolled.sum() * scale**2, rel=0.03)


@pytest.mark.parametrize("facing", [1, -1])
def test_a_profile_is_mirrored_to_face_plus_x(facing: int) -> None:
    mask = stick_side(facing=facing)
    frame = frame_mask(mask, STATURE, "side")
    assert frame.mirrored is (facing == -1)
    m, h = frame.mask, frame.height_px
    foot = np.flatnonzero(m[frame.floor - 3 : frame.floor + 1].any(axis=0))
    shin = np.flatnonzero(m[frame.row(0.10) : frame.row(0.07)].any(axis=0))
    centre = (shin[0] + shin[-1]) / 2
    assert foot[-1] - centre == pytest.approx(0.14 * h, abs=3)  # toes forward (+x)
    assert centre - foot[0] == pytest.approx(0.06 * h, abs=3)  # heel back
    # the toe tip of the input lands at the canonical toe tip (to_canonical mirrors too)
    ys, xs = np.nonzero(mask)
    bottom = ys >= ys.max() - 2
    tip_x = xs[bottom].max() if facing == 1 else xs[bottom].min()
    ((tx, ty),) = frame.to_canonical(np.array([[tip_x, ys.max()]]))
    assert tx == pytest.approx(foot[-1], abs=1.5) and ty == pytest.approx(frame.floor, abs=1.5)


def test_a_front_view_is_never_mirrored() -> None:
    assert not frame_mask(stick_front()[:, ::-1], STATURE, "front").mirrored


def test_largest_component_drops_specks_and_fills_holes() -> None:
    mask = np.zeros((60, 60), bool)
    mask[5:50, 5:30] = True
    mask[20:30, 10:20] = False  # a hole
    mask[55:58, 50:53] = True  # a speck
    out = largest_component(mask)
    assert out[25, 15] and not out[56, 51]
    assert out.sum() == 45 * 25


def test_frame_mask_refuses_an_empty_mask() -> None:
    with pytest.raises(ValueError, match="no silhouette"):
        frame_mask(np.zeros((100, 80), bool), STATURE, "front")


# --- profile readings ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def apart() -> dict[str, float]:
    return front_readings(frame_mask(stick_front(arms="apart"), STATURE, "front"))


@pytest.fixture(scope="module")
def touching() -> dict[str, float]:
    return front_readings(frame_mask(stick_front(arms="touching"), STATURE, "front"))


def test_front_widths_at_torso_heights_are_the_drawn_torso_width(apart: dict[str, float]) -> None:
    for g in TORSO_FRACS:
        assert g in GRID
        assert fw(apart, g) == pytest.approx(2 * TORSO_HALF * STATURE, abs=0.6), g
    assert apart["waist_w"] == pytest.approx(2 * TORSO_HALF * STATURE, abs=0.6)
    assert apart["neck_w"] == pytest.approx(0.07 * STATURE, abs=0.6)
    assert 0.84 <= apart["neck_h"] <= 0.89
    # below the crotch the axis runs between the legs: no central run
    assert fw(apart, 0.43) == 0.0


def test_arms_apart_are_seen_clear_of_the_torso(apart: dict[str, float]) -> None:
    assert apart["arms_apart"] > 0.9
    assert math.isfinite(apart["armpit_h"])
    assert 0.74 <= apart["armpit_h"] <= 0.80  # under the shoulder band (0.78)
    # outer span at 0.50 reaches the arms: wider than the torso
    assert apart["span_hip"] > fw(apart, 0.505) + 2 * ARM_W * STATURE


def test_arms_touching_widen_the_front_widths(apart: dict[str, float], touching: dict[str, float]) -> None:
    assert touching["arms_apart"] < 0.1
    assert math.isnan(touching["armpit_h"])
    for g in TORSO_FRACS:
        assert fw(touching, g) == pytest.approx(2 * (TORSO_HALF + ARM_W) * STATURE, abs=0.8), g
        assert fw(touching, g) > fw(apart, g) + 8.0


def test_crotch_fraction_is_where_the_legs_part(apart: dict[str, float]) -> None:
    assert apart["crotch_h"] == pytest.approx(CROTCH, abs=0.01)
    frame = frame_mask(stick_front(legs_gap=0.05), STATURE, "front")
    assert crotch_fraction(frame, frame.mask.shape[1] / 2) == pytest.approx(CROTCH, abs=0.01)


def test_legs_together_give_no_crotch() -> None:
    frame = frame_mask(stick_front(legs_gap=0.0), STATURE, "front")
    assert math.isnan(front_readings(frame)["crotch_h"])


def test_thigh_and_knee_widths_are_one_leg(apart: dict[str, float]) -> None:
    one_leg = (0.09 - 0.015) * STATURE
    assert apart["thigh_w"] == pytest.approx(one_leg, abs=0.8)
    assert apart["knee_w"] == pytest.approx(one_leg, abs=0.8)


@pytest.mark.parametrize("facing", [1, -1])
def test_side_readings_measure_depth_front_and_back_of_the_axis(facing: int) -> None:
    r = side_readings(frame_mask(stick_side(facing=facing), STATURE, "side"))
    assert r["sd_0.700"] == pytest.approx(0.14 * STATURE, abs=0.6)
    assert r["sf_0.700"] == pytest.approx(0.07 * STATURE, abs=0.6)
    assert r["sb_0.700"] == pytest.approx(0.07 * STATURE, abs=0.6)
    assert r["sd_0.580"] == pytest.approx(0.17 * STATURE, abs=0.6)
    assert r["belly_f"] == pytest.approx(0.10 * STATURE, abs=0.6)  # the belly is in front
    assert r["butt_b"] == pytest.approx(0.07 * STATURE, abs=0.6)
    assert r["lean"] == pytest.approx(0.0, abs=0.5)


def _runs_brute_force(mask: np.ndarray, axis_x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    h, w = mask.shape
    left, right = np.zeros(h, int), np.zeros(h, int)
    for r in range(h):
        x = min(max(round(axis_x[r]), 0), w - 1)
        if not mask[r, x]:
            continue
        a = x
        while a > 0 and mask[r, a - 1]:
            a -= 1
        b = x
        while b < w and mask[r, b]:
            b += 1
        left[r], right[r] = a, b
    return left, right


@pytest.mark.parametrize("seed", range(5))
def test_central_runs_agree_with_a_brute_force_scan(seed: int) -> None:
    rng = np.random.default_rng(seed)
    mask = rng.random((40, 30)) < rng.uniform(0.3, 0.9)
    mask[:, 0] |= rng.random(40) < 0.5  # runs touching both edges
    mask[:, -1] |= rng.random(40) < 0.5
    axis_x = rng.uniform(-3, 33, 40)  # some outside the mask: clipped
    left, right = _central_runs(mask, axis_x)
    bl, br = _runs_brute_force(mask, axis_x)
    np.testing.assert_array_equal(left, bl)
    np.testing.assert_array_equal(right, br)


def test_overlay_snapshot_keeps_the_canonical_silhouette_bit_for_bit() -> None:
    frame = frame_mask(stick_front(800) > 0, STATURE, "front")
    snap = json.loads(json.dumps(snapshot(frame, None)))  # stored as JSON
    back = frame_from_snapshot(snap)
    np.testing.assert_array_equal(back.mask, frame.mask)
    assert back.floor_y == frame.floor and back.cm_per_px == pytest.approx(frame.cm_per_px)
    ok, png = cv2.imencode(".png", frame.mask.view(np.uint8) * 255)  # scans stored before 2026-12
    assert ok
    legacy = {"mask_png": base64.b64encode(png.tobytes()).decode(), "points": None,
              "floor_y": frame.floor, "cm_per_px": frame.cm_per_px}
    np.testing.assert_array_equal(frame_from_snapshot(legacy).mask, frame.mask)
