"""Measurements that agree with each other and with human bodies; the Gaussian body prior."""

from __future__ import annotations

import numpy as np
import pytest

from fitsvc.errors import PhotoRejected
from fitsvc.measure.body_prior import BodyPrior, design, fit_prior
from fitsvc.measure.consistency import (
    ANSUR_RANGE,
    ARM_SUM_OFFSET,
    ARM_SUM_TOL,
    check_ranges,
    make_consistent,
    plausible_range,
)
from fitsvc.measure.estimator import Estimate

NORMAL = {
    "stature": Estimate(175.0, 173.0, 177.0),
    "chest_girth": Estimate(100.0, 96.0, 104.0),
    "waist_girth": Estimate(86.0, 82.0, 90.0),
    "hip_girth": Estimate(102.0, 99.0, 105.0),
    "neck_girth": Estimate(38.0, 37.0, 39.0),
    "neck_base_girth": Estimate(41.0, 39.0, 43.0),
    "thigh_girth": Estimate(58.0, 55.0, 61.0),
    "inside_leg": Estimate(80.0, 78.0, 82.0),
    "arm_length": Estimate(60.0, 58.5, 61.5),
    "upper_arm_length": Estimate(35.0, 33.0, 37.0),
    "forearm_length": Estimate(26.0, 24.5, 27.5),
    "waist_height": Estimate(106.0, 104.0, 108.0),
    "cervicale_height": Estimate(150.0, 148.0, 152.0),
    "knee_height": Estimate(50.0, 48.0, 52.0),
}


def est(value: float, half: float) -> Estimate:
    return Estimate(value, value - half, value + half)


def contains(e: Estimate, value: float) -> bool:
    return e.low_cm - 1e-9 <= value <= e.high_cm + 1e-9


# --- ranges --------------------------------------------------------------------------------


def test_normal_measurements_pass_the_range_check() -> None:
    check_ranges(NORMAL)
    check_ranges({})


def test_a_250_cm_chest_is_refused() -> None:
    m = {**NORMAL, "chest_girth": Estimate(250.0, 240.0, 260.0)}
    with pytest.raises(PhotoRejected) as err:
        check_ranges(m)
    assert err.value.code == "implausible_measurements"
    assert err.value.status == 422
    assert err.value.details["reason"] == "out_of_human_range"
    assert err.value.details["measurements"] == ["chest_girth 250.0 cm"]
    check_ranges(m, names=("waist_girth", "hip_girth"))  # only the named ones are checked


def test_too_small_values_and_several_at_once_are_all_named() -> None:
    m = {**NORMAL, "stature": est(100.0, 1.0), "neck_girth": est(15.0, 1.0)}
    with pytest.raises(PhotoRejected) as err:
        check_ranges(m)
    bad = err.value.details["measurements"]
    assert len(bad) == 2 and bad[0].startswith("stature") and bad[1].startswith("neck_girth")


def test_plausible_ranges_widen_ansur_by_kind() -> None:
    lo, hi = ANSUR_RANGE["chest_girth"]
    assert plausible_range("chest_girth") == pytest.approx((0.75 * lo, 1.45 * hi))
    lo, hi = ANSUR_RANGE["inside_leg"]
    assert plausible_range("inside_leg") == pytest.approx((0.85 * lo, 1.12 * hi))
    check_ranges({"chest_girth": est(1.44 * ANSUR_RANGE["chest_girth"][1], 1)})
    with pytest.raises(PhotoRejected):
        check_ranges({"chest_girth": est(1.46 * ANSUR_RANGE["chest_girth"][1], 1)})


# --- order ---------------------------------------------------------------------------------


def test_consistent_measurements_are_left_alone() -> None:
    out, warnings = make_consistent(NORMAL)
    assert out == NORMAL and warnings == []


