"""Drafted shirt pieces -> marker pieces: seam allowance, unfolding, pairs, grain."""

from __future__ import annotations

import pytest
from shapely.geometry import Polygon

registry = pytest.importorskip("pattern.draft.registry")
from pattern.measurements import Measurements  # noqa: E402
from pattern.nest.from_pattern import cut_polygon, marker_pieces  # noqa: E402

BODY_CM = {"sex": "male", "stature": 176, "chest_girth": 100, "waist_girth": 88,
           "hip_girth": 100, "neck_girth": 39, "neck_base_girth": 42, "shoulder_width": 46,
           "arm_length": 63, "upper_arm_girth": 32, "wrist_girth": 17.5,
           "back_waist_length": 45, "across_back": 38, "shoulder_length": 15,
           "waist_height": 107}


@pytest.fixture(scope="module")
def shirt():
    return registry.draft_block("shirt", Measurements.from_cm(BODY_CM))


def test_cut_line_adds_allowance_and_unfolds(shirt):
    back = shirt.piece("shirt_back")
    seam = Polygon([(p.x, -p.y) for p in back.outline()])
    cut = cut_polygon(back)
    assert cut.is_valid
    assert cut.area > 2 * seam.area  # unfolded at CB and with allowance
    x0, _, x1, _ = cut.bounds
    assert x0 == pytest.approx(-x1, abs=1.0)  # symmetric about the fold line (x = 0)
    front = shirt.piece("shirt_front")
    seam_f = Polygon([(p.x, -p.y) for p in front.outline()])
    assert seam_f.area < cut_polygon(front).area < 1.4 * seam_f.area


def test_cut_list_becomes_pairs_and_quantities(shirt):
    pieces = {p.name: p for p in marker_pieces(shirt.pieces, "M")}
    front = next(p for n, p in pieces.items() if n in ("J", "shirt_front"))
    assert front.mirrored_pair and front.quantity == 1
    assert all(p.size == "M" for p in pieces.values())
    assert len(pieces) == len([p for p in shirt.pieces
                               if p.cut.material.split("+")[0].strip() == "fabric"])


def test_aama_dxf_round_trip_matches_drafted_pieces(shirt, tmp_path):
    dxf_mod = pytest.importorskip("pattern.export.dxf")
    from fitsvc.markers.pieces_io import load_pieces
    from pattern.finish import finish

    fabric = [p for p in shirt.pieces if p.cut.material.split("+")[0].strip() == "fabric"]
    text = dxf_mod.to_dxf([dxf_mod.DxfPiece(finish(p, "SHIRT", "M")) for p in fabric],
                          "SHIRT", "M")
    (tmp_path / "shirt.dxf").write_text(text)
    from_dxf = load_pieces(tmp_path / "shirt.dxf")
    direct = marker_pieces(shirt.pieces, "M")
    assert len(from_dxf) == len(direct)
    for a, b in zip(from_dxf, direct, strict=True):
        assert a.size == "M" and a.name.startswith(b.name)
        assert (a.quantity, a.mirrored_pair) == (b.quantity, b.mirrored_pair)
        assert Polygon(a.outline).area == pytest.approx(Polygon(b.outline).area, rel=0.02)


@pytest.mark.parametrize("block", ["bodice", "sleeve", "skirt", "trousers", "shirt"])
@pytest.mark.parametrize("chart", ["mens_eu", "womens_eu"])
def test_every_graded_block_becomes_a_marker_problem(block, chart):
    """Every block of every sample chart can be nested: the trousers' hem turn-back left
    edges touching within the engine's 1e-6 mm rounding, refused as 'degenerate' before."""
    from pathlib import Path

    from pattern.nest.from_pattern import graded_marker_pieces
    from pattern.nest.instance import MarkerRequest, to_problem

    root = Path(__file__).resolve().parents[2]
    path = root / "sample_data" / "size_charts" / f"{chart}.json"
    sizes = ["S", "M", "L"]
    pieces = graded_marker_pieces(block, str(path), sizes)
    problem, _ = to_problem(MarkerRequest(pieces=tuple(pieces), ratio=dict.fromkeys(sizes, 1),
                                          fabric_width=1500.0))
    drafted = sum(Polygon(p.outline).area * p.quantity * (2 if p.mirrored_pair else 1)
                  for p in pieces)
    nested = sum(Polygon(it.outline).area * it.demand for it in problem.items)
    assert nested == pytest.approx(drafted, rel=1e-3)
