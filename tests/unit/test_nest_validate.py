"""The independent layout checker catches bad layouts and passes good ones."""

from __future__ import annotations

import pytest

from pattern.nest.engine import EngineItem, RawPlacement, StripProblem
from pattern.nest.errors import NestValidationError
from pattern.nest.validate import assert_valid, check_layout

SQUARE = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0))
TRI = ((0.0, 0.0), (10.0, 0.0), (0.0, 10.0))


def problem(spacing: float = 0.0, orientations: tuple[float, ...] | None = (0.0, 180.0)):
    return StripProblem((EngineItem("sq", SQUARE, 2, orientations),), 20.0, spacing)


def test_valid_layout_passes():
    pl = [RawPlacement("sq", 0.0, (0.0, 0.0)), RawPlacement("sq", 0.0, (10.0, 0.0))]
    rep = assert_valid(problem(), pl)
    assert rep.ok and rep.length == pytest.approx(20.0)


def test_overlap_is_caught():
    pl = [RawPlacement("sq", 0.0, (0.0, 0.0)), RawPlacement("sq", 0.0, (5.0, 2.0))]
    rep = check_layout(problem(), pl)
    assert not rep.ok and any("overlap" in p for p in rep.problems)
    assert rep.max_overlap_area == pytest.approx(40.0)
    with pytest.raises(NestValidationError):
        assert_valid(problem(), pl)


def test_outside_strip_is_caught():
    pl = [RawPlacement("sq", 0.0, (0.0, 0.0)), RawPlacement("sq", 0.0, (10.0, 12.0))]
    assert any("outside" in p for p in check_layout(problem(), pl).problems)


def test_missing_copy_is_caught():
    rep = check_layout(problem(), [RawPlacement("sq", 0.0, (0.0, 0.0))])
    assert any("demand 2" in p for p in rep.problems)


def test_rotation_outside_grain_is_caught():
    pl = [RawPlacement("sq", 90.0, (10.0, 0.0)), RawPlacement("sq", 0.0, (10.0, 0.0))]
    rep = check_layout(problem(), pl)
    assert any("rotation 90 not allowed" in p for p in rep.problems)
    # 180 is the grain reversed: allowed, and -180 from the engine means the same
    ok = [RawPlacement("sq", 180.0, (10.0, 10.0)), RawPlacement("sq", 0.0, (10.0, 0.0))]
    assert check_layout(problem(), ok).ok


def test_rotation_is_about_origin_then_translate():
    p = StripProblem((EngineItem("t", TRI, 1, None),), 20.0)
    # rotate the triangle 90° CCW about (0,0): x in [-10, 0]; translate back by +10
    assert check_layout(p, [RawPlacement("t", 90.0, (10.0, 0.0))]).ok
    assert not check_layout(p, [RawPlacement("t", 90.0, (0.0, 0.0))]).ok


def test_spacing_is_enforced():
    close = [RawPlacement("sq", 0.0, (0.0, 0.0)), RawPlacement("sq", 0.0, (11.0, 0.0))]
    rep = check_layout(problem(spacing=2.0), close)
    assert any("apart" in p for p in rep.problems)
    far = [RawPlacement("sq", 0.0, (0.0, 0.0)), RawPlacement("sq", 0.0, (12.0, 0.0))]
    rep = check_layout(problem(spacing=2.0), far)
    assert rep.ok and rep.min_gap == pytest.approx(2.0)  # touching the limit is fine
