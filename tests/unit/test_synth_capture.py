"""The synthetic lab's capture settings, camera aiming and phone-like mask noise."""

from __future__ import annotations

import math

import numpy as np
import pytest

from fitsvc.synth.camera import aim_camera
from fitsvc.synth.capture import (
    CAMERAS,
    CLOTHING,
    FACTORS,
    Capture,
    sample_arms,
    sample_camera,
    sample_capture,
)
from fitsvc.synth.mask_noise import phone_mask_noise
from tests.unit.test_measure_silhouette_frame import stick_front

SEEDS = range(40)


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


# --- sample_capture ------------------------------------------------------------------------


def test_a_pinned_camera_is_always_that_camera() -> None:
    for seed in SEEDS:
        cap = sample_capture(rng(seed), camera="floor")
        assert cap.camera.family == "floor" and cap.settings["camera"] == "floor"
        assert cap.describe()["camera"] == "floor"
        assert 0.05 <= cap.camera.height_m <= 0.45  # on the floor or a low shelf
        assert 22 <= cap.camera.focal_35mm <= 28


def test_several_factors_can_be_pinned_and_the_rest_vary() -> None:
    caps = [sample_capture(rng(s), camera="far", clothing="tight", front_arms="hanging") for s in SEEDS]
    assert {c.camera.family for c in caps} == {"far"}
    assert {c.clothing for c in caps} == {"tight"}
    assert {c.front_arms for c in caps} == {"hanging"}
    assert all(33 <= c.front_pose.drop_deg <= 42 for c in caps)
    assert all(c.camera.landscape and c.camera.long_side_px == 1600 for c in caps)
    assert len({c.side_arms for c in caps}) > 1 and len({c.background for c in caps}) > 1


def test_unpinned_draws_cover_every_level() -> None:
    caps = [sample_capture(rng(s)) for s in range(200)]
    for factor, levels in FACTORS.items():
        assert {c.settings[factor] for c in caps} == set(levels), factor


@pytest.mark.parametrize("fixed", [{"lens": "wide"}, {"camera": "floor", "colour": "red"}])
def test_unknown_factors_are_refused(fixed: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="unknown capture factors"):
        sample_capture(rng(), **fixed)


@pytest.mark.parametrize(
    ("factor", "level"),
    [("camera", "drone"), ("clothing", "coat"), ("side_arms", "apose_wide"), ("background", "beach")],
)
def test_unknown_levels_are_refused(factor: str, level: str) -> None:
    with pytest.raises(ValueError, match=f"{factor} must be one of"):
        sample_capture(rng(), **{factor: level})


def test_unknown_camera_and_arm_families_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown camera set-up"):
        sample_camera("drone", rng())
    with pytest.raises(ValueError, match="unknown side arm pose"):
        sample_arms("side", "slight", rng())  # a front-only pose


def test_men_are_not_drawn_in_skirts_unless_pinned() -> None:
    men = [sample_capture(rng(s), sex="male").clothing for s in range(300)]
    women = [sample_capture(rng(s), sex="female").clothing for s in range(300)]
    assert "skirt" not in men
    assert set(men) == set(CLOTHING) - {"skirt"}
    assert "skirt" in women
    assert sample_capture(rng(), sex="male", clothing="skirt").clothing == "skirt"


def test_the_side_photo_never_spreads_the_legs() -> None:
    for seed in SEEDS:
        cap = sample_capture(rng(seed))
        assert cap.side_pose.leg_spread_deg == 0.0
        assert -2 <= cap.front_pose.leg_spread_deg <= 6


def test_the_same_seed_gives_the_same_capture() -> None:
    a, b = sample_capture(rng(11), sex="male"), sample_capture(rng(11), sex="male")
    assert isinstance(a, Capture) and a == b
    assert a != sample_capture(rng(12), sex="male")


# --- aim_camera ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def body_points() -> np.ndarray:
    """A person-sized point cloud: 0.5 m wide, 0.3 m deep, 1.75 m tall, feet at z = 0."""
    g = rng(5)
    pts = np.c_[g.uniform(-0.25, 0.25, 800), g.uniform(-0.15, 0.15, 800), g.uniform(0, 1.75, 800)]
    return np.r_[pts, [[0.0, 0.0, 0.0], [0.0, 0.0, 1.75]]]


