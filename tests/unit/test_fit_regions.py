"""Region notes: validation, shrunken per-item / per-customer / per-size corrections, effects."""

from __future__ import annotations

import pytest

from fitsvc.errors import ServiceError
from fitsvc.fit.ease import TOLERANCE
from fitsvc.fit.model import FitModel, Item
from fitsvc.fit.regions import (
    check_region_notes,
    learn_region_offsets,
    learn_size_region_offsets,
    region_advice,
)

SIZES = ["S", "M", "L"]
ITEM = Item(id="d1", category="dress", sizes=SIZES,
            chart={s: {"chest": 90.0 + 6 * k, "waist": 74.0 + 6 * k, "hip": 98.0 + 6 * k}
                   for k, s in enumerate(SIZES)})
BODY = {"chest_girth": 88.0, "waist_girth": 70.0, "hip_girth": 96.0}


def test_notes_are_normalised_and_bad_ones_named() -> None:
    assert check_region_notes({" Waist ": "TIGHT", "sleeve": "long"}) == {
        "waist": "tight", "sleeve": "long"}
    assert check_region_notes(None) == {}
    with pytest.raises(ServiceError) as err:
        check_region_notes({"elbow": "tight", "hip": "meh", "waist": "ok"})
    assert err.value.code == "invalid_region_note" and err.value.status == 422
    codes = {e["field"]: e["code"] for e in err.value.details["errors"]}
    assert codes == {"elbow": "unknown_region", "hip": "unknown_note"}


def test_offsets_shrink_towards_zero_and_grow_with_agreeing_notes() -> None:
    one, _ = learn_region_offsets([("d1", "c1", {"waist": "tight"})])
    many, _ = learn_region_offsets([("d1", f"c{k}", {"waist": "tight"}) for k in range(30)])
    assert -TOLERANCE["waist"] < many["d1"]["waist"] < one["d1"]["waist"] < 0
    assert many["d1"]["waist"] < -0.85 * TOLERANCE["waist"]
    mixed, _ = learn_region_offsets([("d1", "a", {"hip": "tight"}), ("d1", "b", {"hip": "loose"})])
    assert "hip" not in mixed.get("d1", {})  # disagreement cancels out


def test_customer_offsets_follow_the_customer_across_items() -> None:
    rows = [(f"item{k}", "ann", {"hip": "tight"}) for k in range(6)]
    items, customers = learn_region_offsets(rows)
    assert customers["ann"]["hip"] < -2.0
    assert all(abs(v["hip"]) < abs(customers["ann"]["hip"]) for v in items.values())


def test_stored_unknown_notes_are_ignored_not_fatal() -> None:
    items, customers = learn_region_offsets([("d1", "c", {"elbow": "tight", "waist": "meh"})])
    assert items == {} and customers == {}


def test_learned_tight_waist_raises_p_small_and_names_the_region() -> None:
    from fitsvc.fit.model import reasons

    plain = FitModel()
    learned = FitModel()
    learned.item_regions_, learned.customer_regions_ = learn_region_offsets(
        [("d1", f"c{k}", {"waist": "tight"}) for k in range(20)])
    for size in SIZES:
        a = plain.predict_size(BODY, ITEM, size)
        b = learned.predict_size(BODY, ITEM, size)
        assert a is not None and b is not None
        assert b.p_small >= a.p_small and b.p_large < a.p_large
        assert b.ease == a.ease  # the chart is unchanged; only the excess moves
        assert b.excess["waist"] < a.excess["waist"] and b.excess["hip"] == a.excess["hip"]
    waist_bound = {**BODY, "waist_girth": 76.0}  # the waist is the tightest region here
    a, b = plain.predict_size(waist_bound, ITEM, "M"), learned.predict_size(waist_bound, ITEM, "M")
    assert a is not None and b is not None and b.p_small > a.p_small + 0.1
    assert any(r.startswith("waist") for r in reasons(b))
    assert learned.recommend(BODY, ITEM)["index"] >= plain.recommend(BODY, ITEM)["index"]
    other = Item(id="d2", category="dress", sizes=SIZES, chart=ITEM.chart)
    assert learned.predict_size(BODY, other, "M") == plain.predict_size(BODY, other, "M")


def test_region_advice_threshold() -> None:
    assert region_advice({"waist": -3.0, "hip": 0.5, "sleeve": 2.0}) == {
        "waist": "runs_small", "sleeve": "runs_large"}


def test_a_size_whose_notes_differ_gets_its_own_correction() -> None:
    rows = ([("d1", f"l{k}", "L", {"waist": "tight"}) for k in range(12)]
            + [("d1", f"m{k}", "M", {"waist": "ok"}) for k in range(12)])
    items, _ = learn_region_offsets((i, c, n) for i, c, _, n in rows)
    sizes = learn_size_region_offsets((i, s, n) for i, _, s, n in rows)
    total_l = items["d1"]["waist"] + sizes["d1"]["L"]["waist"]
    total_m = items["d1"]["waist"] + sizes["d1"]["M"]["waist"]
    assert sizes["d1"]["L"]["waist"] < 0 < sizes["d1"]["M"]["waist"]
    assert total_l < -0.7 * TOLERANCE["waist"] and abs(total_m) < 0.25 * TOLERANCE["waist"]
    # sizes that agree add nothing beyond the item's own correction
    same = [("d1", s, {"waist": "tight"}) for s in SIZES for _ in range(10)]
    assert learn_size_region_offsets(same) == {}
    model = FitModel()
    model.item_regions_, model.customer_regions_, model.size_regions_ = items, {}, sizes
    waist_bound = {**BODY, "waist_girth": 76.0}
    small_l = model.predict_size({**waist_bound, "waist_girth": 82.0}, ITEM, "L")
    plain_l = FitModel().predict_size({**waist_bound, "waist_girth": 82.0}, ITEM, "L")
    assert small_l is not None and plain_l is not None and small_l.p_small > plain_l.p_small
