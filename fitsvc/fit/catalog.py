"""Catalog items and size charts: parsing (JSON / CSV) and validation with per-row errors.

An item: {"id", "category", "fit_intent", "stretch", "chart_kind" (garment | body),
"sizes": [{"size": "S", "chest": 92, "waist": 76, ...}, ...]} with sizes smallest first.
CSV: one line per (item, size) with columns item_id, category, fit_intent, stretch,
chart_kind, size and any of the region columns (cm); an item's lines in size order.

Uploads are hostile until parsed: :func:`parse_import` turns bytes into raw items or a 422
(``invalid_encoding``, ``invalid_csv``, ``invalid_json``, ``invalid_format``), and the
text fields (id, category, size) may hold neither control characters nor a leading
``= + - @`` (a spreadsheet formula when the catalog is opened in Excel: ``unsafe_text``).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from itertools import pairwise
from typing import Any

from fitsvc.errors import ServiceError
from fitsvc.fit.ease import FIT_INTENTS, REGIONS, STRETCH
from fitsvc.fit.model import Item
from fitsvc.safe_json import loads_strict

CHART_KINDS = ("garment", "body")
# plausible garment/body values in cm per region
PLAUSIBLE = {"chest": (40.0, 250.0), "waist": (35.0, 250.0), "hip": (45.0, 250.0),
             "inseam": (20.0, 130.0), "sleeve": (20.0, 110.0), "length": (20.0, 200.0)}
MAX_SIZES = 40
MAX_COLUMNS = 256
MAX_REPORTED_ERRORS = 500  # details.errors is cut here; details.error_count has them all
_FORMULA_START = ("=", "+", "-", "@")


def _err(row: int | None, item_id: Any, field: str, code: str, message: str) -> dict[str, Any]:
    return {"row": row, "item_id": item_id, "field": field, "code": code, "message": message}


def validate_item(raw: dict[str, Any], row: int | None = None) -> tuple[Item | None,
                                                                         list[dict[str, Any]]]:
    """Check one item dict; returns (Item, []) or (None, errors)."""
    errors: list[dict[str, Any]] = []
    item_id = str(raw.get("id") or raw.get("item_id") or "").strip()
    if not item_id or len(item_id) > 128:
        errors.append(_err(row, item_id or None, "id", "missing_field", "item id is required"))
    category = str(raw.get("category") or "").strip().lower()
    if not category:
        errors.append(_err(row, item_id, "category", "missing_field", "category is required"))
    errors += [_err(row, item_id, name, "unsafe_text", f"{name} {problem}")
               for name, text in (("id", item_id), ("category", category))
               if (problem := unsafe_text(text))]
    choices = {"fit_intent": (FIT_INTENTS, "regular"), "stretch": (STRETCH, "none"),
               "chart_kind": (CHART_KINDS, "garment")}
    picked: dict[str, str] = {}
    for name, (allowed, default) in choices.items():
        value = str(raw.get(name) or default).strip().lower()
        if value not in allowed:
            errors.append(_err(row, item_id, name, f"invalid_{name}",
                               f"{name} {value!r} is not one of {', '.join(allowed)}"))
        picked[name] = value
    sizes = raw.get("sizes")
    if not isinstance(sizes, list) or not sizes:
        errors.append(_err(row, item_id, "sizes", "empty_size_chart",
                           "sizes must be a non-empty list, smallest first"))
        return None, errors
    if len(sizes) > MAX_SIZES:
        errors.append(_err(row, item_id, "sizes", "too_many_sizes", f"at most {MAX_SIZES}"))
        return None, errors
    errors += _check_chart(sizes, row, item_id)
    if errors:
        return None, errors
    chart = {str(s["size"]).strip(): {r: float(s[r]) for r in REGIONS if _present(s.get(r))}
             for s in sizes}
    return Item(id=item_id, category=category, fit_intent=picked["fit_intent"],
                stretch=picked["stretch"], chart_kind=picked["chart_kind"],
                sizes=[str(s["size"]).strip() for s in sizes], chart=chart), []


def _present(v: Any) -> bool:
    return v is not None and str(v).strip() != ""


def unsafe_text(text: str) -> str | None:
    """Why a name must be refused: control characters (NUL, newlines, bidi overrides) or a
    leading = + - @, which spreadsheets run as a formula (CSV injection); None when fine."""
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        return "contains control characters"
    if text.startswith(_FORMULA_START):
        return "starts with = + - or @ (a spreadsheet formula)"
    return None


def _check_chart(sizes: list[Any], row: int | None, item_id: str) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    seen: set[str] = set()
    values: dict[str, list[float | None]] = {r: [] for r in REGIONS}
    for k, s in enumerate(sizes):
        r_row = row if row is not None else k
        if not isinstance(s, dict) or not _present(s.get("size")):
            errors.append(_err(r_row, item_id, f"sizes[{k}].size", "missing_field",
                               "each size needs a `size` label"))
            continue
        label = str(s["size"]).strip()
        if (problem := unsafe_text(label)) is not None:
            errors.append(_err(r_row, item_id, f"sizes[{k}].size", "unsafe_text",
                               f"size {problem}"))
        if label in seen:
            errors.append(_err(r_row, item_id, f"sizes[{k}].size", "duplicate_size",
                               f"size {label!r} appears twice"))
        seen.add(label)
        for region in REGIONS:
            v = s.get(region)
            if not _present(v):
                values[region].append(None)
                continue
            try:
                x = float(str(v))
            except (TypeError, ValueError):
                errors.append(_err(r_row, item_id, region, "invalid_number",
                                   f"{region}={v!r} is not a number (cm)"))
                values[region].append(None)
                continue
            lo, hi = PLAUSIBLE[region]
            if x <= 0:
                errors.append(_err(r_row, item_id, region, "negative_value",
                                   f"{region}={x} cm must be positive"))
            elif not lo <= x <= hi:
                errors.append(_err(r_row, item_id, region, "absurd_value",
                                   f"{region}={x} cm is outside {lo:g}–{hi:g} cm"))
            values[region].append(x)
    if errors:
        return errors
    if not any(v is not None for vals in values.values() for v in vals):
        return [_err(row, item_id, "sizes", "no_measurements",
                     f"give at least one of {', '.join(REGIONS)} per size")]
    for region, vals in values.items():
        present = [v for v in vals if v is not None]
        if present and len(present) != len(vals):
            k = vals.index(None)
            errors.append(_err(row if row is not None else k, item_id, region, "size_chart_gap",
                               f"{region} is missing for size {sizes[k]['size']!r}"))
        elif any(b < a for a, b in pairwise(present)):
            errors.append(_err(row, item_id, region, "non_monotonic_sizes",
                               f"{region} decreases between sizes; list sizes smallest first"))
    return errors


def parse_import(data: bytes | str, fmt: str) -> list[tuple[int | None, dict[str, Any]]]:
    """An uploaded catalog (UTF-8, a BOM allowed) → (row, raw item) pairs to validate; a
    ServiceError (422) for anything that is not a readable CSV or JSON catalog."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ServiceError(f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})",
                           code="invalid_encoding", status=422,
                           hint="Save the catalog as UTF-8 (in a spreadsheet: CSV UTF-8).") from None
    if fmt == "csv":
        return list(parse_csv(text))
    if fmt == "json":
        return parse_json(text)
    raise ServiceError(f"unknown format {fmt!r}", code="invalid_format", status=422,
                       hint="Use format=csv or format=json.")


