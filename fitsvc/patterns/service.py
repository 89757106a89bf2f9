"""Pattern jobs: made-to-measure or graded drafts, stored per tenant, rendered on demand."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from fitsvc.db import get_owned, owned_exists, session_scope
from fitsvc.errors import ServiceError
from fitsvc.patterns.derive import complete
from fitsvc.patterns.records import PatternRecord
from fitsvc.storage import ArtefactStore, artefact_key, cached
from pattern import Measurements, PatternError, SizeChart, draft_block, grade
from pattern.checks import girth_checks, seam_checks
from pattern.export import FORMATS, Job, render_format
from pattern.finish.units import UNITS
from pattern.options_doc import block_options

__all__ = ["FORMATS", "UNITS", "build", "create_pattern", "get_record", "options", "pattern_view",
           "render"]

CHART_DIR = Path(__file__).resolve().parents[2] / "sample_data" / "size_charts"
MIME = {"svg": "image/svg+xml", "pdf": "application/pdf", "dxf": "application/dxf",
        "rul": "text/plain", "zip": "application/zip", "png": "image/png"}


def as_service_error(exc: PatternError) -> ServiceError:
    """Library error -> problem+json error with the library's stable code."""
    details = {k: getattr(exc, k) for k in ("name", "value_cm", "low_cm", "high_cm")
               if hasattr(exc, k)}
    status = 404 if exc.code == "unknown_block" else 422
    return ServiceError(str(exc), code=exc.code, status=status, details=details,
                        hint="Check the measurement names/values (cm) and the block options.")


def load_chart(chart: str | Mapping[str, Any]) -> SizeChart:
    """An inline chart, or the name of a bundled one. Never a path: a request must not make
    the server read its own files (the CLI reads a user's chart file and sends it inline)."""
    if isinstance(chart, Mapping):
        return SizeChart.from_dict(chart)
    bundled = {p.stem: p for p in CHART_DIR.glob("*.json")}
    if not isinstance(chart, str) or chart not in bundled:
        raise ServiceError(f"unknown size chart {str(chart)[:80]!r}", code="unknown_chart",
                           status=422,
                           hint=f"Use one of {sorted(bundled)} or send the chart inline.")
    return SizeChart.load(bundled[chart])


def build(request: Mapping[str, Any]) -> tuple[Job, dict[str, Any]]:
    """Draft (MTM) or grade (size run) as asked; returns the job and its summary."""
    try:
        return _build(request)
    except PatternError as exc:
        raise as_service_error(exc) from exc


def options(block: str) -> dict[str, Any]:
    """A block's options as users see them (404 ``unknown_block`` for an unknown block)."""
    try:
        return block_options(block)
    except PatternError as exc:
        raise as_service_error(exc) from exc


def export_marks(request: Mapping[str, Any]) -> dict[str, Any]:
    """The drawing options of a request: ``paperless`` (bool) and ``units``."""
    paperless, units = request.get("paperless", False), request.get("units") or "metric"
    if not isinstance(paperless, bool):
        raise ServiceError(f"paperless must be true or false, got {paperless!r}",
                           code="bad_export_option", status=422)
    if units not in UNITS:
        raise ServiceError(f"unknown units {str(units)[:40]!r}", code="bad_export_option",
                           status=422, hint=f"Use one of {', '.join(UNITS)}.")
    return {"paperless": paperless, "units": units}


def _build(request: Mapping[str, Any]) -> tuple[Job, dict[str, Any]]:
    block, options = str(request["block"]), dict(request.get("options") or {})
    style = str(request.get("style") or block.upper())[:20]
    marks = export_marks(request)
    if request.get("size_run") or (request.get("chart") and not request.get("measurements")):
        chart = load_chart(request["chart"])
        run = grade(block, chart, list(request.get("size_run") or []), options)
        summary: dict[str, Any] = {"mode": "graded", "sizes": list(run.sizes),
                                   "sample_size": chart.sample_size,
                                   "chart": chart.name, "rules": len(run.rules), "export": marks}
        return Job(style, run=run, **marks), {**summary, **_checks(run.sample)}
    raw = dict(request.get("measurements") or {})
    filled, derived = complete(raw)
    m = Measurements.from_cm(filled, derived=derived)
    draft = draft_block(block, m, options)
    summary = {"mode": "mtm", "export": marks, "derived": {
        k: {"value_cm": filled[k], "source": v} for k, v in derived.items()}}
    chart_ref = request.get("chart") or ("mens_eu" if m.sex == "male" else "womens_eu")
    chart = load_chart(chart_ref)
    size, diffs = chart.nearest(m)
    summary.update(nearest_size=size, chart=chart.name, differences_cm=diffs)
    return Job(style, draft=draft, size="MTM", **marks), {**summary, **_checks(draft)}


def _checks(draft: Any) -> dict[str, Any]:
    return {"warnings": list(draft.warnings),
            "seams": [{"a": c.a, "b": c.b, "diff_mm": round(c.diff, 2)} for c in seam_checks(draft)],
            "girths": [{"measurement": g.measurement, "drafted_cm": round(g.drafted / 10, 2),
                        "expected_cm": round(g.expected / 10, 2)} for g in girth_checks(draft)],
            "pieces": [{"name": p.name, "code": p.code, "cut": p.cut.describe(),
                        "area_cm2": round(p.area() / 100, 1)} for p in draft.pieces]}


def create_pattern(engine: Engine, tenant: str, request: Mapping[str, Any]) -> dict[str, Any]:
    """Validate + draft now (so bad input fails fast), store request and summary."""
    _, summary = build(request)
    rec = PatternRecord(id=str(uuid.uuid4()), tenant_id=tenant, block=str(request["block"]),
                        mode=summary["mode"], request=dict(request), result=summary,
                        scan_id=request.get("scan_id") or None)  # "" is no scan
    with session_scope(engine) as s:
        s.add(rec)
    return pattern_view(rec)


def get_record(engine: Engine, tenant: str, pattern_id: str) -> PatternRecord:
    return get_owned(engine, PatternRecord, pattern_id, tenant, "pattern")


def render(engine: Engine, store: ArtefactStore, tenant: str, pattern_id: str,
           fmt: str) -> tuple[bytes, str]:
    """File bytes and MIME type of a stored pattern in one format: drafted and rendered on
    the first download, then kept in the artefact store (erased with the pattern)."""
    if fmt not in FORMATS:
        raise ServiceError(f"unknown format {fmt!r}", code="unknown_format", status=404,
                           hint=f"Use one of {', '.join(FORMATS)}.")
    rec = get_record(engine, tenant, pattern_id)
    key = artefact_key(tenant, "patterns", pattern_id, f"pattern.{fmt}")

    def make() -> dict[str, bytes]:
        job, _ = build(rec.request)
        try:
            return {key: render_format(job, fmt)}
        except ValueError as exc:
            raise ServiceError(str(exc), code="format_unavailable", status=409) from exc

    data = cached(store, key, make, lambda: owned_exists(engine, PatternRecord, pattern_id, tenant))
    return data, MIME.get(fmt.split("_")[0], "application/octet-stream")




def pattern_view(rec: PatternRecord) -> dict[str, Any]:
    formats = [f for f in FORMATS if f != "rul" or rec.mode == "graded"]
    return {"id": rec.id, "block": rec.block, "mode": rec.mode, "result": rec.result,
            "files": {f: f"/v1/patterns/{rec.id}.{f}" for f in formats}}
