"""Feedback offsets: direction, shrinkage and recalibration."""

from __future__ import annotations

import numpy as np
import pytest

from fitsvc.fit.model import DEFAULT_PARAMS
from fitsvc.fit.offsets import RETURNED, Observations, fit_offsets, loglik, proba, recalibrate


def _obs(item: list[str], y: list[int], z: float = 0.5) -> Observations:
    n = len(y)
    return Observations(item=np.array(item, dtype=object),
                        customer=np.array([f"c{i}" for i in range(n)], dtype=object),
                        z_min=np.full(n, z), z_mean=np.full(n, z), y=np.array(y))


def test_item_that_runs_small_gets_negative_offset() -> None:
    obs = _obs(["a"] * 20 + ["b"] * 20, [0] * 20 + [2] * 20)
    items = fit_offsets(obs, DEFAULT_PARAMS).items
    assert items["a"] < -0.3 and items["b"] > 0.3


def test_offsets_shrink_with_little_feedback() -> None:
    one = fit_offsets(_obs(["a"], [0]), DEFAULT_PARAMS).items
    many = fit_offsets(_obs(["a"] * 30, [0] * 30), DEFAULT_PARAMS).items
    assert many["a"] < one["a"] < 0
    assert abs(one["a"]) < DEFAULT_PARAMS["item_prior_sd"]


def test_recalibrate_recovers_slope() -> None:
    rng = np.random.default_rng(0)
    true = {**DEFAULT_PARAMS, "slope": 3.0, "theta_small": -0.4, "theta_large": 1.0}
    z = rng.normal(0.3, 1.0, 6000)
    p = proba(true, z, z)
    y = np.array([rng.choice(3, p=row) for row in p])
    obs = Observations(item=np.zeros(len(y)), customer=np.zeros(len(y)), z_min=z, z_mean=z, y=y)
    got = recalibrate(obs, DEFAULT_PARAMS, np.zeros(len(y)))
    assert got["slope"] == pytest.approx(3.0, rel=0.15)
    assert got["theta_small"] == pytest.approx(-0.4, abs=0.1)


def test_returned_likelihood_is_not_fit() -> None:
    z = np.array([-1.0, 0.3, 2.0])
    p = proba(DEFAULT_PARAMS, z, z)
    got = loglik(DEFAULT_PARAMS, z, z, np.full(3, RETURNED))
    assert np.allclose(got, np.log(p[:, 0] + p[:, 2]))


def test_returns_follow_the_direction_of_directed_feedback() -> None:
    base = ["a"] * 4 + ["a"] * 10  # 4 "small", 10 "fit"
    y = [0] * 4 + [1] * 10
    without = fit_offsets(_obs(base, y), DEFAULT_PARAMS).items
    with_returns = fit_offsets(_obs(base + ["a"] * 12, y + [RETURNED] * 12),
                               DEFAULT_PARAMS).items
    assert with_returns["a"] < without["a"] < 0
    # the same returns next to "large" reports push the other way
    y_large = [2] * 4 + [1] * 10
    up = fit_offsets(_obs(base + ["a"] * 12, y_large + [RETURNED] * 12), DEFAULT_PARAMS).items
    assert up["a"] > 0


def test_many_returns_lower_p_fit_after_recalibration() -> None:
    rng = np.random.default_rng(1)
    z = rng.normal(0.0, 1.0, 3000)
    y = np.array([rng.choice(3, p=row) for row in proba(DEFAULT_PARAMS, z, z)])
    obs = Observations(item=np.zeros(len(y)), customer=np.zeros(len(y)), z_min=z, z_mean=z, y=y)
    before = recalibrate(obs, DEFAULT_PARAMS, np.zeros(len(y)))
    returned = y.copy()
    returned[(y == 1) & (rng.random(len(y)) < 0.3)] = RETURNED  # 30 % of "fits" came back
    after = recalibrate(Observations(obs.item, obs.customer, z, z, returned), DEFAULT_PARAMS,
                        np.zeros(len(y)))
    assert proba(after, z, z)[:, 1].mean() < proba(before, z, z)[:, 1].mean() - 0.05


def test_one_badly_graded_size_gets_its_own_offset() -> None:
    obs = _obs(["a"] * 40, [1] * 20 + [0] * 20)
    obs.size = np.array(["M"] * 20 + ["L"] * 20, dtype=object)
    got = fit_offsets(obs, DEFAULT_PARAMS)
    total_l = got.items["a"] + got.sizes["a"]["L"]
    total_m = got.items["a"] + got.sizes["a"].get("M", 0.0)
    assert got.sizes["a"]["L"] < -0.1 < 0.1 < got.sizes["a"]["M"]
    assert total_l < -0.3 and total_m > total_l + 0.5
    # without sizes all rows share one item offset, between the two
    plain = fit_offsets(_obs(["a"] * 40, [1] * 20 + [0] * 20), DEFAULT_PARAMS)
    assert plain.sizes == {} and total_l < plain.items["a"] < total_m
