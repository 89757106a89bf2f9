"""Undoing the phone's pitch: the level homography, the levelled mask, EXIF focal length and
the pitch estimated from body keypoints, all checked against a pinhole camera of known pose."""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
import pytest
from PIL import Image

from fitsvc.measure.images import decode_photo
from fitsvc.measure.perspective import (
    DEFAULT_FOCAL_35MM,
    exif_focal_35mm,
    focal_px,
    level_homography,
    level_mask,
)
from fitsvc.measure.pitch import KEYPOINT_FRACTIONS, ViewLandmarks, estimate_pitch, keypoint_landmarks
from fitsvc.synth.camera import PinholeCamera, look_rotation
from fitsvc.synth.camera import focal_px as synth_focal_px

W, H = 720, 1280
F35 = 26.0
STATURE_M = 1.7
# (pitch°, camera height m, distance m): a phone held high and tilted down, level, on the floor
POSES = [(-20.0, 1.6, 2.2), (0.0, 0.9, 2.0), (25.0, 0.2, 2.2)]


def camera(
    pitch_deg: float, height_m: float, dist_m: float, width: int = W, height: int = H, offset_x: float = 0.0
) -> PinholeCamera:
    """A phone ``dist_m`` in front of the person (−Y), its optical axis ``pitch_deg`` above
    the horizon (positive: tilted up), principal point at the image centre."""
    p = math.radians(pitch_deg)
    R = look_rotation(np.array([0.0, math.cos(p), math.sin(p)]))
    f = synth_focal_px(F35, width, height)
    t = -R @ np.array([offset_x, -dist_m, height_m])
    return PinholeCamera(width, height, f, width / 2, height / 2, R, t)


def apply(hom: np.ndarray, uv: np.ndarray) -> np.ndarray:
    q = np.c_[uv, np.ones(len(uv))] @ hom.T
    return np.asarray(q[:, :2] / q[:, 2:])


# --- level_homography ------------------------------------------------------------------------


def test_focal_px_matches_the_synthetic_camera_and_falls_back_to_26mm() -> None:
    assert focal_px(W, H, F35) == pytest.approx(synth_focal_px(F35, W, H))
    assert focal_px(W, H, None) == pytest.approx(synth_focal_px(DEFAULT_FOCAL_35MM, W, H))
    assert focal_px(W, H, 3.0) == focal_px(W, H, None)  # implausible EXIF values are ignored


@pytest.mark.parametrize(("pitch", "cam_h", "dist"), [*POSES, (12.0, 0.4, 3.0), (-35.0, 1.7, 1.5)])
def test_a_vertical_pole_becomes_vertical_and_evenly_scaled(pitch: float, cam_h: float, dist: float) -> None:
    cam = camera(pitch, cam_h, dist)
    z = np.linspace(0.0, 1.8, 13)
    pole = np.c_[np.full_like(z, 0.3), np.zeros_like(z), z]  # 0.3 m to the side
    uv, depth = cam.project(pole)
    assert (depth > 0).all()
    if pitch:
        assert np.ptp(uv[:, 0]) > 2.0  # the pole converges in the pitched photo
        assert np.ptp(np.diff(uv[:, 1])) > 0.5  # and its scale changes along it
    lv = apply(level_homography(W, H, pitch, cam.f), uv)
    assert np.ptp(lv[:, 0]) < 1e-6 * W
    steps = np.diff(lv[:, 1])
    assert (steps < 0).all()  # rows go up with height
    np.testing.assert_allclose(steps, steps[0], rtol=1e-9)
    # it is the photo of the level camera at the same place
    level_uv, _ = camera(0.0, cam_h, dist).project(pole)
    np.testing.assert_allclose(lv, level_uv, atol=1e-6)


def test_the_homography_of_zero_pitch_is_the_identity_and_pitches_invert() -> None:
    f = focal_px(W, H)
    np.testing.assert_allclose(level_homography(W, H, 0.0, f), np.eye(3), atol=1e-12)
    both = level_homography(W, H, 17.0, f) @ level_homography(W, H, -17.0, f)
    np.testing.assert_allclose(both / both[2, 2], np.eye(3), atol=1e-9)