def _inside(uv: np.ndarray, width: int, height: int, margin: float) -> bool:
    return bool(
        uv[:, 0].min() >= margin * width
        and uv[:, 0].max() <= (1 - margin) * width
        and uv[:, 1].min() >= margin * height
        and uv[:, 1].max() <= (1 - margin) * height
    )


@pytest.mark.parametrize(("height_m", "extra", "fill"), [(1.1, 0.0, 0.8), (0.2, 0.0, 0.7), (1.6, 0.0, 0.6)])
def test_aim_camera_frames_the_body_at_the_requested_fill(
    body_points: np.ndarray, height_m: float, extra: float, fill: float
) -> None:
    cam = aim_camera(
        body_points,
        height_m=height_m,
        offset_x=0.0,
        extra_pitch_deg=extra,
        roll_deg=0.0,
        focal_35mm=26.0,
        width=720,
        height=1280,
        fill=fill,
    )
    uv, depth = cam.project(body_points)
    assert (depth > 0.2).all() and _inside(uv, 720, 1280, 0.01)
    span = np.ptp(uv[:, 1]) / 1280
    # the start distance is the level pinhole's and the camera only ever moves back: a camera
    # aimed up or down at the body sees it foreshortened, a few % under the fill
    assert 0.9 * fill <= span <= 1.02 * fill
    if abs(height_m - 0.875) < 0.3:
        assert span == pytest.approx(fill, abs=0.01)
    assert cam.position[2] == pytest.approx(height_m) and cam.position[1] < -0.5
    # aimed at the body's middle: its optical axis' elevation is the angle to mid-height
    pitch = math.degrees(math.asin(cam.R[2, 2]))
    aim = math.degrees(math.atan2(0.875 - height_m, -cam.position[1]))
    assert pitch == pytest.approx(aim + extra, abs=1e-6)


@pytest.mark.parametrize("family", CAMERAS)
def test_aim_camera_keeps_every_sampled_setup_in_frame(body_points: np.ndarray, family: str) -> None:
    for seed in range(25):
        c = sample_camera(family, rng(seed))
        short = round(c.long_side_px / c.aspect)
        w, h = (c.long_side_px, short) if c.landscape else (short, c.long_side_px)
        cam = aim_camera(
            body_points,
            height_m=c.height_m,
            offset_x=c.offset_x,
            extra_pitch_deg=c.pitch_deg,
            roll_deg=c.roll_deg,
            focal_35mm=c.focal_35mm,
            width=w,
            height=h,
            fill=c.frame_fill,
        )
        uv, depth = cam.project(body_points)
        assert (depth > 0.2).all() and _inside(uv, w, h, 0.01), (family, seed)
        span = np.ptp(uv[:, 1]) / h
        assert 0.75 * c.frame_fill <= span <= 1.02 * c.frame_fill, (family, seed)
        pitch = math.degrees(math.asin(cam.R[2, 2]))
        aim = math.degrees(math.atan2(0.875 - c.height_m, -cam.position[1]))
        assert pitch - aim == pytest.approx(c.pitch_deg, abs=1e-6)
        if family == "floor":
            assert pitch > 0  # a phone on the floor looks up at the person


# --- phone mask noise ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def person() -> np.ndarray:
    return stick_front()  # 1000 px tall


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


def test_zero_strength_returns_an_identical_copy(person: np.ndarray) -> None:
    out = phone_mask_noise(person, rng(), strength=0.0)
    assert out is not person
    np.testing.assert_array_equal(out, person)
    out[0, 0] = not out[0, 0]
    assert out[0, 0] != person[0, 0]  # a copy, not a view


def test_noise_changes_the_outline_a_little(person: np.ndarray) -> None:
    scores = [iou(phone_mask_noise(person, rng(s)), person) for s in range(6)]
    assert all(0.85 <= s <= 0.999 for s in scores), scores
    assert len({round(s, 6) for s in scores}) == len(scores)  # every seed its own noise


def test_stronger_noise_departs_further(person: np.ndarray) -> None:
    def mean_iou(strength: float) -> float:
        return float(np.mean([iou(phone_mask_noise(person, rng(s), strength), person) for s in range(3)]))

    assert mean_iou(0.3) > mean_iou(2.0)


def test_noise_is_deterministic_for_a_seed(person: np.ndarray) -> None:
    a = phone_mask_noise(person, rng(3))
    b = phone_mask_noise(person, rng(3))
    assert a.dtype == bool and a.shape == person.shape
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, phone_mask_noise(person, rng(4)))
