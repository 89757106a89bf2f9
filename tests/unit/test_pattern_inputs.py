"""Measurement validation, options and the library's import boundary."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pattern import (
    BadOption,
    BadSizeChart,
    ImplausibleMeasurement,
    Measurements,
    MissingMeasurement,
    SizeChart,
    UnknownBlock,
    draft_block,
)

ROOT = Path(__file__).resolve().parents[2]
M = SizeChart.load(ROOT / "sample_data/size_charts/womens_eu.json").bodies["M"]


def test_cm_to_mm_and_back() -> None:
    m = Measurements.from_cm({"sex": "male", "chest_girth": 100, "stature": "180"})
    assert m["chest_girth"] == 1000.0
    assert m.cm()["stature"] == 180.0


def test_missing_measurement_named_before_drafting() -> None:
    partial = Measurements({k: v for k, v in M.values_mm.items() if k != "crotch_length"})
    with pytest.raises(MissingMeasurement) as exc:
        draft_block("trousers", partial)
    assert exc.value.name == "crotch_length"
    assert "crotch_length" in str(exc.value)


@pytest.mark.parametrize("name,value", [("chest_girth", 9.2), ("stature", 16.6),
                                        ("waist_girth", 400), ("neck_girth", "thick")])
def test_implausible_measurement_named(name: str, value: object) -> None:
    with pytest.raises(ImplausibleMeasurement) as exc:
        Measurements.from_cm({**M.cm(), name: value})
    assert exc.value.name == name


def test_inconsistent_measurements() -> None:
    with pytest.raises(ImplausibleMeasurement) as exc:
        Measurements.from_cm({**M.cm(), "inside_leg": 101.0})
    assert exc.value.name == "inside_leg"


def test_ant_man_body_is_refused() -> None:
    with pytest.raises(ImplausibleMeasurement):
        Measurements.from_cm({k: v / 10 for k, v in M.cm().items()})


def test_unknown_block_and_bad_options() -> None:
    with pytest.raises(UnknownBlock):
        draft_block("cape", M)
    with pytest.raises(BadOption):
        draft_block("bodice", M, {"chest_ease": 2.0})
    with pytest.raises(BadOption):
        draft_block("bodice", M, {"nope": 1})
    with pytest.raises(BadOption):
        draft_block("bodice", M, {"fit": "baggy"})


def test_bad_chart() -> None:
    with pytest.raises(BadSizeChart):
        SizeChart.from_dict({"sizes": {"S": {"chest_girth": 5}}})
    with pytest.raises(BadSizeChart):
        SizeChart.from_dict({"sizes": {"S": {"chest_girth": 90}}, "sample_size": "M"})


def test_nearest_size() -> None:
    chart = SizeChart.load(ROOT / "sample_data/size_charts/womens_eu.json")
    m = Measurements.from_cm({**M.cm(), "chest_girth": 97, "waist_girth": 79, "hip_girth": 103})
    size, diffs = chart.nearest(m)
    assert size == "L"
    assert diffs["chest_girth"] == pytest.approx(1.0)


def test_pattern_never_imports_flask_or_fitsvc() -> None:
    for path in (ROOT / "pattern").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for n in names:
                assert n.split(".")[0] not in {"flask", "flask_smorest", "fitsvc"}, \
                    f"{path} imports {n}"