def _pitched_rectangle(pitch: float, cam_h: float, dist: float) -> tuple[np.ndarray, np.ndarray]:
    """The photo of a 0.5 × 1.8 m upright board taken with a pitched camera; and its corners."""
    cam = camera(pitch, cam_h, dist)
    corners = np.array([[-0.25, 0, 0.0], [0.25, 0, 0.0], [0.25, 0, 1.8], [-0.25, 0, 1.8]])
    uv, _ = cam.project(corners)
    mask = np.zeros((H, W), np.uint8)
    cv2.fillConvexPoly(mask, np.round(uv).astype(np.int32), (1,))
    return mask.astype(bool), uv


@pytest.mark.parametrize(("pitch", "cam_h", "dist"), [(-20.0, 1.6, 2.6), (25.0, 0.2, 2.6)])
def test_level_mask_turns_a_pitched_board_back_into_a_rectangle(
    pitch: float, cam_h: float, dist: float
) -> None:
    mask, corners = _pitched_rectangle(pitch, cam_h, dist)
    top_w = np.flatnonzero(mask[round(corners[:, 1].min()) + 2]).size
    bottom_w = np.flatnonzero(mask[round(corners[:, 1].max()) - 2]).size
    assert abs(top_w - bottom_w) > 15  # a trapezoid before
    out, hom = level_mask(mask, pitch, F35)
    rows = np.flatnonzero(out.any(axis=1))[2:-2]
    first = np.array([np.flatnonzero(out[r])[0] for r in rows])
    last = np.array([np.flatnonzero(out[r])[-1] for r in rows])
    assert np.ptp(first) <= 2 and np.ptp(last) <= 2
    height = rows[-1] - rows[0] + 5
    assert height / (np.median(last - first) + 1) == pytest.approx(1.8 / 0.5, rel=0.03)
    # the returned map takes input pixels to the output's
    mapped = apply(hom, corners)
    assert mapped[:, 0].min() == pytest.approx(first.mean(), abs=2.5)
    assert mapped[:, 0].max() == pytest.approx(last.mean() + 1, abs=2.5)
    assert mapped[:, 1].min() == pytest.approx(rows[0] - 2, abs=2.5)
    # the person stays in view: a small margin round the warped silhouette
    assert 1 <= rows[0] - 2 <= 8 and 1 <= first.min() <= 8


def test_level_mask_leaves_a_level_mask_alone() -> None:
    mask, _ = _pitched_rectangle(0.0, 0.9, 2.6)
    out, hom = level_mask(mask, 0.0)
    assert out is mask
    np.testing.assert_array_equal(hom, np.eye(3))
    empty = np.zeros((50, 40), bool)
    out, hom = level_mask(empty, 20.0)
    assert not out.any() and out.shape == empty.shape
    np.testing.assert_array_equal(hom, np.eye(3))


def test_level_mask_clips_the_pitch_to_45_degrees() -> None:
    mask, _ = _pitched_rectangle(25.0, 0.2, 2.6)
    np.testing.assert_array_equal(level_mask(mask, 70.0)[0], level_mask(mask, 45.0)[0])
    assert not np.array_equal(level_mask(mask, 44.0)[0], level_mask(mask, 45.0)[0])


# --- EXIF ---------------------------------------------------------------------------------


def _jpeg(exif: Image.Exif | None = None) -> bytes:
    buf = io.BytesIO()
    img = Image.new("RGB", (320, 256), (90, 120, 150))
    img.save(buf, format="JPEG", **({"exif": exif} if exif is not None else {}))
    return buf.getvalue()


def _exif_with_focal(value: int, in_exif_ifd: bool = True) -> Image.Exif:
    exif = Image.Exif()
    if in_exif_ifd:
        exif.get_ifd(0x8769)[0xA405] = value
    else:
        exif[0xA405] = value
    return exif


def _focal(data: bytes) -> float | None:
    """The focal length the photo intake keeps from the file's EXIF."""
    return decode_photo(data, view="front").focal_35mm


