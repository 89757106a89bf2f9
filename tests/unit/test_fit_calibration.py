"""Calibration helpers: ECE, macro AUC, temperature scaling."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from fitsvc.fit.calibration import (
    TemperatureScaler,
    ece_classwise,
    ece_top_label,
    log_loss,
    macro_auc,
    softmax,
)


def _sample(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 1.5, (n, 3))
    p = softmax(z)
    y = np.array([rng.choice(3, p=row) for row in p])
    return z, y


def test_ece_hand_example() -> None:
    probs = np.array([[0.9, 0.05, 0.05], [0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.2, 0.7, 0.1]])
    y = np.array([0, 1, 0, 1])
    # bins: 0.9 (2 rows, acc .5 → gap .4), 0.6 (acc 1 → .4), 0.7 (acc 1 → .3)
    assert ece_top_label(probs, y) == pytest.approx((2 * 0.4 + 0.4 + 0.3) / 4)


def test_calibrated_probabilities_have_small_ece() -> None:
    z, y = _sample(20000)
    p = softmax(z)
    assert ece_top_label(p, y) < 0.015
    assert ece_classwise(p, y) < 0.01
    over = softmax(3 * z)
    assert ece_top_label(over, y) > 0.05


def test_temperature_recovers_overconfidence() -> None:
    z, y = _sample(20000, seed=1)
    over = softmax(2.0 * z)
    scaler = TemperatureScaler().fit(over, y)
    assert scaler.temperature_ == pytest.approx(2.0, rel=0.1)
    fixed = scaler.transform(over)
    assert log_loss(fixed, y) < log_loss(over, y)
    assert ece_top_label(fixed, y) < 0.015
    np.testing.assert_allclose(fixed.sum(axis=1), 1.0)


def test_macro_auc_is_mean_one_vs_rest() -> None:
    z, y = _sample(3000, seed=2)
    p = softmax(z)
    expected = np.mean([roc_auc_score(y == k, p[:, k]) for k in range(3)])
    assert macro_auc(p, y) == pytest.approx(expected)
