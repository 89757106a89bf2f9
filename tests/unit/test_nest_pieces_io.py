"""Pieces from JSON/DXF files and the `fitsvc nest` command on them."""

from __future__ import annotations

import argparse
import json

import pytest

from fitsvc.markers.cli import add_commands
from fitsvc.markers.pieces_io import load_pieces, pieces_from_json
from pattern.nest.errors import NestInputError

RECT = [[0, 0], [24, 0], [24, 52], [0, 52]]


def write_dxf(path, blocks: bool = True) -> None:
    import ezdxf

    doc = ezdxf.new("R2010")
    if blocks:
        for size, k in (("S", 0.95), ("M", 1.0)):
            blk = doc.blocks.new(name=f"BACK_{size}")
            blk.add_lwpolyline([(x * 10 * k, y * 10 * k) for x, y in RECT], close=True,
                               dxfattribs={"layer": "1"})
            blk.add_line((100, 50), (100, 450), dxfattribs={"layer": "7"})
            blk.add_text("Piece Name: back")
            blk.add_text(f"Size: {size}")
            blk.add_text("Quantity: 2")
    else:
        doc.modelspace().add_lwpolyline([(x * 10, y * 10) for x, y in RECT], close=True)
    doc.saveas(str(path))


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_json_pieces_in_cm():
    ps = pieces_from_json({"units": "cm", "pieces": [{"name": "b", "size": "M", "outline": RECT,
                                                      "mirrored_pair": True}]})
    assert ps[0].outline[2] == (240.0, 520.0) and ps[0].mirrored_pair


def test_dxf_blocks_with_aama_texts(tmp_path):
    write_dxf(tmp_path / "p.dxf")
    ps = load_pieces(tmp_path / "p.dxf")
    assert [(p.name, p.size, p.quantity) for p in ps] == [("back", "S", 2), ("back", "M", 2)]
    assert ps[1].grain_deg == pytest.approx(90.0)


def test_dxf_plain_polylines(tmp_path):
    write_dxf(tmp_path / "p.dxf", blocks=False)
    ps = load_pieces(tmp_path / "p.dxf")
    assert len(ps) == 1 and ps[0].size == "ONE"


@pytest.mark.parametrize("content, suffix, text", [
    ("{not json", ".json", "not valid JSON"),
    ('{"pieces": []}', ".json", "no pieces"),
    ('{"pieces": [{"outline": [[0, 0]]}], "units": "yd"}', ".json", "unknown units"),
    ("x", ".txt", "unsupported"),
])
def test_bad_piece_files(tmp_path, content, suffix, text):
    path = tmp_path / f"p{suffix}"
    path.write_text(content)
    with pytest.raises(NestInputError, match=text):
        load_pieces(path)


def test_nest_command_writes_a_marker(tmp_path, capsys):
    pieces = tmp_path / "p.json"
    pieces.write_text(json.dumps({"units": "cm", "pieces": [
        {"name": "back", "size": s, "outline": RECT, "grain_deg": 90} for s in "SM"]}))
    out = tmp_path / "m.svg"
    assert run_cli(["nest", "--pieces", str(pieces), "--ratio", "S:1,M:2", "--width-cm", "60",
                    "--seconds", "2", "--spacing-mm", "2", "-o", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["pieces"] == 3 and summary["fabric_length"] > summary["length"]
    assert out.read_text().count("<polygon") == 3


def test_nest_command_rejects_bad_ratio_and_narrow_fabric(tmp_path, capsys):
    pieces = tmp_path / "p.json"
    pieces.write_text(json.dumps({"units": "cm", "pieces": [
        {"name": "back", "size": "M", "outline": RECT, "grain_deg": 90}]}))
    base = ["nest", "--pieces", str(pieces), "--seconds", "2", "-o", str(tmp_path / "m.svg")]
    assert run_cli([*base, "--ratio", "M2", "--width-cm", "150"]) == 2
    assert "bad ratio" in capsys.readouterr().err
    assert run_cli([*base, "--ratio", "M:1", "--width-cm", "20"]) == 2
    assert "wide across the fabric" in capsys.readouterr().err