def test_exif_focal_35mm_reads_the_exif_ifd_tag() -> None:
    assert _focal(_jpeg(_exif_with_focal(28))) == 28.0
    assert _focal(_jpeg(_exif_with_focal(77))) == 77.0


def test_exif_focal_35mm_is_none_when_unknown() -> None:
    assert _focal(_jpeg()) is None  # no EXIF
    assert _focal(_jpeg(_exif_with_focal(5))) is None  # not a phone's focal length
    assert _focal(_jpeg(_exif_with_focal(28, in_exif_ifd=False))) is None  # wrong IFD
    assert exif_focal_35mm(Image.Exif()) is None
    assert exif_focal_35mm(None) is None  # no EXIF object at all


# --- pitch from keypoints -------------------------------------------------------------------


def landmarks(cam: PinholeCamera, view: str, raise_m: dict[str, float] | None = None) -> ViewLandmarks:
    """Keypoints of a standing person at the view's median fractions of stature (and the
    head top at 1), photographed with ``cam``; ``raise_m`` moves some of them up (metres)."""
    priors = KEYPOINT_FRACTIONS[view]
    names = list(priors)
    z = np.array([STATURE_M] + [priors[n][0] * STATURE_M + (raise_m or {}).get(n, 0.0) for n in names])
    x = np.r_[0.0, np.full(len(names), 0.06)]
    uv, depth = cam.project(np.c_[x, np.zeros_like(z), z])
    assert (depth > 0).all() and (uv[:, 1] > 0).all() and (uv[:, 1] < cam.height).all()
    return ViewLandmarks(
        cam.width,
        cam.height,
        cam.f,
        (float(uv[0, 0]), float(uv[0, 1])),
        {n: (float(uv[i + 1, 0]), float(uv[i + 1, 1])) for i, n in enumerate(names)},
        priors,
    )


@pytest.mark.parametrize(("pitch", "cam_h", "dist"), POSES)
def test_estimate_pitch_recovers_the_camera_pitch(pitch: float, cam_h: float, dist: float) -> None:
    cam = camera(pitch, cam_h, dist)
    front, side = landmarks(cam, "front"), landmarks(cam, "side")
    assert estimate_pitch([front]) == pytest.approx(pitch, abs=1.5)
    assert estimate_pitch([side]) == pytest.approx(pitch, abs=1.5)
    both = estimate_pitch([front, side])
    assert both == pytest.approx(pitch, abs=1.0)
    assert abs(both) <= abs(pitch) + 0.1  # the N(0, 20°) prior only ever pulls towards level


def test_estimate_pitch_of_no_landmarks_is_level() -> None:
    cam = camera(20.0, 0.3, 2.2)
    bare = landmarks(cam, "front")
    one = ViewLandmarks(W, H, cam.f, bare.top_xy, {"hips": bare.points["hips"]}, bare.priors)
    assert estimate_pitch([one]) == pytest.approx(0.0, abs=1e-9)  # only the prior is left
    assert estimate_pitch([]) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(("pitch", "cam_h", "dist"), POSES)
@pytest.mark.parametrize(
    "name", ["eyes", "shoulders", "hips", "knees", "ankles"])
def test_one_misplaced_keypoint_moves_the_pitch_little(
    pitch: float, cam_h: float, dist: float, name: str
) -> None:
    cam = camera(pitch, cam_h, dist)
    clean = estimate_pitch([landmarks(cam, "front")])
    moved = estimate_pitch([landmarks(cam, "front", {name: 0.03 * STATURE_M})])
    assert abs(moved - clean) < 7.0  # ≤ ~2° per 1 % of stature (pitch.estimate_pitch)


def test_keypoint_landmarks_are_pair_midpoints() -> None:
    pts = np.zeros((33, 3))
    pts[:, 0] = np.arange(33) * 10.0
    pts[:, 1] = np.arange(33) * 2.0
    marks = keypoint_landmarks(pts)
    assert set(marks) == set(KEYPOINT_FRACTIONS["front"])
    assert marks["eyes"] == (35.0, 7.0)  # MediaPipe 2 (left eye) and 5 (right eye)
    assert marks["shoulders"] == (115.0, 23.0)
    assert marks["ankles"] == (275.0, 55.0)
