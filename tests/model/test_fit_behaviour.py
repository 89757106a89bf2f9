"""Behaviour of the storefront fit model (monotonicity, invariances)."""

from __future__ import annotations

import numpy as np
import pytest

from fitsvc.fit.model import FitModel, Item

SIZES = ["XS", "S", "M", "L", "XL", "XXL"]


def _item(kind: str = "garment", intent: str = "regular", stretch: str = "none") -> Item:
    base = {"chest": 84.0, "waist": 66.0, "hip": 92.0}
    chart = {s: {r: v + 5.0 * k + (0.5 * k * k if r == "waist" else 0.0)
                 for r, v in base.items()} for k, s in enumerate(SIZES)}
    return Item(id="d1", category="dress", fit_intent=intent, stretch=stretch,
                chart_kind=kind, sizes=SIZES, chart=chart)


def _bodies(n: int = 200, seed: int = 0) -> list[dict[str, float]]:
    rng = np.random.default_rng(seed)
    return [{"chest_girth": float(c), "waist_girth": float(c - rng.uniform(10, 25)),
             "hip_girth": float(c + rng.uniform(0, 15))} for c in rng.uniform(70, 120, n)]


@pytest.mark.parametrize("kind", ["garment", "body"])
@pytest.mark.parametrize("stretch", ["none", "high"])
def test_bigger_body_never_gets_smaller_size(kind: str, stretch: str) -> None:
    model = FitModel()
    item = _item(kind, stretch=stretch)
    rng = np.random.default_rng(1)
    for body in _bodies():
        rec = model.recommend(body, item)
        for _ in range(3):
            bigger = {k: v + float(rng.uniform(0, 6)) for k, v in body.items()}
            assert model.recommend(bigger, item)["index"] >= rec["index"]


def test_feedback_offset_direction_keeps_monotonicity() -> None:
    model = FitModel()
    model.item_offsets_ = {"d1": -0.8}  # runs small
    model.customer_offsets_ = {}
    item = _item()
    plain = FitModel()
    for body in _bodies(50, seed=2):
        assert model.recommend(body, item)["index"] >= plain.recommend(body, item)["index"]


def test_per_size_offsets_keep_monotonicity_in_the_body() -> None:
    rng = np.random.default_rng(4)
    item = _item()
    for _ in range(5):  # learned offsets, one per size, in any order
        model = FitModel()
        model.item_offsets_ = {"d1": float(rng.normal(0, 0.6))}
        model.size_offsets_ = {"d1": {s: float(rng.normal(0, 0.5)) for s in SIZES}}
        for body in _bodies(40, seed=int(rng.integers(1000))):
            rec = model.recommend(body, item)
            bigger = {k: v + float(rng.uniform(0, 6)) for k, v in body.items()}
            assert model.recommend(bigger, item)["index"] >= rec["index"]


def test_more_ease_never_raises_p_small() -> None:
    model = FitModel()
    rng = np.random.default_rng(3)
    for _ in range(300):
        excess = {r: float(rng.normal(0, 6)) for r in ("chest", "waist", "hip")}
        ps, _, _ = model.proba_from_latent(*model.latent(excess))
        region = str(rng.choice(list(excess)))
        more = {**excess, region: excess[region] + float(rng.uniform(0, 5))}
        ps2, _, _ = model.proba_from_latent(*model.latent(more))
        assert ps2 <= ps + 1e-12


def test_probabilities_valid_and_stretch_helps_tight_garments() -> None:
    model = FitModel()
    body = {"chest_girth": 96.0, "waist_girth": 78.0, "hip_girth": 104.0}
    woven = model.predict_size(body, _item(stretch="none"), "S")
    knit = model.predict_size(body, _item(stretch="high"), "S")
    assert woven is not None and knit is not None
    for f in (woven, knit):
        assert min(f.p_small, f.p_fit, f.p_large) >= 0
        assert f.p_small + f.p_fit + f.p_large == pytest.approx(1.0)
    assert knit.p_small < woven.p_small
    assert woven.ease["chest"] == pytest.approx(89.0 - 96.0)


def test_item_order_invariance() -> None:
    from fitsvc.fit.service import _item_result

    model = FitModel()
    items = [_item("garment"), _item("body", "slim"), _item("garment", "relaxed", "low")]
    for k, it in enumerate(items):
        it.id = f"i{k}"
    body = _bodies(1)[0]
    forward = {it.id: _item_result(model, body, it, None) for it in items}
    backward = {it.id: _item_result(model, body, it, None) for it in reversed(items)}
    assert forward == backward
