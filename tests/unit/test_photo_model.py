"""Photo model on fake readings: it learns, its intervals cover, hard inputs get wider ones."""

from __future__ import annotations

import numpy as np
import pytest

from fitsvc.measure.photo_model import TARGETS, PhotoModel, combo_key, ellipse_perimeter
from fitsvc.measure.photo_net import NetConfig

KEYS = ("fw_0.500", "sd_0.500", "waist_w", "waist_d", "hip_w", "hip_d", "arms_apart")


def _rows(n: int, seed: int) -> list[dict]:
    """A fake body law: girths follow the ellipse of breadth and depth; with arms against the
    body (``arms_apart`` 0) the front widths carry 6 cm of noise, otherwise 0.3 cm."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        stature = rng.uniform(150, 195)
        b, d = rng.uniform(25, 45), rng.uniform(18, 35)
        apart = float(rng.random() < 0.5)
        noise = 0.3 if apart else 6.0
        truth = {t: float(ellipse_perimeter(np.array(b), np.array(d))) + k
                 for k, t in enumerate(TARGETS)}
        readings = {"fw_0.500": b + rng.normal(0, noise), "sd_0.500": d + rng.normal(0, 0.3),
                    "waist_w": b + rng.normal(0, noise), "waist_d": d + rng.normal(0, 0.3),
                    "hip_w": b + rng.normal(0, noise), "hip_d": d + rng.normal(0, 0.3),
                    "arms_apart": apart}
        rows.append({"person": f"p{seed}-{i}", "readings": readings, "stature": stature,
                     "weight_kg": None, "sex": None, "pitch_source": "estimated",
                     "views": "front_side", "truth": truth,
                     "settings": {"clothing": "none" if apart else "loose"}})
    return rows


@pytest.fixture(scope="module")
def model() -> PhotoModel:
    cfg = NetConfig(width=64, samples=60_000, members=2, batch=128)
    return PhotoModel(config=cfg).fit(_rows(1500, 0))


def test_learns_the_girth_law(model: PhotoModel) -> None:
    test = [r for r in _rows(400, 1) if r["readings"]["arms_apart"] == 1.0]
    mu, _, _ = model.predict_rows(test)
    y = np.array([[r["truth"][t] for t in TARGETS] for r in test])
    spread = y.std(0).mean()
    assert np.abs(mu - y).mean() < 0.15 * spread


def test_intervals_cover_about_ninety_percent(model: PhotoModel) -> None:
    test = _rows(600, 2)
    _, lo, hi = model.predict_rows(test)
    y = np.array([[r["truth"][t] for t in TARGETS] for r in test])
    assert 0.85 <= ((y >= lo) & (y <= hi)).mean() <= 0.96


def test_hard_captures_get_wider_intervals(model: PhotoModel) -> None:
    test = _rows(400, 3)
    _, lo, hi = model.predict_rows(test)
    hard = np.array([r["readings"]["arms_apart"] == 0.0 for r in test])
    width = (hi - lo).mean(axis=1)
    assert width[hard].mean() > 1.5 * width[~hard].mean()


def test_loose_clothing_classifier_learns_from_the_outline(model: PhotoModel) -> None:
    test = _rows(200, 4)
    p = np.array([model.predict_with_flag(r)[1] for r in test])
    loose = np.array([r["settings"]["clothing"] == "loose" for r in test])
    assert p[loose].mean() > 0.8 and p[~loose].mean() < 0.2


def test_missing_weight_and_sex_are_one_combination_each() -> None:
    assert combo_key("front_side", True, False, "sensor") == "front_side+sensor+weight"
    assert combo_key("front", False, True, "assumed_level") == "front+assumed_level+sex"


def test_an_unseen_input_combination_still_gets_a_finite_symmetric_interval(
        model: PhotoModel) -> None:
    row = dict(_rows(1, 5)[0], views="front", pitch_source="sensor")
    assert combo_key("front", False, False, "sensor") not in model.q_
    mu, lo, hi = model.predict_rows([row])
    assert np.isfinite(lo).all() and np.isfinite(hi).all() and (hi > lo).all()
    assert (hi - mu) == pytest.approx(mu - lo)
