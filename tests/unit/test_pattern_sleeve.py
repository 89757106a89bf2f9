"""Fitted sleeve block: asymmetric cap, ease split at the shoulder notch, smooth seams."""

from __future__ import annotations

import pytest

from pattern import BLOCKS, Measurements, draft_block
from pattern.checks import seam_checks
from pattern.draft import sleeve
from pattern.draft.shirt_checks import cap_ease_split, max_turn
from pattern.draft.sleeve_cap import back_half, cap_for_bicep, cap_for_height, front_half
from pattern.geometry import Line, Path, Point
from tests.unit.test_pattern_blocks import BODIES

IDS = [b[0] for b in BODIES]


@pytest.mark.parametrize("label,body", BODIES, ids=IDS)
def test_cap_ease_splits_at_the_shoulder_notch(label: str, body: Measurements) -> None:
    """Defect 6: 80–88 % of the ease used to sit behind the notch."""
    d = draft_block("sleeve", body)
    back, front = float(d.store["armhole_back"]), float(d.store["armhole_front"])  # type: ignore[arg-type]
    sl = d.piece("sleeve")
    split = cap_ease_split(sl, back, front)
    assert 0.4 <= split.back_share <= 0.6, split
    assert split.back + split.front == pytest.approx(d.options["cap_ease"] * (back + front),
                                                     abs=2.0)
    cap = sl.edge("cap").path
    dists = sorted(n.dist for n in sl.notches if n.edge == "cap")
    points = [cap.point_at_length(x) for x in dists]
    assert points[1].dist(sl.points["cap_top"]) < 0.5  # back pitch < shoulder < front pitch


@pytest.mark.parametrize("label,body", BODIES, ids=IDS)
def test_sleeve_seams_smooth_and_matched(label: str, body: Measurements) -> None:
    d = draft_block("sleeve", body)
    for e in d.piece("sleeve").edges:
        assert max_turn(e.path) <= 10.0, e.name
    assert all(c.diff <= 2.0 for c in seam_checks(d))
    asked = body["upper_arm_girth"] * (1 + d.options["bicep_ease"])
    assert float(d.piece("sleeve").meta["bicep_mm"]) == pytest.approx(asked, abs=1.0)


def test_fitted_cap_is_taller_than_the_shirt_cap() -> None:
    for label, body in BODIES[:3]:
        fitted = draft_block("sleeve", body).piece("sleeve")
        shirt = draft_block("shirt", body).piece("shirt_sleeve")
        assert float(fitted.meta["cap_height_mm"]) > float(shirt.meta["cap_height_mm"]), label


def test_every_sleeve_option_is_described() -> None:
    assert all(o.description for o in sleeve.OPTIONS.values())
    assert set(sleeve.OPTIONS) <= set(BLOCKS["sleeve"].options)


def test_cap_triangle_fits_each_half() -> None:
    cap = cap_for_height(240.0, 255.0, 150.0)
    assert cap.back_len == pytest.approx(240.0, abs=0.1)
    assert cap.path.length() - cap.back_len == pytest.approx(255.0, abs=0.1)
    assert cap.wf > cap.wb  # the longer front armhole gets the wider half
    assert cap.path.point_at_length(cap.back_len).dist(Point(0, 0)) < 0.2
    wide = cap_for_bicep(240.0, 255.0, cap.width + 30.0, 60.0)
    assert wide.width == pytest.approx(cap.width + 30.0, abs=0.2) and wide.h < cap.h


def test_halves_meet_without_a_corner() -> None:
    joined = back_half(180.0, 150.0).then(front_half(190.0, 150.0))
    assert max_turn(joined) < 5.0


def test_turn_helper_sees_corners() -> None:
    corner = Path.of(Line(Point(0, 0), Point(0, 100)), Line(Point(0, 100), Point(20, 200)))
    assert max_turn(corner) == pytest.approx(11.31, abs=0.01)
    assert max_turn(Path.of(Line(Point(0, 0), Point(0, 100)))) == 0.0