def parse_json(text: str) -> list[tuple[int | None, dict[str, Any]]]:
    """A JSON list of items, or {"items": [...]}; a non-object entry is an empty item."""
    hint = 'Send a JSON list of items or {"items": [...]} (see the item schema).'
    try:
        doc = loads_strict(text)
    except ValueError as exc:  # syntax, nesting, NaN, a duplicate key, a number too long
        raise ServiceError(f"invalid JSON: {exc}", code="invalid_json", status=422,
                           hint=hint) from None
    rows = doc.get("items") if isinstance(doc, dict) else doc
    if not isinstance(rows, list):
        raise ServiceError("JSON must be a list of items or {\"items\": [...]}",
                           code="invalid_json", status=422, hint=hint)
    return [(i, r if isinstance(r, dict) else {}) for i, r in enumerate(rows)]


def parse_csv(text: str) -> list[tuple[int, dict[str, Any]]]:
    """CSV lines → (first line number, item dict) grouped by item_id in file order."""
    hint = "Columns: item_id,category,fit_intent,stretch,chart_kind,size," + ",".join(REGIONS)
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _group_rows(reader, hint)
    except csv.Error as exc:  # a field over csv.field_size_limit(), a stray quote, ...
        raise ServiceError(f"unreadable CSV at line {reader.line_num}: {exc}", code="invalid_csv",
                           status=422, hint=hint) from None


def _group_rows(reader: csv.DictReader[str], hint: str) -> list[tuple[int, dict[str, Any]]]:
    if not reader.fieldnames or "item_id" not in reader.fieldnames:
        raise ServiceError("CSV needs a header with item_id, category, size and regions",
                           code="invalid_csv", status=422, hint=hint)
    if len(reader.fieldnames) > MAX_COLUMNS:
        raise ServiceError(f"the CSV has {len(reader.fieldnames)} columns, at most {MAX_COLUMNS}",
                           code="invalid_csv", status=422, hint=hint)
    items: dict[str, tuple[int, dict[str, Any]]] = {}
    line_no = reader.line_num + 1
    for rec in reader:  # a quoted field may span lines: rows are numbered by their first line
        key = (rec.get("item_id") or "").strip()
        if key not in items:
            head = {k: rec.get(k) for k in ("item_id", "category", "fit_intent", "stretch",
                                           "chart_kind")}
            items[key] = (line_no, {**head, "sizes": []})
        items[key][1]["sizes"].append({k: rec.get(k) for k in ("size", *REGIONS)})
        line_no = reader.line_num + 1
    return list(items.values())


def validate_many(raws: list[tuple[int | None, dict[str, Any]]]) -> list[Item]:
    """Validate all; raise one 422 `invalid_catalog` listing every row's errors."""
    items, errors = [], []
    for row, raw in raws:
        item, errs = validate_item(raw, row)
        errors += errs
        if item is not None:
            items.append(item)
    if errors:
        raise ServiceError(f"{len(errors)} problem(s) in the catalog data; nothing imported",
                           code="invalid_catalog", status=422,
                           details={"errors": errors[:MAX_REPORTED_ERRORS],
                                    "error_count": len(errors)},
                           hint="Fix the rows listed in details.errors and send again.")
    return items


def item_to_dict(item: Item) -> dict[str, Any]:
    return {"id": item.id, "category": item.category, "fit_intent": item.fit_intent,
            "stretch": item.stretch, "chart_kind": item.chart_kind,
            "sizes": [{"size": s, **item.chart[s]} for s in item.sizes]}
