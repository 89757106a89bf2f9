"""Measurement functions of bench/pattern_vs_freesewing.py on simple shapes (no node needed)."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pattern.geometry import CubicBezier, Line, Point
from pattern.geometry import Path as GPath
from pattern.piece import Dart, Edge, Piece

BENCH = Path(__file__).resolve().parents[2] / "bench" / "pattern_vs_freesewing.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pattern_vs_freesewing", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(mod)
    return mod


B = _load()

SQUARE = ((0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0))


def square(**marks: tuple[int, ...]) -> object:
    return B.Outline(pts=SQUARE, marks=marks or {"a": (0,), "b": (1,), "c": (2,), "d": (3,)})


def test_flatten_cubic_straight_and_quarter_circle() -> None:
    pts = B.flatten_cubic((0, 0), (10, 0), (20, 0), (30, 0))
    assert len(pts) == 30 and pts[-1] == (30, 0)
    assert B.polyline_length([(0, 0), *pts]) == pytest.approx(30)
    short = B.flatten_cubic((0, 0), (1, 0), (2, 0), (3, 0))
    assert len(short) == 8  # never fewer than 8 steps
    k = 0.5522847498 * 100
    arc = B.flatten_cubic((100, 0), (100, k), (k, 100), (0, 100))
    assert B.polyline_length([(100, 0), *arc]) == pytest.approx(math.pi / 2 * 100, rel=1e-3)


def test_run_goes_forward_and_wraps() -> None:
    o = square()
    assert B.run(o, "a", "c") == [(0, 0), (100, 0), (100, 100)]
    assert B.run(o, "c", "a") == [(100, 100), (0, 100), (0, 0)]  # wraps round the ring
    assert B.polyline_length(B.run(o, "d", "b")) == pytest.approx(200)


def test_run_takes_the_shortest_of_repeated_marks_and_names_missing_ones() -> None:
    o = square(a=(0, 2), b=(3,))
    assert B.run(o, "a", "b") == [(100, 100), (0, 100)]
    with pytest.raises(B.MissingName):
        B.run(o, "a", "zz")


def test_width_of_rectangle_and_u_shape_and_clip() -> None:
    assert B.width_at(SQUARE, 50) == pytest.approx(100)
    assert B.width_at(SQUARE, 150) == 0
    # U: two 20 mm prongs above y=50 joined below
    u = [(0, 0), (20, 0), (20, 50), (80, 50), (80, 0), (100, 0), (100, 100), (0, 100)]
    assert B.width_at(u, 25) == pytest.approx(40)
    assert B.width_at(u, 75) == pytest.approx(100)
    assert B.width_at(SQUARE, 50, clip=(30, 1)) == pytest.approx(70)
    assert B.width_at(SQUARE, 50, clip=(30, -1)) == pytest.approx(30)


def test_scan_through_a_vertex_counts_it_once() -> None:
    diamond = [(50, 0), (100, 50), (50, 100), (0, 50)]
    assert B.width_at(diamond, 50) == pytest.approx(100)
    assert len(B.scan_xs(diamond, 50)) == 2


def test_dart_intake_open_v_and_closed_diamond() -> None:
    v = [(40, 0), (50, 100), (60, 0)]
    assert B.dart_intake_at(v, 0.0) == pytest.approx(20)
    assert B.dart_intake_at(v, 50) == pytest.approx(10)
    assert B.dart_intake_at(v, 150) == 0
    diamond = [(50, 0), (60, 50), (50, 100), (40, 50)]
    assert B.dart_intake_at(diamond, 50) == pytest.approx(20)
    side_v = [(100, 40), (50, 50), (100, 60)]  # mouth in a side seam: changes no width
    assert not B.is_transverse(side_v) and B.is_transverse(v) and B.is_transverse(diamond)
    assert B.dart_intake_at(side_v, 45) == 0


def test_sewn_length_closes_darts_whose_mouth_is_on_the_run() -> None:
    seam = [(0, 0), (100, 0)]
    on = ((40, 0), (50, 80), (56, 0))
    off = ((40, 30), (50, 80), (56, 30))
    assert B.sewn_length(seam, [(on, False)]) == pytest.approx(84)
    assert B.sewn_length(seam, [(off, False)]) == pytest.approx(100)
    assert B.sewn_length(seam, [(on, True)]) == pytest.approx(100)  # diamonds never


def test_fill_v_bridges_a_dart_cut_into_the_outline() -> None:
    # 100 × 100 square with a V cut into its right side: mouth y 40..60, tip at (50, 50)
    pts = ((0, 0), (100, 0), (100, 40), (50, 50), (100, 60), (100, 100), (0, 100))
    o = B.Outline(pts=pts, marks={"m1": (2,), "tip": (3,), "m2": (4,)},
                  points={"tip": (50, 50)})
    assert B.width_at(pts, 50) == pytest.approx(50)  # at the tip the open V cuts it short
    ring, vs = B.fill_v(o, [("m1", "m2")])
    assert (50, 50) not in ring and vs == [[(100, 40), (50, 50), (100, 60)]]
    side = {"p": o}
    assert B.term_value(side, B.L("p", "tip", vdarts=(("m1", "m2"),)), {}) == pytest.approx(100)
    # near the tip too: a scan line along a closed side dart crosses no fabric gap
    assert B.width_at(pts, 45) == pytest.approx(75)
    assert B.term_value(side, B.L("p", "tip", -5, vdarts=(("m1", "m2"),)), {}) == \
        pytest.approx(100)


def test_cap_height_chord_and_ease() -> None:
    tri = [(0, 100), (50, 0), (100, 100)]
    assert B.cap_height(tri) == pytest.approx(100)
    assert B.chord(tri) == pytest.approx(100)
    semi = [(50 - 50 * math.cos(t), 50 - 50 * math.sin(t))
            for t in (i * math.pi / 180 for i in range(181))]
    assert B.cap_height(semi) == pytest.approx(50, abs=0.01)
    assert B.ease(110, 100) == pytest.approx((10, 10))


def test_outline_of_our_piece_marks_edges_and_keeps_lengths() -> None:
    curve = CubicBezier(Point(100, 100), Point(70, 130), Point(30, 130), Point(0, 100))
    piece = Piece(
        "p", "X",
        edges=(Edge("top", GPath.of(Line(Point(0, 0), Point(100, 0)))),
               Edge("side", GPath.of(Line(Point(100, 0), Point(100, 100)))),
               Edge("hem", GPath.of(curve)),
               Edge("cb", GPath.of(Line(Point(0, 100), Point(0, 0))), 0.0, "fold")),
        points={"corner": Point(100, 0), "mid": Point(50, 50)},
        darts=(Dart("d", Point(40, 0), Point(50, 60), Point(60, 0)),),
        levels={"chest": 50.0})
    o = B.outline_from_piece(piece)
    assert o.pts[0] == (0, 0) and o.marks["top"] == (0,) and o.marks["cb.end"] == (0,)
    assert o.marks["corner"] == (1,) and "mid" not in o.marks  # not on the outline
    assert B.polyline_length(B.run(o, "hem", "hem.end")) == pytest.approx(curve.length(), rel=1e-4)
    side = {"p": o}
    assert B.term_value(side, B.S("p", "top", "top.end"), {}) == pytest.approx(80)  # dart closed
    assert B.term_value(side, B.L("p", level="chest"), {}) == pytest.approx(100 - 20 * 10 / 60)
    assert B.term_value(side, B.D("p", "corner", "mid"), {}) == pytest.approx(math.hypot(50, 50))


def test_outline_from_a_freesewing_part() -> None:
    part = {"hidden": False, "points": {"a": [0, 0], "b": [100, 0], "w": [0, 50]},
            "paths": {"seam": {"pts": [list(p) for p in SQUARE], "closed": True,
                               "marks": {"a": [0], "b": [1]}},
                      "dart": {"pts": [[50, 20], [60, 50], [50, 80], [40, 50]], "closed": True,
                               "marks": {}}}}
    o = B.outline_from_fs(part, ["dart"])
    side = {"p": o}
    assert B.term_value(side, B.S("p", "a", "b"), {}) == pytest.approx(100)
    assert B.term_value(side, B.L("p", "w"), {}) == pytest.approx(80)
    assert B.term_value(side, B.L("p", y_from_body=("a", "toW", 1)), {"toW": 50}) == pytest.approx(80)
    with pytest.raises(B.MissingName):
        B.term_value(side, B.L("p", "nope"), {})


def test_missing_node_or_npm_says_so_and_exits_0(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(B.shutil, "which", lambda name: None if name == "node" else "/usr/bin/npm")
    assert B.main([]) == 0
    out = capsys.readouterr().out
    assert "node not found" in out and "No figures" in out
    monkeypatch.setattr(B.shutil, "which", lambda name: None)
    assert B.main(["--markdown"]) == 0
    assert "node and npm not found" in capsys.readouterr().out


def test_every_block_names_a_design_per_body() -> None:
    for block in B.BLOCKS:
        assert set(block.designs) == {"F", "M"}
        for g in block.girths:
            assert set(g.fs) == set(block.designs.values())
        for ln in block.lengths:
            assert set(ln.fs) == set(block.designs.values())


def test_builtin_bodies_are_the_shared_ones(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(B, "BODIES_JSON", tmp_path / "absent.json")
    bodies, src = B.load_bodies()
    assert bodies is B.FALLBACK_BODIES and "built-in" in src
    shared = Path(__file__).resolve().parents[3] / "shared" / "notes" / "freesewing-comparison" / \
        "bodies.json"
    if not shared.exists():
        pytest.skip("../shared not present")
    assert json.loads(shared.read_text(encoding="utf-8")) == B.FALLBACK_BODIES
