"""Real (small) markers through spyrrow: grain, mirrored pairs, spacing, fold, cancel, exports."""

from __future__ import annotations

import itertools
import json
import time

import pytest
from shapely.geometry import Polygon

from pattern.nest.engine import Progress
from pattern.nest.export import to_pdf, to_png, to_svg, write_marker
from pattern.nest.instance import MarkerRequest, Piece
from pattern.nest.marker import make_marker
from pattern.nest.spyrrow_engine import SpyrrowEngine

FRONT = ((0.0, 0.0), (220.0, 0.0), (260.0, 450.0), (120.0, 520.0), (0.0, 500.0))
BACK = ((0.0, 0.0), (240.0, 0.0), (240.0, 520.0), (0.0, 520.0))
SLEEVE = ((0.0, 0.0), (300.0, 0.0), (260.0, 380.0), (150.0, 430.0), (40.0, 380.0))


def garment(size: str, k: float) -> list[Piece]:
    def sc(pts):
        return tuple((x * k, y * k) for x, y in pts)

    return [Piece("front", size, sc(FRONT), 1, mirrored_pair=True, grain_deg=90.0),
            Piece("back", size, sc(BACK), 1, grain_deg=90.0),
            Piece("sleeve", size, sc(SLEEVE), 1, mirrored_pair=True, grain_deg=90.0)]


def request(**kw) -> MarkerRequest:
    base = dict(pieces=tuple(garment("S", 0.95) + garment("M", 1.0)), ratio={"S": 1, "M": 1},
                fabric_width=1000.0, spacing=4.0)
    return MarkerRequest(**{**base, **kw})


@pytest.fixture(scope="module")
def marker():
    return make_marker(request(), seconds=2, seed=1)


def test_marker_is_valid_and_complete(marker):
    assert marker.report.ok
    assert len(marker.placements) == 2 * 5  # per size: 2 fronts, back, 2 sleeves
    assert 0.3 < marker.efficiency < 1.0
    assert marker.fabric_length == pytest.approx(marker.length + 40.0)
    assert marker.waste_area == pytest.approx(1000.0 * marker.length - marker.piece_area)


def test_grain_kept(marker):
    assert {round(p.rotation_deg) % 360 for p in marker.placements} <= {0, 180}


def test_mirrored_pairs_placed_as_pairs(marker):
    keys = [p.key for p in marker.placements]
    for size, piece in itertools.product("SM", ("front", "sleeve")):
        assert keys.count(f"{size}|{piece}") == keys.count(f"{size}|{piece}|m") == 1
    a = Polygon(marker.problem.item("M|front").outline)
    b = Polygon(marker.problem.item("M|front|m").outline)
    assert a.area == pytest.approx(b.area) and a.symmetric_difference(b).area > 100.0


def test_spacing_respected(marker):
    polys = marker.polygons()
    gap = min(a.distance(b) for a, b in itertools.combinations(polys, 2))
    assert gap >= 4.0 - 1e-2


def test_non_directional_fabric_and_fold():
    sol = make_marker(request(orientations=(0.0, 90.0, 180.0, 270.0), folded=True,
                              fabric_width=1400.0, spacing=0.0), seconds=2, seed=0)
    assert sol.report.ok and sol.strip_width == 700.0
    assert {round(p.rotation_deg) % 360 for p in sol.placements} <= {0, 90, 180, 270}
    # folded: one placement per pair, unpaired pieces ceil(n/2)
    assert len(sol.placements) == 2 * (1 + 1 + 1)


def test_cancel_returns_best_feasible_so_far():
    seen: list[Progress] = []
    t0 = time.monotonic()
    sol = make_marker(request(), seconds=30, seed=0, engine=SpyrrowEngine(),
                      on_progress=seen.append,
                      should_stop=lambda: any(p.best_length for p in seen))
    assert time.monotonic() - t0 < 15
    assert sol.stopped_early and sol.report.ok


def test_exports(marker, tmp_path):
    import cv2
    import ezdxf
    import numpy as np

    svg = to_svg(marker)
    assert svg.startswith("<svg") and svg.count("<polygon") == 10
    pdf = to_pdf(marker)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    img = cv2.imdecode(np.frombuffer(to_png(marker), np.uint8), cv2.IMREAD_COLOR)
    assert img is not None and img.shape[1] > img.shape[0]
    write_marker(marker, tmp_path / "m.dxf")
    doc = ezdxf.readfile(str(tmp_path / "m.dxf"))
    assert len(doc.modelspace().query("LWPOLYLINE")) == 11  # frame + pieces
    write_marker(marker, tmp_path / "m.json")
    data = json.loads((tmp_path / "m.json").read_text())
    assert len(data["placements"]) == 10 and data["efficiency"] == pytest.approx(
        marker.efficiency, rel=1e-5)
    with pytest.raises(ValueError):
        write_marker(marker, tmp_path / "m.doc")


def test_target_density_stops_early():
    engine = SpyrrowEngine(target_density=0.05)
    t0 = time.monotonic()
    sol = make_marker(request(spacing=0.0), seconds=20, seed=0, engine=engine)
    assert sol.stopped_early and sol.report.ok and time.monotonic() - t0 < 12


def test_in_thread_engine_runs_its_budget():
    sol = make_marker(request(spacing=0.0), seconds=2, seed=0,
                      engine=SpyrrowEngine(isolate=False, target_density=0.05),
                      should_stop=lambda: True)
    assert not sol.stopped_early and sol.report.ok


@pytest.mark.parametrize("spacing", [0.0, 20.0])
def test_piece_exactly_as_wide_as_the_fabric(spacing):
    """sparrow panics on a piece that fills the strip width exactly (with spacing: width −
    2 × spacing); the adapter gives it a sliver of slack and the layout still passes the
    validator at the real width."""
    h = 1500.0 - 2 * spacing
    panel = Piece("panel", "M", ((0.0, 0.0), (500.0, 0.0), (500.0, h), (0.0, h)), 2)
    tab = Piece("tab", "M", ((0.0, 0.0), (200.0, 0.0), (200.0, 300.0), (0.0, 300.0)), 3)
    sol = make_marker(MarkerRequest(pieces=(panel, tab), ratio={"M": 1}, fabric_width=1500.0,
                                    spacing=spacing), seconds=2, seed=0)
    assert sol.report.ok
    # panels side by side, tabs stacked beside them
    assert sol.length == pytest.approx(1200.0 + 3 * spacing, abs=2.0 + spacing)
