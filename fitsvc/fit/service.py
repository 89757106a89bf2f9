"""Fit use cases: recommend sizes for up to 500 items, size advice, feedback."""

from __future__ import annotations

import json
import math
from typing import Any

import orjson
from sqlalchemy import Text, bindparam, select, type_coerce
from sqlalchemy.engine import Connection, Engine

from fitsvc.db import connection, session_scope
from fitsvc.errors import NotFound, ServiceError
from fitsvc.fit.autoretrain import maybe_schedule
from fitsvc.fit.catalog_store import load_items
from fitsvc.fit.model import FitModel, Item, reasons
from fitsvc.fit.reads import FitReads
from fitsvc.fit.records import FitFeedbackRecord, ScanCorrectionRecord
from fitsvc.fit.regions import check_region_notes, combined, region_advice
from fitsvc.fit.registry import LABELS, active_model
from fitsvc.jobs import JobRunner
from fitsvc.measure.records import ScanRecord

MAX_ITEMS = 500
BODY_RANGE = (5.0, 300.0)  # cm; anything outside is a typo or wrong unit


def _value(v: Any) -> float | None:
    """A measurement from a scan ({"value_cm": ..} or similar) or a plain number."""
    if isinstance(v, dict):
        for key in ("value_cm", "value", "cm", "mean"):
            if key in v:
                return _value(v[key])
        return None
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    return float(v)


def check_measurements(raw: dict[str, Any]) -> dict[str, float]:
    """Validate client measurements (cm) → floats; 422 `invalid_measurement` otherwise."""
    out: dict[str, float] = {}
    bad: list[dict[str, Any]] = []
    for name, v in raw.items():
        x = _value(v)
        if x is None or not math.isfinite(x):
            bad.append({"field": name, "code": "invalid_number", "message": "not a number"})
        elif x <= 0:
            bad.append({"field": name, "code": "negative_value", "message": f"{x} cm ≤ 0"})
        elif not BODY_RANGE[0] <= x <= BODY_RANGE[1]:
            bad.append({"field": name, "code": "absurd_value",
                        "message": f"{x} cm is outside {BODY_RANGE[0]:g}–{BODY_RANGE[1]:g}"})
        else:
            out[name] = x
    if bad:
        raise ServiceError("some measurements are invalid", code="invalid_measurement",
                           status=422, details={"errors": bad},
                           hint="Send body measurements in centimetres.")
    return out


def resolve_body(bind: Engine | Connection, tenant: str, scan_id: str | None,
                 measurements: dict[str, Any] | None, owner: str | None = None
                 ) -> dict[str, float]:
    """Measurements from a stored scan (with tailor corrections) and/or given ones; with
    ``owner``, the scan must be that customer's (404 otherwise). One prepared Core query: the
    scan's silhouettes are never loaded (hot path of POST /v1/fit)."""
    body: dict[str, float] = {}
    if scan_id:
        with connection(bind) as conn:
            rows = conn.execute(_SCAN_BODY, {"tenant": tenant, "scan_id": scan_id}).all()
        if not rows or (owner is not None and rows[0].customer_id != owner):
            raise NotFound(f"scan {scan_id} not found")
        body = {k: x for k, v in (_json(rows[0].measurements) or {}).items()
                if (x := _value(v)) is not None}
        for row in rows:  # tailor corrections, oldest first
            body.update({k: float(v) for k, v in (_json(row.corrections) or {}).items()})
    if measurements:
        body.update(check_measurements(measurements))
    if not body:
        raise ServiceError("give a scan_id or measurements", code="missing_body", status=422)
    return body


def _json(value: Any) -> Any:
    """A JSON column read as text (SQLite): orjson (4 × json's speed), json for what orjson
    refuses (NaN, which json.dumps writes). Drivers that decode JSON themselves (psycopg)
    hand over the value already decoded."""
    if not isinstance(value, str | bytes):
        return value
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        return json.loads(value)


_c = ScanCorrectionRecord
# the scan's measurements, and one row per tailor correction (NULL when it has none); the
# JSON columns come as text, decoded by _json
_SCAN_BODY = (select(type_coerce(ScanRecord.measurements, Text).label("measurements"),
                     ScanRecord.customer_id,
                     type_coerce(_c.corrections, Text).label("corrections"))
              .outerjoin(_c, (_c.scan_id == ScanRecord.id) & (_c.tenant_id == ScanRecord.tenant_id))
              .where(ScanRecord.tenant_id == bindparam("tenant"),
                     ScanRecord.id == bindparam("scan_id"))
              .order_by(_c.id))


def _item_result(model: FitModel, body: dict[str, float], item: Item,
                 customer: str | None) -> dict[str, Any]:
    rec = model.recommend(body, item, customer)
    if rec["status"] != "ok":
        return {"item_id": item.id, "status": rec["status"], "missing": rec["missing"]}
    fits, i = rec["fits"], rec["index"]
    best = fits[i]
    sizes = [{"size": f.size, "p_small": round(f.p_small, 4), "p_fit": round(f.p_fit, 4),
              "p_large": round(f.p_large, 4),
              "ease_cm": {k: round(v, 1) for k, v in f.ease.items()}} for f in fits]
    return {
        "item_id": item.id, "status": "ok", "recommended_size": best.size,
        "size_down": fits[i - 1].size if i > 0 else None,
        "size_up": fits[i + 1].size if i + 1 < len(fits) else None,
        "ease_cm": dict(sizes[i]["ease_cm"]),
        # ease beyond the target per region: < 0 tighter than intended, > 0 looser
        "fit_cm": {k: round(v, 1) for k, v in best.excess.items()},
        "reasons": reasons(best),
        "sizes": sizes,
    }