def test_a_neck_base_below_the_neck_is_pulled_up_and_the_neck_down() -> None:
    base, neck = est(38.0, 2.0), est(39.0, 0.5)  # the neck is the better known
    out, warnings = make_consistent({**NORMAL, "neck_base_girth": base, "neck_girth": neck})
    b, n = out["neck_base_girth"], out["neck_girth"]
    assert b.value_cm >= n.value_cm - 0.01
    assert b.value_cm > base.value_cm and n.value_cm < neck.value_cm
    # each moves in proportion to its interval width: 4 : 1
    assert b.value_cm - base.value_cm == pytest.approx(0.8, abs=0.02)
    assert neck.value_cm - n.value_cm == pytest.approx(0.2, abs=0.02)
    for new, old in ((b, base), (n, neck)):
        assert contains(new, old.value_cm) and contains(new, new.value_cm)
    assert warnings == ["adjusted_for_consistency:neck_base_girth>neck_girth"]


def test_an_interval_is_widened_to_reach_the_moved_value() -> None:
    base, neck = est(36.0, 1.0), est(39.0, 0.2)
    out, _ = make_consistent({"neck_base_girth": base, "neck_girth": neck})
    b = out["neck_base_girth"]
    assert b.value_cm > base.high_cm  # moved out of its old interval ...
    assert b.high_cm == b.value_cm and b.low_cm == base.low_cm  # ... which grew to hold both


def test_a_gap_rule_pulls_to_the_minimum_gap() -> None:
    out, warnings = make_consistent({"hip_girth": est(70.0, 3.0), "thigh_girth": est(60.0, 3.0)})
    assert out["hip_girth"].value_cm - out["thigh_girth"].value_cm == pytest.approx(15.0, abs=0.02)
    assert out["hip_girth"].value_cm == pytest.approx(72.5, abs=0.02)  # equal widths: half each
    assert warnings == ["adjusted_for_consistency:hip_girth>thigh_girth"]


def test_the_arm_sum_rule_scales_the_segments_to_the_arm_length() -> None:
    m = {"arm_length": est(60.0, 1.5), "upper_arm_length": est(30.0, 2.0), "forearm_length": est(20.0, 1.5)}
    out, warnings = make_consistent(m)
    up, fo = out["upper_arm_length"], out["forearm_length"]
    assert out["arm_length"] == m["arm_length"]  # the arm length is the better known
    assert up.value_cm + fo.value_cm + ARM_SUM_OFFSET == pytest.approx(60.0, abs=0.02)
    assert up.value_cm / fo.value_cm == pytest.approx(30.0 / 20.0, rel=1e-3)
    assert contains(up, 30.0) and contains(up, up.value_cm)
    assert warnings == ["adjusted_for_consistency:arm_length=upper_arm_length+forearm_length"]


def test_an_arm_sum_within_tolerance_is_kept() -> None:
    m = {
        "arm_length": est(60.0, 1.5),
        "upper_arm_length": est(35.0, 2.0),
        "forearm_length": est(26.0 + ARM_SUM_TOL - 0.1, 1.5),
    }
    out, warnings = make_consistent(m)
    assert out == m and warnings == []


# --- body prior ----------------------------------------------------------------------------

TARGETS = ["neck_girth", "neck_base_girth", "waist_height"]
RESID_COV = np.array([[4.0, 3.0, -1.0], [3.0, 4.0, -0.5], [-1.0, -0.5, 9.0]])


@pytest.fixture(scope="module")
def prior() -> BodyPrior:
    """Three 'measurements' linear in stature with correlated residuals: the neck base
    follows the neck (ρ = 0.75), the waist height goes (weakly) the other way."""
    rng = np.random.default_rng(7)
    n = 4000
    stature = rng.normal(172.0, 9.0, n)
    weight = rng.normal(75.0, 12.0, n)
    mean = np.c_[0.2 * stature + 4.0, 0.2 * stature + 7.0, 0.6 * stature + 2.0]
    y = mean + rng.multivariate_normal(np.zeros(3), RESID_COV, n)
    models = {
        "any+stature": fit_prior(stature, weight, y, with_weight=False),
        "any+weight": fit_prior(stature, weight, y, with_weight=True),
    }
    return BodyPrior({"targets": TARGETS, "models": models})


