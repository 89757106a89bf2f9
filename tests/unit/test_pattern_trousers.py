"""Trouser block: back rise (issue 14 #1), crotch split, seams, outline, and options."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest
from shapely.geometry import LinearRing, Polygon

from pattern import BLOCKS, BadOption, Measurements, SizeChart, draft_block, grade
from pattern.checks import girth_checks, seam_checks
from pattern.draft.registry import Draft
from pattern.export import Job, render_format
from pattern.finish import finish
from tests.unit.pattern_asserts import assert_sound

CHARTS = Path(__file__).resolve().parents[2] / "sample_data" / "size_charts"
GIRTHS = ("chest_girth", "waist_girth", "hip_girth", "neck_girth", "neck_base_girth",
          "upper_arm_girth", "wrist_girth", "thigh_girth", "across_back", "shoulder_width",
          "shoulder_length")


@cache
def chart(name: str) -> SizeChart:
    return SizeChart.load(CHARTS / f"{name}.json")


def built(base: Measurements, length_k: float, girth_k: float) -> Measurements:
    """A plausible body from a chart body: lengths × length_k, girths × girth_k, the crotch
    length (a length through the legs that grows with the girths too) × their mean.
    Measurements.from_cm validates ranges and cross-measurement consistency."""
    cm = base.cm()
    out = {k: v * (girth_k if k in GIRTHS else length_k) for k, v in cm.items()}
    out["crotch_length"] = cm["crotch_length"] * (length_k + girth_k) / 2
    return Measurements.from_cm({**out, "sex": base.sex})


def _bodies() -> dict[str, Measurements]:
    out = {f"{c}:{s}": chart(c).bodies[s] for c in ("womens_eu", "mens_eu")
           for s in chart(c).sizes}
    w, m = chart("womens_eu").bodies, chart("mens_eu").bodies
    out.update({
        "short_slim_woman": built(w["XS"], 0.91, 0.88),    # ≈ 151 cm, hip 81 cm
        "short_heavy_woman": built(w["XL"], 0.93, 1.18),   # ≈ 154 cm, hip 127 cm
        "tall_slim_man": built(m["S"], 1.09, 0.94),        # ≈ 186 cm, hip 88 cm
        "tall_heavy_man": built(m["XXL"], 1.08, 1.16),     # ≈ 199 cm, hip 138 cm
    })
    return out


BODIES = _bodies()
IDS = list(BODIES)


@cache
def drafted(label: str, **opts: object) -> Draft:
    return draft_block("trousers", BODIES[label], opts)


def stored(d: Draft, key: str) -> float:
    value = d.store[key]
    assert isinstance(value, float)
    return value


def cb_raise(d: Draft) -> float:
    """Height of the back centre waist above the back side waist (mm)."""
    back = d.piece("trousers_back")
    return back.points["side_waist"].y - back.points["centre_waist"].y


def hem_width(d: Draft) -> float:
    return sum(d.piece(p).edge("hem").length() for p in ("trousers_front", "trousers_back"))


def knee_width(d: Draft) -> float:
    return sum(d.piece(p).points["knee_inner"].x - d.piece(p).points["knee_outer"].x
               for p in ("trousers_front", "trousers_back"))


# ---------------------------------------------------------------- issue 14 #1: back rise


@pytest.mark.parametrize("label", IDS)
def test_cb_raise_above_side_waist_is_1_to_5_cm(label: str) -> None:
    r = cb_raise(drafted(label))
    assert 10.0 <= r <= 50.0, f"{label}: CB raised {r / 10:.1f} cm above the side waist"


@pytest.mark.parametrize("name", ["womens_eu", "mens_eu"])
def test_cb_raise_grades_gently_across_a_chart(name: str) -> None:
    raises = [cb_raise(drafted(f"{name}:{s}")) for s in chart(name).sizes]
    assert max(raises) - min(raises) <= 12.0, [round(r) for r in raises]


@pytest.mark.parametrize("label", IDS)
def test_crotch_matches_body_and_back_takes_50_to_65_percent(label: str) -> None:
    d = drafted(label)
    front, back = stored(d, "crotch_front"), stored(d, "crotch_back")
    target = BODIES[label]["crotch_length"] * (1 + d.options["crotch_ease"])
    assert abs(front + back - target) <= 2.0
    assert d.piece("trousers_front").edge("crotch").length() == pytest.approx(front)
    assert d.piece("trousers_back").edge("crotch").length() == pytest.approx(back)
    assert 0.50 <= back / (front + back) <= 0.65, f"back share {back / (front + back):.3f}"


@pytest.mark.parametrize("label", IDS)
def test_seat_angle_and_back_fork_are_in_the_published_range(label: str) -> None:
    """The extra back length lives in the seat angle and the back fork extension."""
    d, hip = drafted(label), BODIES[label]["hip_girth"]
    back = d.piece("trousers_back")
    cw, ch, fork = back.points["centre_waist"], back.points["centre_hip"], back.points["fork"]
    seat_angle = (ch.x - cw.x) / (ch.y - cw.y)  # run over rise of the CB seam
    assert 0.08 <= seat_angle <= 0.36, seat_angle  # ≈ 5°–20°
    assert hip / 12 <= fork.x - ch.x <= hip / 5
    front = d.piece("trousers_front")
    assert hip / 30 <= front.points["fork"].x - front.points["centre_hip"].x <= hip / 8


@pytest.mark.parametrize("label", IDS)
def test_seams_match_outline_simple_no_warnings(label: str) -> None:
    d = drafted(label)
    assert_sound(d)
    for p in d.pieces:
        ring = [pt.as_tuple() for pt in p.outline()]
        assert LinearRing(ring).is_simple and Polygon(ring).is_valid, p.name


# ---------------------------------------------------------------- options

STYLES = [{"leg_shape": "tapered", "waistband": True}, {"leg_shape": "wide", "length": 0.4},
          {"front_rise_share": 0.4, "fit": "relaxed"}]


@pytest.mark.parametrize("style", range(len(STYLES)))
@pytest.mark.parametrize("label", IDS)
def test_styles_stay_sound_for_every_body(label: str, style: int) -> None:
    d = drafted(label, **STYLES[style])
    assert d.warnings == [] and 10.0 <= cb_raise(d) <= 50.0
    assert all(c.diff <= 2.0 for c in seam_checks(d))
    assert all(g.diff <= 3.0 for g in girth_checks(d))
    for p in d.pieces:
        assert p.is_simple() and Polygon([q.as_tuple() for q in finish(p).cut]).is_valid



M = "womens_eu:M"


def test_every_option_is_described() -> None:
    for name, opt in BLOCKS["trousers"].options.items():
        assert len(opt.description) > 10, name


def test_leg_shape_changes_hem_and_knee() -> None:
    straight, tapered, wide = (drafted(M, leg_shape=s) for s in ("straight", "tapered", "wide"))
    assert hem_width(tapered) < hem_width(straight) - 20 < hem_width(wide) - 60
    assert knee_width(tapered) < knee_width(straight) < knee_width(wide)
    for d in (tapered, wide):
        assert all(c.diff <= 2.0 for c in seam_checks(d))
        assert all(p.is_simple() for p in d.pieces)
    with pytest.raises(BadOption):
        draft_block("trousers", BODIES[M], {"leg_shape": "bootcut"})


def test_knee_and_hem_ratios_change_widths() -> None:
    assert knee_width(drafted(M, knee_ratio=0.9)) > knee_width(drafted(M)) + 30
    assert hem_width(drafted(M, hem_ratio=0.7)) < hem_width(drafted(M)) - 30


@pytest.mark.parametrize("length", [0.45, 0.7, 1.0])
def test_length_moves_the_hem(length: float) -> None:
    d, ref = drafted(M, length=length), drafted(M)
    hem = d.piece("trousers_front").edge("hem").path
    assert hem.start.y == pytest.approx(BODIES[M]["waist_height"] * length)
    shorter = d.piece("trousers_front").edge("outseam").length() < \
        ref.piece("trousers_front").edge("outseam").length()
    assert shorter == (length < ref.options["length"])
    assert all(c.diff <= 2.0 for c in seam_checks(d)) and d.warnings == []
    assert all(p.is_simple() for p in d.pieces)


def test_waistband_adds_a_band_as_long_as_the_sewn_waist() -> None:
    assert [p.name for p in drafted(M).pieces] == ["trousers_front", "trousers_back"]
    d = drafted(M, waistband=True)
    band = d.piece("trousers_waistband")
    waist = 2 * sum(d.piece(p).edge("waist").sewn_length()
                    for p in ("trousers_front", "trousers_back"))
    underlap = band.edge("seam").length() - waist
    assert 20 <= underlap <= 50
    assert band.edge("end").length() == pytest.approx(2 * d.options["waistband_height"])
    tall = drafted(M, waistband=True, waistband_height=50)
    assert tall.piece("trousers_waistband").area() > band.area() * 1.3
    assert band.is_simple() and len(band.notches) >= 3
    assert [g.diff <= 3.0 for g in girth_checks(d)] == [True, True]  # band not counted


def test_waistband_grades_and_exports() -> None:
    run = grade("trousers", chart("mens_eu"), options={"waistband": True})
    assert "trousers_waistband" in run.point_rules
    areas = [run.drafts[s].piece("trousers_waistband").area() for s in run.sizes]
    assert all(b > a for a, b in itertools.pairwise(areas))
    dxf = render_format(Job("TROUSERS", run=run), "dxf").decode("ascii")
    assert "trousers_waistband" in dxf


def test_front_rise_share_moves_the_split() -> None:
    d = drafted(M, front_rise_share=0.5)
    front, back = stored(d, "crotch_front"), stored(d, "crotch_back")
    assert front / (front + back) == pytest.approx(0.5, abs=0.005)
    assert 10.0 <= cb_raise(d) <= 50.0 and d.warnings == []


def test_an_implausible_crotch_length_warns_instead_of_raising_the_cb() -> None:
    body = Measurements.from_cm({**BODIES[M].cm(), "crotch_length": 90, "sex": "female"})
    d = draft_block("trousers", body)
    assert any("crotch length off" in w for w in d.warnings)
    assert cb_raise(d) <= 50.0
