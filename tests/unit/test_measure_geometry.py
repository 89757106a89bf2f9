"""Silhouette geometry on synthetic masks with known widths and levels."""

from __future__ import annotations

import numpy as np
import pytest

from fitsvc.errors import PhotoRejected
from fitsvc.measure.keypoints import LM
from fitsvc.measure.readings import find_crotch, frame_view, read_front, read_side
from fitsvc.measure.silhouette import clean_mask, make_upright, run_at, runs, vertical_extent

H, W = 1000, 600
CX = 300


def figure(arms_out: bool = True, legs_apart: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """A front 'person' 900 px tall: head 100-200, torso 200-560, legs 560-1000 (floor 999).

    Torso half-width: 80 px at chest rows 250-330, narrows to 60 px at row 400 (waist),
    widens to 90 px at row 500 (hip). Arms are bars 40 px outside the torso from row 230.
    """
    m = np.zeros((H, W), bool)
    m[100:200, CX - 40 : CX + 40] = True  # head
    m[200:230, CX - 110 : CX + 110] = True  # shoulders (arms join here)
    for y in range(230, 560):
        if y < 330:
            half = 80
        elif y < 400:
            half = int(80 - (y - 330) * 20 / 70)
        elif y < 500:
            half = int(60 + (y - 400) * 30 / 100)
        else:
            half = 90
        m[y, CX - half : CX + half] = True
    if arms_out:
        for y in range(230, 520):
            off = 120 + (y - 230) // 6
            m[y, CX - off - 25 : CX - off] = True
            m[y, CX + off : CX + off + 25] = True
    gap = 20 if legs_apart else 0
    m[560:1000, CX - 85 : CX - gap // 2] = True
    m[560:1000, CX + gap // 2 : CX + 85] = True
    m[540:560, CX - 90 : CX + 90] = True
    pts = np.zeros((33, 2))
    pts[LM.NOSE] = (CX, 160)
    pts[LM.LEFT_SHOULDER], pts[LM.RIGHT_SHOULDER] = (CX + 90, 215), (CX - 90, 215)
    pts[LM.LEFT_HIP], pts[LM.RIGHT_HIP] = (CX + 50, 520), (CX - 50, 520)
    pts[LM.LEFT_ANKLE], pts[LM.RIGHT_ANKLE] = (CX + 45, 960), (CX - 45, 960)
    pts[LM.LEFT_ELBOW], pts[LM.RIGHT_ELBOW] = (CX + 160, 370), (CX - 160, 370)
    pts[LM.LEFT_WRIST], pts[LM.RIGHT_WRIST] = (CX + 190, 510), (CX - 190, 510)
    return m, pts


def test_runs_and_run_at():
    row = np.array([0, 1, 1, 0, 0, 1, 1, 1, 0], bool)
    assert runs(row) == [(1, 3), (5, 8)]
    assert run_at(row, 6) == (5, 8)
    assert run_at(row, 4) is None
    assert run_at(row, 4, max_gap=1) in {(1, 3), (5, 8)}


def test_clean_mask_keeps_largest_component():
    prob = np.zeros((50, 50), np.float32)
    prob[5:40, 5:20] = 0.9
    prob[45:48, 45:48] = 0.9
    mask = clean_mask(prob)
    assert mask[10, 10] and not mask[46, 46]


def test_front_reading_scales_by_stature_and_finds_levels():
    mask, pts = figure()
    r = read_front(mask, pts, stature_cm=180.0)
    assert r.frame.cm_per_px == pytest.approx(180.0 / 899, rel=1e-3)
    s = r.frame.cm_per_px
    # armpit where arms separate: row 230
    assert r.levels_cm["armpit"] == pytest.approx((999 - 230) * s, abs=1.0)
    # natural waist: narrowest torso at row 400 → 120 px
    assert r.values_cm["waist_breadth"] == pytest.approx(120 * s, abs=1.0)
    assert r.levels_cm["waist"] == pytest.approx((999 - 400) * s, abs=2.0)
    # hip: fullest between waist and crotch → 180 px
    assert r.values_cm["hip_breadth"] == pytest.approx(180 * s, abs=0.6)
    # crotch: legs join at row 559
    assert r.values_cm["crotch_height"] == pytest.approx((999 - 559) * s, abs=1.0)
    assert r.values_cm["chest_breadth"] == pytest.approx(160 * s, abs=0.6)
    assert r.values_cm["shoulder_breadth"] == pytest.approx(180 * s, abs=0.1)


def test_arms_against_body_is_rejected():
    mask, pts = figure(arms_out=False)
    with pytest.raises(PhotoRejected) as err:
        read_front(mask, pts, stature_cm=170.0)
    assert err.value.code == "pose_not_suitable"


def test_legs_together_gives_no_crotch_and_a_warning():
    mask, pts = figure(legs_apart=False)
    assert find_crotch(frame_view(mask, pts, 170.0)) is None
    r = read_front(mask, pts, stature_cm=170.0)
    assert "legs_together_inside_leg_estimated" in r.warnings


def test_upright_undoes_camera_roll():
    mask, pts = figure()
    import cv2

    angle = 4.0
    mat = cv2.getRotationMatrix2D((W / 2, H / 2), angle, 1.0)
    tilted = cv2.warpAffine(mask.astype(np.uint8), mat, (W, H), flags=cv2.INTER_NEAREST) > 0
    tpts = np.c_[pts, np.ones(33)] @ mat.T
    straight = read_front(mask, pts, 175.0)
    rolled = read_front(tilted, tpts, 175.0)
    assert abs(rolled.frame.upright.angle_deg) > 3.0
    for key in ("waist_breadth", "hip_breadth", "crotch_height"):
        assert rolled.values_cm[key] == pytest.approx(straight.values_cm[key], abs=1.2)


def test_side_reading_takes_depths_at_front_levels():
    mask, pts = figure()
    front = read_front(mask, pts, 180.0)
    # side 'person': same height, torso depth 100 px everywhere except a 140 px bust band
    side = np.zeros((H, W), bool)
    side[100:1000, CX - 50 : CX + 50] = True
    side[250:290, CX - 50 : CX + 90] = True
    spts = pts.copy()
    spts[[LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER, LM.LEFT_HIP, LM.RIGHT_HIP], 0] = CX
    r = read_side(side, spts, 180.0, front.levels_cm)
    s = 180.0 / 899
    assert r.values_cm["chest_depth"] == pytest.approx(140 * s, abs=0.5)
    assert r.values_cm["waist_depth"] == pytest.approx(100 * s, abs=0.5)
    assert 250 <= front.frame.y_at(r.levels_cm["chest"]) <= 290


def test_make_upright_noop_and_extent():
    mask, pts = figure()
    up = make_upright(mask, pts, 0.1)
    assert up.angle_deg == 0.0
    assert vertical_extent(up.mask) == (100, 999)
