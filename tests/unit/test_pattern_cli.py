"""`fitsvc pattern draft` handler and measurement derivation."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fitsvc.patterns.cli import add_commands
from fitsvc.patterns.derive import complete

ROOT = Path(__file__).resolve().parents[2]


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_cli_mtm_svg(tmp_path: Path) -> None:
    out = tmp_path / "b.svg"
    rc = _run(["pattern", "draft", "bodice", "--measurements",
               str(ROOT / "sample_data/measurements/customer_female.json"), "--format", "svg",
               "-o", str(out)])
    assert rc == 0 and out.read_text().startswith("<?xml")


def test_cli_size_run_rul(tmp_path: Path) -> None:
    out = tmp_path / "t.rul"
    rc = _run(["pattern", "draft", "trousers", "--size-run", "XS,S,M,L,XL", "--chart",
               str(ROOT / "sample_data/size_charts/womens_eu.json"), "--format", "rul",
               "-o", str(out)])
    assert rc == 0 and "SIZE LIST: XS S M L XL" in out.read_text()


def test_cli_reports_bad_measurement(tmp_path: Path, capsys) -> None:
    f = tmp_path / "m.json"
    f.write_text(json.dumps({"sex": "female", "stature": 166, "chest_girth": 900}))
    rc = _run(["pattern", "draft", "bodice", "--measurements", str(f), "-o",
               str(tmp_path / "x.svg")])
    assert rc == 2 and "chest_girth" in capsys.readouterr().err


def test_headline_plus_sex_is_enough() -> None:
    data = json.loads((ROOT / "sample_data/measurements/customer_female.json").read_text())
    filled, derived = complete(data)
    assert set(derived) == {"back_waist_length", "waist_height", "crotch_length", "wrist_girth",
                            "across_back", "shoulder_length", "neck_base_girth", "knee_height"}
    assert all(filled[k] > 0 for k in derived)
