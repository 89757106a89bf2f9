"""`fitsvc nest-instance` contract on a real ESICUP instance, checked independently here."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from shapely.affinity import rotate, translate
from shapely.geometry import Polygon

from fitsvc.markers.cli import add_commands
from pattern.nest.esicup import problem_from_json

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "benchmarks" / "nesting"


def instance_path(name: str) -> Path:
    path = SHARED / "instances" / f"{name}.json"
    if not path.exists():
        pytest.skip(f"../shared not present ({path} missing)")
    return path


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args))


@pytest.mark.shared_data
def test_nest_instance_writes_a_valid_solution(tmp_path):
    inst_path = instance_path("fu")
    out = tmp_path / "SOL.json"
    assert run_cli(["nest-instance", str(inst_path), "--seconds", "2", "--out", str(out),
                    "--seed", "3"]) == 0
    inst, sol = json.loads(inst_path.read_text()), json.loads(out.read_text())
    assert set(sol) == {"strip_width", "length", "density", "placements"}
    items = {it["id"]: it for it in inst["items"]}
    W, L = sol["strip_width"], sol["length"]
    assert inst["strip_height"] == W
    # README convention: rotate CCW about the piece's own origin, then translate
    polys = []
    for p in sol["placements"]:
        it = items[p["item_id"]]
        assert any(abs((p["rotation_deg"] - a) % 360) < 1e-6 for a in it["allowed_orientations"])
        g = rotate(Polygon(it["shape"]["data"]), p["rotation_deg"], origin=(0, 0))
        polys.append(translate(g, *p["translation"]))
    assert Counter(p["item_id"] for p in sol["placements"]) == {
        i: it["demand"] for i, it in items.items()}
    eps = 1e-4 * max(W, L)
    for g in polys:
        x0, y0, x1, y1 = g.bounds
        assert x0 >= -eps and y0 >= -eps and x1 <= L + eps and y1 <= W + eps
    assert max(g.bounds[2] for g in polys) == pytest.approx(L, abs=eps)
    for a, b in combinations(polys, 2):
        assert a.intersection(b).area < 1e-3
    area = sum(Polygon(it["shape"]["data"]).area * it["demand"] for it in items.values())
    assert sol["density"] == pytest.approx(area / (W * L), rel=1e-9)
    assert sol["density"] > 0.7


def test_nest_instance_bad_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "x", "strip_height": 10, "items": []}))
    assert run_cli(["nest-instance", str(bad), "--seconds", "1", "--out",
                    str(tmp_path / "o.json")]) == 2
    assert "no items" in capsys.readouterr().err


def test_problem_from_json_keeps_free_rotation():
    prob = problem_from_json({"strip_height": 5, "items": [
        {"id": 7, "demand": 2, "allowed_orientations": None,
         "shape": {"type": "simple_polygon", "data": [[0, 0], [1, 0], [0, 1], [0, 0]]}}]})
    assert prob.items[0].orientations is None and len(prob.items[0].outline) == 3
