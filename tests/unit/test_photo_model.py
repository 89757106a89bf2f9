"""Photo model: combo selection, conformal intervals, per-target use mask (fake data)."""

from __future__ import annotations

import numpy as np
import pytest

from fitsvc.measure.estimator import Estimate
from fitsvc.measure.photo_model import (
    DEFAULT_DIR,
    FEATURE_SETS,
    TARGETS,
    PhotoModel,
    combo_key,
    feature_vector,
    load_default,
)


def _person(rng: np.random.Generator, fs: str) -> dict:
    obs = {"stature": rng.uniform(150, 195), "weight_kg": rng.uniform(50, 110),
           "sex": "female" if rng.random() < 0.5 else "male"}
    obs.update({k: rng.uniform(20, 45) for k in FEATURE_SETS[fs]})
    return obs


def _truth(obs: dict) -> list[float]:
    """A fake 'exact' girth law: every target is a linear function of the readings."""
    base = 1.6 * obs["chest_breadth"] + 0.3 * obs["stature"]
    return [base + i for i in range(len(TARGETS))]


def _data(fs: str, n: int = 120, ansur_noise: float = 3.0) -> dict:
    rng = np.random.default_rng(0)
    data = {}
    for w in (True, False):
        for s in (True, False):
            xs, ys, yas = [], [], []
            for _ in range(n):
                obs = _person(rng, fs)
                y = _truth(obs)
                ya = [v + rng.normal(0, ansur_noise) for v in y]
                xs.append(feature_vector(obs, dict(zip(TARGETS, ya, strict=True)), fs, w, s))
                ys.append(y)
                yas.append(ya)
            data[combo_key(fs, w, s)] = (np.array(xs), np.array(ys), np.array(yas))
    return data


@pytest.fixture(scope="module")
def model() -> PhotoModel:
    return PhotoModel().fit({**_data("front_side"), **_data("front")})


def _ansur(value: float = 100.0) -> dict[str, Estimate]:
    return {t: Estimate(value, value - 5, value + 5) for t in TARGETS}


def test_picks_feature_set_and_inputs(model: PhotoModel) -> None:
    rng = np.random.default_rng(1)
    obs = _person(rng, "front_side")
    assert model.key_for(obs, "front_side") == "front_side+weight+sex"
    assert model.key_for({**obs, "weight_kg": None}, "front_side") == "front_side+sex"
    assert model.key_for({**obs, "sex": None, "weight_kg": None}, "front") == "front"
    assert model.key_for(obs, "subject") is None  # no photos: the ANSUR path is untouched
    missing = {k: v for k, v in obs.items() if k != "hip_depth"}
    assert model.key_for(missing, "front_side") is None


def test_refine_replaces_with_interval_around_point(model: PhotoModel) -> None:
    obs = _person(np.random.default_rng(2), "front_side")
    out = model.refine(obs, _ansur(), "front_side")
    truth = _truth(obs)
    for i, t in enumerate(TARGETS):
        e = out[t]
        assert e.low_cm <= e.value_cm <= e.high_cm
        assert e.value_cm == pytest.approx(truth[i], abs=1.5)  # learnt law, not ANSUR's 100
    assert model.halfwidth_["front_side+weight+sex"][0] < 5.0


def test_subject_only_and_losing_targets_unchanged() -> None:
    ms = _ansur()
    perfect_ansur = PhotoModel().fit(_data("front", ansur_noise=0.0))
    obs = _person(np.random.default_rng(3), "front")
    assert perfect_ansur.refine(obs, ms, "front") == ms  # ANSUR wins everywhere: kept
    assert perfect_ansur.refine(obs, ms, "subject") is ms


@pytest.mark.skipif(not (DEFAULT_DIR / "meta.json").exists(), reason="no committed model")
def test_committed_model_loads() -> None:
    m = load_default()
    assert isinstance(m, PhotoModel)
    assert {"front_side", "front", "front_side+weight+sex"} <= set(m.models_)
    assert any(m.use_["front_side"][:3])  # the lab model wins on some headline girths