def recommend(reads: FitReads, tenant: str, req: dict[str, Any], owner: str | None = None
              ) -> dict[str, Any]:
    """POST /v1/fit: per item status, recommended size, neighbours, probabilities, reasons;
    with ``owner`` (a customer token), only that customer's scan may be used."""
    ids = [str(i) for i in req.get("item_ids") or []]
    if not ids:
        raise ServiceError("item_ids is empty", code="missing_items", status=422)
    if len(ids) > MAX_ITEMS:
        raise ServiceError(f"at most {MAX_ITEMS} item ids per request", code="too_many_items",
                           status=422)
    customer = req.get("customer_id")
    with reads.engine.connect() as conn:  # one pool checkout for the scan and the model
        body = resolve_body(conn, tenant, req.get("scan_id"), req.get("measurements"), owner)
        model, version = reads.model(tenant, conn, exact=customer is not None)
    items = reads.items(tenant, sorted(set(ids)))
    out = []
    for item_id in ids:
        item = items.get(item_id)
        res = (_item_result(model, body, item, customer) if item is not None
               else {"item_id": item_id, "status": "unknown_item"})
        res["model_version"] = version
        out.append(res)
    return {"model_version": version, "items": out}


def _advice(offset: float) -> str:
    return "runs_small" if offset < -0.15 else "runs_large" if offset > 0.15 else "true_to_size"


def size_advice(engine: Engine, tenant: str, item_id: str) -> dict[str, Any]:
    """"Runs small / true to size / runs large" from the learned item offset and feedback;
    `sizes`: the same (and per region) for sizes where feedback taught a deviation."""
    item = load_items(engine, tenant, [item_id]).get(item_id)
    if item is None:
        raise NotFound(f"item {item_id} not found", code="unknown_item")
    model, version = active_model(engine, tenant)
    offset = getattr(model, "item_offsets_", {}).get(item_id, 0.0)
    with session_scope(engine) as s:
        outcomes = list(s.scalars(select(FitFeedbackRecord.outcome).where(
            FitFeedbackRecord.tenant_id == tenant, FitFeedbackRecord.item_id == item_id)))
    counts = {k: outcomes.count(k) for k in LABELS}
    learned = getattr(model, "item_regions_", {}).get(item_id, {})
    per_size = getattr(model, "size_offsets_", {}).get(item_id, {})
    size_regions = getattr(model, "size_regions_", {}).get(item_id, {})
    sizes = {}
    for size in (s for s in item.sizes if s in per_size or s in size_regions):
        total = offset + per_size.get(size, 0.0)
        cm = combined({item_id: learned}, {}, item_id, None, {item_id: size_regions}, size)
        sizes[size] = {"advice": _advice(total), "offset": round(total, 3),
                       "regions": region_advice(cm)}
    return {"item_id": item_id, "advice": _advice(offset), "offset": round(offset, 3),
            "sizes": sizes, "regions": region_advice(learned),
            "region_corrections_cm": learned,
            "feedback_counts": counts, "model_version": version,
            "basis": "learned item offset" if offset else "no learned offset yet"}


def add_feedback(engine: Engine, tenant: str, req: dict[str, Any],
                 jobs: JobRunner | None = None, retrain_every: int = 0) -> dict[str, Any]:
    """Store one outcome (and any tailor corrections of the scan's measurements); with a job
    runner, schedule a guarded retrain every ``retrain_every`` new rows (`autoretrain.py`)."""
    outcome = str(req.get("outcome", "")).lower()
    if outcome not in LABELS:
        raise ServiceError(f"outcome {outcome!r} is not small, fit, large or returned",
                           code="invalid_outcome", status=422)
    item_id, size = str(req["item_id"]), str(req["size"])
    item = load_items(engine, tenant, [item_id]).get(item_id)
    if item is None:
        raise ServiceError(f"item {item_id} not found", code="unknown_item", status=422)
    if size not in item.chart:
        raise ServiceError(f"size {size!r} is not in the chart of {item_id}",
                           code="unknown_size", status=422, hint=f"sizes: {item.sizes}")
    corrections = check_measurements(req.get("tailor_corrections") or {})
    notes = check_region_notes(req.get("regions"))
    scan_id = req.get("scan_id") or None  # "" is no scan (a foreign key: a 500 before)
    if corrections and not scan_id:
        raise ServiceError("tailor_corrections need a scan_id", code="missing_scan", status=422)
    if corrections:
        resolve_body(engine, tenant, scan_id, None)  # 404 for an unknown scan
        with session_scope(engine) as s:
            s.add(ScanCorrectionRecord(tenant_id=tenant, scan_id=scan_id,
                                       corrections=corrections))
    body = (resolve_body(engine, tenant, scan_id, req.get("measurements"))
            if scan_id or req.get("measurements") else {})
    _, version = active_model(engine, tenant)
    with session_scope(engine) as s:
        rec = FitFeedbackRecord(tenant_id=tenant, customer_id=str(req["customer_id"]),
                                item_id=item_id, size=size, outcome=outcome,
                                regions=notes, scan_id=scan_id,
                                measurements=body, model_version=version)
        s.add(rec)
    out = {"id": rec.id, "stored": True, "outcome": outcome, "used_measurements": bool(body),
           "corrections_stored": bool(corrections)}
    if jobs is not None:
        out.update(maybe_schedule(engine, jobs, tenant, retrain_every))
    return out
