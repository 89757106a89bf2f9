"""Shirt: collar follows the neck, smooth seams, flat shirt cap, ease split, style options."""

from __future__ import annotations

import itertools

import pytest

from pattern import BLOCKS, Measurements, draft_block
from pattern.checks import invalid_pieces, sewn_length
from pattern.draft.registry import Draft
from pattern.draft.shirt_checks import cap_ease_split, max_turn
from tests.unit.test_pattern_blocks import BODIES, _chart

IDS = [b[0] for b in BODIES]
MAX_TURN = 10.0  # degrees, inside an edge (edge ends are the marked corners)


def _collar_length(d: Draft) -> float:
    """Full collar length at the neck seam (both halves of the stand, CB to CF)."""
    return 2 * d.piece("collar_stand").edge("neckline").length()


def _with(m: Measurements, **mm: float) -> Measurements:
    return Measurements({**m.values_mm, **mm}, m.sex)


def _seams_match(d: Draft) -> None:
    """Every sewn pair whose pieces were drafted matches within 2 mm."""
    names = {p.name for p in d.pieces}
    for a, b in d.block.checks:
        if {t.split(".")[0] for t in f"{a}+{b}".split("+")} <= names:
            la, lb = sewn_length(d, a), sewn_length(d, b)
            assert abs(la - lb) <= 2.0, f"{a} vs {b}: {la:.1f} / {lb:.1f} mm"


def test_collar_follows_the_measured_neck_not_the_neck_base() -> None:
    """Defect 3: neck 34 / 38 / 42 cm used to give one 39.2 cm collar."""
    m = _chart("womens_eu").bodies["M"]
    drafts = [draft_block("shirt", _with(m, neck_girth=n * 10.0)) for n in (34, 38, 42)]
    lengths = [_collar_length(d) for d in drafts]
    ease = 1 + drafts[0].options["collar_ease"]
    for n, length in zip((34, 38, 42), lengths, strict=True):
        assert length == pytest.approx(n * 10 * ease, abs=3.0)
    for a, b in itertools.pairwise(lengths):
        assert 38.0 <= b - a <= 46.0  # ≈ 4 cm of neck → 4.2 cm of collar
    wider_base = _with(m, neck_base_girth=m["neck_base_girth"] + 30)  # estimator noise
    assert _collar_length(draft_block("shirt", wider_base)) == pytest.approx(
        _collar_length(draft_block("shirt", m)), abs=0.5)


@pytest.mark.parametrize("label,body", BODIES, ids=IDS)
def test_collar_tracks_neck_on_every_body(label: str, body: Measurements) -> None:
    neck = body["neck_girth"]
    step = 0.1 * neck  # ≈ 4 cm on an adult, scaled on the doll and the giant
    lengths = []
    for n in (neck - step, neck, neck + step):
        d = draft_block("shirt", _with(body, neck_girth=n))
        assert d.warnings == [] and invalid_pieces(d) == []
        length = _collar_length(d)
        assert length == pytest.approx(n * (1 + d.options["collar_ease"]), abs=3.0)
        neckline = sewn_length(d, "shirt_yoke.neck+shirt_front.neck")
        assert abs(length / 2 - neckline) <= 2.0  # the stand fits the drafted neckline
        lengths.append(length)
    for a, b in itertools.pairwise(lengths):
        assert b - a == pytest.approx(step * 1.05, abs=3.0)


@pytest.mark.parametrize("label,body", BODIES, ids=IDS)
def test_shirt_seams_have_no_corners(label: str, body: Measurements) -> None:
    """Defect 4: no seam line turns more than 10° except at its marked corners."""
    d = draft_block("shirt", body)
    for p in d.pieces:
        for e in p.edges:
            turn = max_turn(e.path)
            assert turn <= MAX_TURN, f"{p.name}.{e.name} turns {turn:.1f}°"


@pytest.mark.parametrize("label,body", BODIES, ids=IDS)
def test_shirt_cap_is_flat_with_little_ease(label: str, body: Measurements) -> None:
    """Defect 5: shirt cap height 0.25–0.31 × armhole, cap ease 0–4 %, bicep ≥ asked."""
    d = draft_block("shirt", body)
    arm = float(d.store["armhole_back"]) + float(d.store["armhole_front"])  # type: ignore[arg-type]
    sl = d.piece("shirt_sleeve")
    h = sl.points["back_underarm"].y - sl.points["cap_top"].y
    assert 0.25 <= h / arm <= 0.31, f"cap {h:.0f} mm = {h / arm:.3f} × armhole {arm:.0f}"
    ease = sl.edge("cap").length() / arm - 1
    assert 0.0 <= ease <= 0.04
    bicep = sl.points["front_underarm"].x - sl.points["back_underarm"].x
    assert bicep >= body["upper_arm_girth"] * (1 + d.options["bicep_ease"]) - 1.0


