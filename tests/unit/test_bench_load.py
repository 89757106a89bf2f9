"""Pure helpers of bench/load.py: percentiles, rows, ratios, the table, multipart (no server)."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = mod
    spec.loader.exec_module(mod)
    return mod


load = _load()


def test_percentile_nearest_rank() -> None:
    vals = [float(v) for v in range(100, 0, -1)]  # 1..100, unsorted
    assert load.percentile(vals, 50) == 50.0
    assert load.percentile(vals, 99) == 99.0
    assert load.percentile(vals, 100) == 100.0
    assert load.percentile(vals, 0) == 1.0
    assert load.percentile([7.0], 99) == 7.0
    assert load.percentile([1.0, 2.0, 3.0], 50) == 2.0
    assert math.isnan(load.percentile([], 50))
    with pytest.raises(ValueError):
        load.percentile(vals, 101)


def test_summarize_and_ratios() -> None:
    rows = [load.summarize("healthz", [1.0] * 200, 0, 2.0),
            load.summarize("fit", [2.0] * 60 + [9.0] * 40, 1, 2.0),
            load.summarize("scans", [], 3, 2.0)]
    assert rows[0]["rps"] == 100.0 and rows[1]["rps"] == 50.0
    assert rows[1]["p50_ms"] == 2.0 and rows[1]["p99_ms"] == 9.0 and rows[1]["errors"] == 1
    load.add_ratios(rows)
    assert [r["ratio"] for r in rows] == [1.0, 0.5, 0.0]
    assert "fit/healthz 0.50 (meets" in load.verdict(rows)
    assert load.verdict(rows).startswith("errors: 4")


def test_ratio_none_without_baseline() -> None:
    rows = load.add_ratios([load.summarize("fit", [1.0], 0, 1.0)])
    assert rows[0]["ratio"] is None
    assert "fit/healthz" not in load.verdict(rows)


def test_format_table() -> None:
    rows = load.add_ratios([load.summarize("healthz", [1.0, 3.0], 0, 1.0),
                            load.summarize("scans", [], 2, 1.0)])
    lines = load.format_table(rows).splitlines()
    assert len(lines) == 4
    assert [c.strip() for c in lines[0].strip("|").split("|")] == list(load.COLUMNS)
    assert set(lines[1]) <= {"|", "-", ":"}
    assert [c.strip() for c in lines[2].strip("|").split("|")] == [
        "healthz", "2", "2.0", "1.0", "3.0", "0", "1.000"]
    assert [c.strip() for c in lines[3].strip("|").split("|")] == [
        "scans", "0", "0.0", "-", "-", "2", "0.000"]
    assert len({len(line) for line in lines}) == 1  # aligned


def test_multipart_body() -> None:
    body, ctype = load.multipart({"height_cm": "156.6"},
                                 {"front": ("front.jpg", b"\xff\xd8jpeg", "image/jpeg")})
    boundary = ctype.split("boundary=", 1)[1]
    assert ctype.startswith("multipart/form-data; ")
    assert body.startswith(f"--{boundary}\r\n".encode())
    assert body.endswith(f"--{boundary}--\r\n".encode())
    assert b'name="height_cm"\r\n\r\n156.6\r\n' in body
    assert b'name="front"; filename="front.jpg"\r\nContent-Type: image/jpeg\r\n\r\n' \
           b"\xff\xd8jpeg\r\n" in body
