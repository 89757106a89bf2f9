"""Catalog upload parsing: rows numbered by their first line, unsafe names, bounded reports."""

from __future__ import annotations

import pytest

from fitsvc.errors import ServiceError
from fitsvc.fit.catalog import MAX_REPORTED_ERRORS, parse_import, unsafe_text, validate_many

HEADER = "item_id,category,size,chest\n"


def test_rows_are_numbered_by_their_first_line_across_quoted_newlines() -> None:
    text = HEADER + 'a1,"dress\nlong",S,88\nb1,top,S,90\n'
    rows = parse_import(text.encode(), "csv")
    assert [row for row, _ in rows] == [2, 4]


@pytest.mark.parametrize("data", [("\ufeff" + HEADER + "a1,top,S,90\n").encode("utf-8"),
                                  "\ufeff" + HEADER + "a1,top,S,90\n"])
def test_a_bom_is_dropped_from_bytes_and_text(data: bytes | str) -> None:
    ((_, raw),) = parse_import(data, "csv")
    assert raw["item_id"] == "a1"


@pytest.mark.parametrize(("text", "unsafe"), [
    ("=cmd|' /C calc'!A0", True), ("+1", True), ("-2", True), ("@SUM(A1)", True),
    ("a\x00b", True), ("a\nb", True), ("a\u202eb", True), ("robe-été 38", False), ("XL", False),
])
def test_unsafe_text(text: str, unsafe: bool) -> None:
    assert (unsafe_text(text) is not None) == unsafe


def test_the_error_report_is_bounded() -> None:
    raws = [(i, {"id": f"=x{i}", "category": "top", "sizes": [{"size": "S", "chest": -1}]})
            for i in range(400)]
    with pytest.raises(ServiceError) as err:
        validate_many(raws)  # type: ignore[arg-type]
    details = err.value.details
    assert details["error_count"] == 800 and len(details["errors"]) == MAX_REPORTED_ERRORS


def test_too_many_sizes_is_reported_once_not_per_size() -> None:
    sizes = [{"size": f"S{i}", "chest": -1} for i in range(10_000)]
    with pytest.raises(ServiceError) as err:
        validate_many([(None, {"id": "a", "category": "top", "sizes": sizes})])
    assert [e["code"] for e in err.value.details["errors"]] == ["too_many_sizes"]
