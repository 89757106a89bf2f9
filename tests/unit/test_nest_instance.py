"""Marker request -> engine problem: ratio, grain, mirrored pairs, fold, bad input."""

from __future__ import annotations

import pytest
from shapely.geometry import Polygon

from pattern.nest.errors import NestInputError
from pattern.nest.instance import (
    MarkerRequest,
    Piece,
    normalise_outline,
    parse_grain,
    parse_ratio,
    to_problem,
)

# an asymmetric piece, drafted with a vertical grainline (grain_deg = 90)
FRONT = ((0.0, 0.0), (200.0, 0.0), (260.0, 500.0), (0.0, 600.0))


def pieces(size_list=("S", "M")) -> tuple[Piece, ...]:
    out = []
    for s in size_list:
        out.append(Piece("front", s, FRONT, quantity=1, mirrored_pair=True, grain_deg=90.0))
        out.append(Piece("back", s, ((0, 0), (300, 0), (300, 600), (0, 600)), grain_deg=90.0))
    return tuple(out)


def test_parse_ratio_and_grain():
    assert parse_ratio("S:1, M:2,L:0") == {"S": 1, "M": 2}
    assert parse_grain("0,180") == (0.0, 180.0)
    assert parse_grain("free") is None
    assert parse_grain("0,90,180,270") == (0.0, 90.0, 180.0, 270.0)
    for bad in ("S1", "S:x", "S:0", "", "S:1,S:2"):
        with pytest.raises(NestInputError):
            parse_ratio(bad)
    with pytest.raises(NestInputError):
        parse_grain("sideways")


def test_expansion_counts_and_grain_alignment():
    req = MarkerRequest(pieces(), {"S": 1, "M": 2}, fabric_width=1500.0)
    prob, labels = to_problem(req)
    demand = {it.key: it.demand for it in prob.items}
    assert demand == {"S|front": 1, "S|front|m": 1, "S|back": 1,
                      "M|front": 2, "M|front|m": 2, "M|back": 2}
    assert labels["M|front|m"].mirrored
    back = prob.item("S|back")
    xs, ys = zip(*back.outline, strict=True)
    # the vertical grain was turned onto x (the marker length)
    assert max(xs) - min(xs) == pytest.approx(600.0) and max(ys) - min(ys) == pytest.approx(300.0)
    assert all(it.orientations == (0.0, 180.0) for it in prob.items)


def test_mirrored_copy_is_the_reflection():
    plain = Polygon(normalise_outline(FRONT, 90.0))
    mirror = Polygon(normalise_outline(FRONT, 90.0, mirrored=True))
    assert mirror.area == pytest.approx(plain.area)
    assert mirror.exterior.is_ccw and plain.exterior.is_ccw
    # reflection across the grain (x axis) maps one onto the other
    refl = Polygon([(x, -y) for x, y in plain.exterior.coords])
    refl = Polygon([(x, y - refl.bounds[1]) for x, y in refl.exterior.coords])
    assert refl.symmetric_difference(mirror).area < 1e-6
    assert plain.symmetric_difference(mirror).area > 1.0  # asymmetric: really different


def test_piece_fitting_the_width_exactly_is_accepted():
    req = MarkerRequest(pieces(), {"S": 1}, fabric_width=330.0, spacing=15.0)
    assert to_problem(req)[0].strip_width == 330.0


def test_folded_fabric_halves_width_and_pairs():
    req = MarkerRequest(pieces(("M",)), {"M": 3}, fabric_width=1500.0, folded=True)
    prob, _ = to_problem(req)
    assert prob.strip_width == 750.0
    assert {it.key: it.demand for it in prob.items} == {"M|front": 3, "M|back": 2}


@pytest.mark.parametrize("kwargs, message", [
    ({"fabric_width": 250.0}, "wide across the fabric"),
    ({"fabric_width": 320.0, "spacing": 15.0}, "kept from each fabric edge"),  # 300 + 2 × 15
    ({"pieces": (Piece("front", "S", FRONT, quantity=0),)}, "quantity must be at least 1"),
    ({"pieces": (Piece("cord", "S", ((0, 0), (900, 0), (900, 1), (0, 1))),)}, "slivers"),
    ({"ratio": {"S": 1001}}, "more than 3000"),  # 3 placed pieces per garment
    ({"pieces": ()}, "no pieces"),
    ({"ratio": {"XXL": 1}}, "without pieces"),
    ({"fabric_width": 0.0}, "positive"),
])
def test_bad_requests_raise_clear_errors(kwargs, message):
    base = {"pieces": pieces(), "ratio": {"S": 1}, "fabric_width": 1500.0}
    with pytest.raises(NestInputError, match=message):
        to_problem(MarkerRequest(**{**base, **kwargs}))


def test_invalid_outline_rejected():
    bow_tie = ((0, 0), (10, 10), (10, 0), (0, 10))
    with pytest.raises(NestInputError, match="valid"):
        normalise_outline(bow_tie)


def test_zero_width_spikes_are_removed():
    # a slit: (2, 1) -> (2, 0.5) -> (2, 1) collapses to a spike the engine would reject
    ring = ((0, 0), (4, 0), (4, 1), (2, 1), (2, 0.5), (2, 1), (0, 1))
    out = normalise_outline(ring)
    assert len(set(out)) == len(out) == 5 and Polygon(out).area == pytest.approx(4.0)