def test_design_columns() -> None:
    x = design(np.array([170.0, 180.0]), None)
    np.testing.assert_allclose(x[0], [1.0, 170.0, 289.0])
    xw = design(np.array([170.0]), np.array([70.0]))
    assert xw.shape == (1, 6)
    assert xw[0, 4] == pytest.approx(70.0 / 1.7**2)


def test_fit_prior_recovers_the_regression_and_the_residual_covariance(prior: BodyPrior) -> None:
    _, cov = prior.models["any+stature"]
    np.testing.assert_allclose(cov, RESID_COV, atol=0.5)
    post = prior.condition(180.0, None, None, {})
    assert post["neck_girth"][0] == pytest.approx(40.0, abs=0.3)
    assert post["waist_height"][0] == pytest.approx(110.0, abs=0.3)
    assert post["neck_girth"][1] == pytest.approx(2.0, abs=0.1)
    with_w = prior.condition(180.0, 80.0, None, {})  # the weight variant is picked by key
    assert with_w["neck_girth"][0] == pytest.approx(40.0, abs=0.4)
    with pytest.raises(KeyError):
        prior.condition(180.0, None, "female", {})  # no such group in this prior


def test_a_precise_observation_moves_and_tightens_the_others(prior: BodyPrior) -> None:
    base = prior.condition(180.0, None, None, {})
    post = prior.condition(180.0, None, None, {"neck_girth": (base["neck_girth"][0] + 4.0, 0.1)})
    assert post["neck_girth"] == pytest.approx((base["neck_girth"][0] + 4.0, 0.1))
    shift_base = post["neck_base_girth"][0] - base["neck_base_girth"][0]
    assert shift_base == pytest.approx(4.0 * 3.0 / 4.0, abs=0.3)  # Σ_bo/Σ_oo × 4 cm
    assert post["waist_height"][0] < base["waist_height"][0] - 0.5  # negatively correlated
    assert post["neck_base_girth"][1] < 0.75 * base["neck_base_girth"][1]
    assert post["neck_base_girth"][1] == pytest.approx(np.sqrt(4.0 - 9.0 / 4.0), abs=0.15)
    assert post["waist_height"][1] < base["waist_height"][1]


def test_a_vague_observation_changes_almost_nothing(prior: BodyPrior) -> None:
    base = prior.condition(180.0, None, None, {})
    post = prior.condition(180.0, None, None, {"neck_girth": (base["neck_girth"][0] + 4.0, 1e3)})
    for t in ("neck_base_girth", "waist_height"):
        assert post[t][0] == pytest.approx(base[t][0], abs=0.01)
        assert post[t][1] == pytest.approx(base[t][1], rel=1e-3)


def test_drawn_levels_come_from_the_profile_when_the_arms_hide_the_waist() -> None:
    from fitsvc.measure.compose import ARMS_APART_MIN, levels_cm
    from fitsvc.measure.views import Extraction

    readings = {"waist_h": 0.56, "hip_h": 0.56, "waist_dh": 0.62, "hip_dh": 0.50,
                "chest_dh": 0.72, "crotch_h": 0.46, "armpit_h": float("nan")}
    clear = Extraction({**readings, "arms_apart": 1.0}, {}, 0.0, "estimated")
    hidden = Extraction({**readings, "arms_apart": ARMS_APART_MIN / 2}, {}, 0.0, "estimated")
    assert levels_cm(clear, 200.0)["waist"] == levels_cm(clear, 200.0)["hip"] == 112.0
    lv = levels_cm(hidden, 200.0)
    assert (lv["waist"], lv["hip"], lv["chest"]) == (124.0, 100.0, 144.0)
    assert "armpit" not in lv and lv["thigh"] == 90.0
