"""Skirt block options: shape (straight / A-line / pencil), vent, waistband, length."""

from __future__ import annotations

import itertools
from functools import cache

import pytest
from shapely.geometry import LinearRing, Polygon

from pattern import BLOCKS, BadOption, draft_block, grade
from pattern.draft.registry import Draft
from pattern.export import Job, render_format
from tests.unit.pattern_asserts import assert_sound as shared_assert_sound
from tests.unit.test_pattern_trousers import BODIES, chart

IDS = list(BODIES)
M = "womens_eu:M"
STYLES = [{"shape": "a_line", "vent": True}, {"shape": "pencil", "vent": True,
                                              "waistband": True}]


@cache
def drafted(label: str, **opts: object) -> Draft:
    return draft_block("skirt", BODIES[label], opts)


def hem_width(d: Draft) -> float:
    """Full hem girth: pieces are half-body."""
    return 2 * sum(d.piece(p).points["side_hem"].x for p in ("skirt_front", "skirt_back"))


def assert_sound(d: Draft) -> None:
    shared_assert_sound(d)
    for p in d.pieces:
        ring = [pt.as_tuple() for pt in p.outline()]
        assert p.check_closed() and LinearRing(ring).is_simple and Polygon(ring).is_valid


@pytest.mark.parametrize("style", range(len(STYLES)))
@pytest.mark.parametrize("label", IDS)
def test_styles_stay_sound_for_every_body(label: str, style: int) -> None:
    assert_sound(drafted(label, **STYLES[style]))


def test_every_option_is_described() -> None:
    for name, opt in BLOCKS["skirt"].options.items():
        assert len(opt.description) > 10, name


def test_shape_moves_the_side_hem_and_keeps_the_side_length() -> None:
    straight, a_line, pencil = (drafted(M, shape=s) for s in ("straight", "a_line", "pencil"))
    assert hem_width(pencil) + 50 < hem_width(straight) < hem_width(a_line) - 200
    side = straight.piece("skirt_front").edge("side").length()
    for d in (a_line, pencil):
        assert d.piece("skirt_front").edge("side").length() == pytest.approx(side, abs=1.0)
        assert d.piece("skirt_front").points["side_hem"].y < straight.piece(
            "skirt_front").points["side_hem"].y  # rotated: the hem curves up to the side
    assert hem_width(drafted(M, shape="a_line", flare=0.4)) > hem_width(a_line) + 150
    assert hem_width(drafted(M, shape="pencil", peg=0.12)) < hem_width(pencil) - 50
    assert hem_width(drafted(M, flare=0.4)) == pytest.approx(hem_width(straight))
    with pytest.raises(BadOption):
        draft_block("skirt", BODIES[M], {"shape": "circle"})


def test_vent_adds_a_cb_extension_with_a_notch() -> None:
    plain, vented = drafted(M), drafted(M, vent=True)
    back = vented.piece("skirt_back")
    hip = BODIES[M]["hip_girth"]
    assert "vent" not in [e.name for e in plain.piece("skirt_back").edges]
    vent = back.edge("vent")
    assert min(p.x for p in back.outline()) == pytest.approx(-0.04 * hip)
    assert vent.path.segments[0].length() == pytest.approx(vented.options["vent_length"])
    assert any(n.edge == "vent" for n in back.notches)
    assert back.area() > plain.piece("skirt_back").area() + 0.04 * hip * 150
    assert vented.piece("skirt_front") == plain.piece("skirt_front")
    longer = drafted(M, vent=True, vent_length=250).piece("skirt_back").edge("vent")
    assert longer.path.segments[0].length() - vent.path.segments[0].length() == \
        pytest.approx(70.0)


def test_a_vent_longer_than_the_skirt_allows_is_shortened_with_a_warning() -> None:
    d = drafted(M, vent=True, vent_length=400, length=0.8)
    assert any("vent shortened" in w for w in d.warnings)
    top = d.piece("skirt_back").points["vent_top"]
    assert top.y > d.piece("skirt_back").levels["hip"]


@pytest.mark.parametrize("length", [0.5, 1.5])
def test_length_moves_the_hem(length: float) -> None:
    d = drafted(M, length=length)
    m = BODIES[M]
    assert d.piece("skirt_front").points["cf_hem"].y == pytest.approx(
        (m["waist_height"] - m["knee_height"]) * length)
    assert_sound(d)


def test_waistband_piece() -> None:
    d = drafted(M, waistband=True, waistband_height=40)
    band = d.piece("skirt_waistband")
    waist = 2 * sum(d.piece(p).edge("waist").sewn_length() for p in ("skirt_front",
                                                                     "skirt_back"))
    assert 20 <= band.edge("seam").length() - waist <= 50
    assert band.edge("end").length() == pytest.approx(80.0)
    assert len(band.notches) >= 4 and band.cut.quantity == 1
    assert [p.name for p in drafted(M).pieces] == ["skirt_front", "skirt_back"]


@pytest.mark.parametrize("name", ["womens_eu", "mens_eu"])
def test_styled_skirt_grades_and_exports(name: str) -> None:
    opts = {"shape": "a_line", "vent": True, "waistband": True}
    run = grade("skirt", chart(name), options=opts)
    assert set(run.point_rules) == {"skirt_front", "skirt_back", "skirt_waistband"}
    for piece in run.sample.pieces:
        areas = [run.drafts[s].piece(piece.name).area() for s in run.sizes]
        assert all(b > a for a, b in itertools.pairwise(areas)), piece.name
    job = Job("SKIRT", run=run)
    assert "skirt_waistband" in render_format(job, "dxf").decode("ascii")
    assert b"RULE: DELTA" in render_format(job, "rul")
