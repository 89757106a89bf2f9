"""FitModel.recommend/predict_size look up what was learned once per item (hot path of
POST /v1/fit); training reads it per row through region_adjust()/offset(). Both must give
exactly the same numbers."""

from __future__ import annotations

import pytest

from fitsvc.fit.model import FitModel, Item, SizeFit, region_excess

SIZES = ["S", "M", "L", "XL"]
BODY = {"chest_girth": 93.0, "waist_girth": 81.5, "hip_girth": 99.0, "inside_leg": 79.0}


def _item(chart_kind: str, category: str = "dress", stretch: str = "none") -> Item:
    return Item(id="d1", category=category, stretch=stretch, chart_kind=chart_kind, sizes=SIZES,
                chart={s: {"chest": 88.0 + 5 * k, "waist": 72.0 + 5 * k, "hip": 96.0 + 5 * k}
                       for k, s in enumerate(SIZES)})


def _learned_model() -> FitModel:
    m = FitModel({"slope": 2.3, "theta_small": -0.5})
    m.item_offsets_ = {"d1": 0.31}
    m.customer_offsets_ = {"c1": -0.17}
    m.size_offsets_ = {"d1": {"M": 0.12, "XL": -0.4}}
    m.item_regions_ = {"d1": {"waist": -1.5}}
    m.customer_regions_ = {"c1": {"hip": 0.8, "waist": 0.25}}
    m.size_regions_ = {"d1": {"L": {"chest": -0.6, "waist": 0.3}}}
    return m


def _reference(m: FitModel, item: Item, size: str, customer: str | None) -> SizeFit | None:
    ease, excess, _ = region_excess(BODY, item, size, m.region_adjust(item.id, customer, size))
    if not excess:
        return None
    z_min, z_mean = m.latent(excess)
    off = m.offset(item.id, customer, size)
    ps, pf, pl = m.proba_from_latent(z_min + off, z_mean + off)
    return SizeFit(size, ps, pf, pl, ease, excess)


@pytest.mark.parametrize("customer", ["c1", "someone-else", None])
@pytest.mark.parametrize("item", [_item("garment"), _item("body"), _item("garment", "top", "high")],
                         ids=["garment-chart", "body-chart", "stretch-top"])
def test_fast_path_equals_the_per_row_path(item: Item, customer: str | None) -> None:
    for m in (_learned_model(), FitModel()):
        fits = m.recommend(BODY, item, customer)["fits"]
        assert [f.size for f in fits] == SIZES
        for f in fits:
            assert f == _reference(m, item, f.size, customer)
            assert m.predict_size(BODY, item, f.size, customer) == f


def test_learned_offsets_change_the_numbers() -> None:  # the comparison above is not vacuous
    item = _item("garment")
    plain = FitModel().recommend(BODY, item, "c1")["fits"]
    learned = _learned_model().recommend(BODY, item, "c1")["fits"]
    assert all(a.p_small != b.p_small and a.excess != b.excess for a, b in zip(plain, learned, strict=True))