@pytest.mark.parametrize("label,body", BODIES, ids=IDS)
def test_shirt_cap_ease_splits_at_the_shoulder_notch(label: str, body: Measurements) -> None:
    """Defect 6: the shoulder notch splits the cap ease within 40/60."""
    d = draft_block("shirt", body)
    split = cap_ease_split(d.piece("shirt_sleeve"), float(d.store["armhole_back"]),  # type: ignore[arg-type]
                           float(d.store["armhole_front"]))  # type: ignore[arg-type]
    assert 0.4 <= split.back_share <= 0.6, split


def test_every_shirt_option_is_described() -> None:
    opts = BLOCKS["shirt"].options
    assert all(o.description for o in opts.values()), [k for k, o in opts.items()
                                                        if not o.description]
    for name in ("sleeve_length", "cuff", "cuff_depth", "collar_stand_height", "collar_height",
                 "length"):
        assert name in opts


M = _chart("mens_eu").bodies["L"]


def _draft(**opts: object) -> Draft:
    d = draft_block("shirt", M, opts)
    assert invalid_pieces(d) == []
    _seams_match(d)
    return d


def test_sleeve_length_short_drops_the_cuff() -> None:
    full, short = _draft(), _draft(sleeve_length="short")
    assert "cuff" in {p.name for p in full.pieces}
    assert "cuff" not in {p.name for p in short.pieces}
    hem = short.piece("shirt_sleeve").edge("hem")
    assert hem.kind == "hem"
    length = short.piece("shirt_sleeve").points["front_hem"].y
    assert length < 0.5 * full.piece("shirt_sleeve").points["front_hem"].y
    assert length == pytest.approx(0.4 * M["arm_length"])


def test_cuff_styles() -> None:
    barrel, french, none = (_draft(cuff=c) for c in ("barrel", "french", "none"))

    def depth(d: Draft) -> float:
        return abs(d.piece("cuff").edge("end").path.end.y)

    assert depth(french) == pytest.approx(2 * depth(barrel))  # folded back
    assert french.piece("cuff").internal  # fold line
    assert "cuff" not in {p.name for p in none.pieces}
    sl_none, sl_barrel = none.piece("shirt_sleeve"), barrel.piece("shirt_sleeve")
    assert sl_none.points["front_hem"].y == pytest.approx(
        sl_barrel.points["front_hem"].y + depth(barrel))  # lengthened by the cuff
    assert sl_none.edge("hem").kind == "hem" and not sl_none.internal  # no placket


def test_cuff_depth_changes_cuff_and_sleeve() -> None:
    a, b = _draft(cuff_depth=50), _draft(cuff_depth=80)
    assert abs(b.piece("cuff").edge("end").length() - a.piece("cuff").edge("end").length()) \
        == pytest.approx(30.0)
    assert a.piece("shirt_sleeve").points["front_hem"].y - \
        b.piece("shirt_sleeve").points["front_hem"].y == pytest.approx(30.0)


def test_collar_heights() -> None:
    base = _draft()
    stand = _draft(collar_stand_height=40, collar_height=55)
    assert stand.piece("collar_stand").edge("cb").length() == pytest.approx(40.0)
    assert stand.piece("collar").edge("cb").length() == pytest.approx(55.0)
    assert base.piece("collar_stand").edge("cb").length() == pytest.approx(
        BLOCKS["shirt"].options["collar_stand_height"].default)
    low = draft_block("shirt", M, {"collar_stand_height": 45, "collar_height": 40})
    assert any("collar_height" in w for w in low.warnings)


def test_length_moves_the_hem() -> None:
    base, longer, shorter = _draft(), _draft(length=100), _draft(length=-50)
    y = {k: d.piece("shirt_back").edge("hem").path.start.y
         for k, d in (("base", base), ("long", longer), ("short", shorter))}
    assert y["long"] - y["base"] == pytest.approx(100.0)
    assert y["base"] - y["short"] == pytest.approx(50.0)
    front = longer.piece("shirt_front").edge("side").length()
    assert front == pytest.approx(longer.piece("shirt_back").edge("side").length())


def test_cap_height_option_trades_height_for_bicep() -> None:
    flat, tall = _draft(cap_height=0.25), _draft(cap_height=0.31)

    def h(d: Draft) -> float:
        return float(d.piece("shirt_sleeve").meta["cap_height_mm"])

    def w(d: Draft) -> float:
        return float(d.piece("shirt_sleeve").meta["bicep_mm"])
    assert h(flat) < h(tall) and w(flat) > w(tall)
