"""Versioned storefront fit models per tenant: active version, retrain, promote, roll back.

Version 0 is the cold-start model (ease rules + RTR-calibrated params, no offsets); it is
used while a tenant has no stored version. Predictions report `fit-v<N>`.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection, Engine

from fitsvc.db import connection, session_scope
from fitsvc.errors import NotFound, ServiceError
from fitsvc.fit import offsets as off
from fitsvc.fit.catalog_store import load_items
from fitsvc.fit.model import DEFAULT_PARAMS, FitModel, Item, region_excess
from fitsvc.fit.records import FitFeedbackRecord, FitModelRecord
from fitsvc.fit.regions import learn_region_offsets, learn_size_region_offsets
from fitsvc.jobs import JobContext, task

PARAMS_FILE = Path(__file__).resolve().parents[2] / "models" / "fit" / "storefront_params.json"
OUTCOMES = {"small": 0, "fit": 1, "large": 2}
LABELS = {**OUTCOMES, "returned": off.RETURNED}  # what feedback rows are learned from
RETRAIN_JOB = "fit_retrain"


def cold_start_params() -> dict[str, float]:
    """Rules-model params calibrated on RTR when the file exists, defaults otherwise."""
    if PARAMS_FILE.exists():
        data = json.loads(PARAMS_FILE.read_text())
        return {**DEFAULT_PARAMS, **{k: float(v) for k, v in data["params"].items()}}
    return dict(DEFAULT_PARAMS)


def _build(rec: FitModelRecord | None) -> FitModel:
    if rec is None:
        return FitModel(cold_start_params())
    m = FitModel(dict(rec.params))
    m.item_offsets_ = dict(rec.item_offsets)
    m.customer_offsets_ = dict(rec.customer_offsets)
    m.size_offsets_ = dict(rec.size_offsets or {})
    regions = rec.region_offsets or {}
    m.item_regions_ = dict(regions.get("item", {}))
    m.customer_regions_ = dict(regions.get("customer", {}))
    m.size_regions_ = dict(regions.get("size", {}))
    return m


_ACTIVE_QUERY = select(FitModelRecord.version, FitModelRecord.revision).where(
    FitModelRecord.tenant_id == bindparam("tenant"), FitModelRecord.active.is_(True))


def active_model(engine: Engine, tenant: str, cache: MutableMapping[Any, FitModel] | None = None,
                 lock: AbstractContextManager[Any] | None = None,
                 conn: Connection | None = None) -> tuple[FitModel, str]:
    """The active version and its name. With ``cache`` (one per engine, e.g. FitReads'),
    built models are kept per (tenant, version, revision): one light query (on ``conn``
    when given) finds which is active and its revision, which an erasure bumps, so no
    stale offsets are ever used."""
    with connection(conn or engine) as c:
        row = c.execute(_ACTIVE_QUERY, {"tenant": tenant}).first()
    version, revision = (0, 0) if row is None else (row.version, row.revision or 0)
    key = ("", 0, 0) if row is None else (tenant, version, revision)
    lock = lock or nullcontext()
    if cache is not None:
        with lock:
            hit = cache.get(key)
        if hit is not None:
            return hit, f"fit-v{version}"
    rec = None
    if row is not None:
        with session_scope(engine) as s:
            rec = s.scalars(select(FitModelRecord).where(
                FitModelRecord.tenant_id == tenant, FitModelRecord.version == version)).first()
    model = _build(rec)
    fresh = row is None or (rec is not None and (rec.revision or 0) == revision)
    if cache is not None and fresh:
        with lock:  # older revisions of this version (an erased customer's offsets) go now
            for stale in [k for k in cache if k[:2] == key[:2] and k != key]:
                cache.pop(stale, None)
            cache[key] = model
    return model, f"fit-v{version}"


def feedback_rows(engine: Engine, tenant: str) -> tuple[list[FitFeedbackRecord], dict[str, Item]]:
    """All stored feedback of a tenant (oldest first) and the catalog items it refers to."""
    with session_scope(engine) as s:
        rows = list(s.scalars(select(FitFeedbackRecord).where(
            FitFeedbackRecord.tenant_id == tenant).order_by(FitFeedbackRecord.id)).all())
    return rows, load_items(engine, tenant, sorted({r.item_id for r in rows}))


def observations(rows: list[FitFeedbackRecord], items: dict[str, Item],
                 model: FitModel | None = None) -> off.Observations:
    """Feedback rows as latent scores, with `model`'s learned region corrections applied
    (rows without body/chart overlap are skipped)."""
    cols: dict[str, list[Any]] = {"item": [], "customer": [], "z_min": [], "z_mean": [], "y": [],
                                  "size": []}
    base = model or FitModel()
    for r in rows:
        item = items.get(r.item_id)
        if item is None or r.outcome not in LABELS or r.size not in item.chart:
            continue
        adjust = base.region_adjust(r.item_id, r.customer_id, r.size)
        _, excess, _ = region_excess(r.measurements, item, r.size, adjust)
        if not excess:
            continue
        z_min, z_mean = base.latent(excess)
        for k, v in (("item", r.item_id), ("customer", r.customer_id), ("z_min", z_min),
                     ("z_mean", z_mean), ("y", LABELS[r.outcome]), ("size", r.size)):
            cols[k].append(v)
    return off.Observations(item=np.array(cols["item"], dtype=object),
                            customer=np.array(cols["customer"], dtype=object),
                            z_min=np.array(cols["z_min"], float),
                            z_mean=np.array(cols["z_mean"], float), y=np.array(cols["y"], int),
                            size=np.array(cols["size"], dtype=object))


def fit_model(rows: list[FitFeedbackRecord], items: dict[str, Item],
              params: dict[str, float]) -> tuple[FitModel, off.Observations]:
    """Region corrections from notes first, then outcome offsets on the corrected scores."""
    model = FitModel(params)
    model.item_regions_, model.customer_regions_ = learn_region_offsets(
        (r.item_id, r.customer_id, r.regions or {}) for r in rows)
    model.size_regions_ = learn_size_region_offsets(
        (r.item_id, r.size, r.regions or {}) for r in rows)
    obs = observations(rows, items, model)
    if len(obs.y):
        model.fit(obs)
    return model, obs


def retrain(engine: Engine, tenant: str, promote: bool | str = True) -> dict[str, Any]:
    """Learn region corrections and offsets (recalibrating with enough rows) on all feedback;
    store a new version. ``promote``: True, False or "if_better" (only when it beats the
    active version on the hold-out, or when there is no hold-out yet)."""
    rows, items = feedback_rows(engine, tenant)
    prev, _ = active_model(engine, tenant)
    model, obs = fit_model(rows, items, prev.p)
    if len(obs.y) == 0:
        raise ServiceError("no usable feedback yet (needs items, sizes and measurements)",
                           code="no_feedback", status=409)
    metrics: dict[str, Any] = {"n_feedback": len(obs.y), "n_feedback_rows": len(rows)}
    if len(obs.y) >= 50:  # holdout: last 20 % of feedback rows, new vs active
        cut = int(len(rows) * 0.8)
        new, _ = fit_model(rows[:cut], items, prev.p)
        metrics["holdout_log_loss_new"] = _log_loss(new, observations(rows[cut:], items, new))
        metrics["holdout_log_loss_active"] = _log_loss(prev,
                                                       observations(rows[cut:], items, prev))
    if promote == "if_better":
        new_ll, old_ll = metrics.get("holdout_log_loss_new"), metrics.get("holdout_log_loss_active")
        promote = new_ll is None or old_ll is None or new_ll <= old_ll
        metrics["promotion"] = ("auto: " + ("no hold-out yet" if new_ll is None or old_ll is None
                                            else f"hold-out log loss {new_ll:.4f} vs {old_ll:.4f}")
                                + (", promoted" if promote else ", kept the active version"))
    with session_scope(engine) as s:
        last = s.scalars(select(FitModelRecord.version).where(
            FitModelRecord.tenant_id == tenant).order_by(FitModelRecord.version.desc())).first()
        rec = FitModelRecord(tenant_id=tenant, version=(last or 0) + 1, params=model.p,
                             item_offsets=model.item_offsets_,
                             customer_offsets=model.customer_offsets_,
                             size_offsets=model.size_offsets_,
                             region_offsets={"item": model.item_regions_,
                                             "customer": model.customer_regions_,
                                             "size": model.size_regions_},
                             metrics=metrics)
        s.add(rec)
    if promote:
        return promote_version(engine, tenant, rec.version)
    return _view(rec)


@task(RETRAIN_JOB)
def retrain_job(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Job wrapper of `retrain` (progress: stage)."""
    ctx.progress(stage="loading feedback", fraction=0.1)
    how = params.get("promote", True)
    out = retrain(ctx.engine, params["tenant"], promote=how if how == "if_better" else bool(how))
    ctx.progress(stage="done", fraction=1.0)
    return out


def _log_loss(model: FitModel, obs: off.Observations) -> float | None:
    if len(obs.y) == 0:
        return None
    sizes = obs.size if obs.size is not None else np.full(len(obs.y), "")
    o = np.array([model.offset(str(i), str(c), str(s)) for i, c, s in
                  zip(obs.item, obs.customer, sizes, strict=True)])
    ll = off.loglik(model.p, obs.z_min + o, obs.z_mean + o, obs.y)
    return float(-np.mean(ll))


def _view(rec: FitModelRecord) -> dict[str, Any]:
    return {"version": rec.version, "model_version": f"fit-v{rec.version}",
            "active": rec.active, "metrics": rec.metrics, "params": rec.params,
            "n_item_offsets": len(rec.item_offsets),
            "n_customer_offsets": len(rec.customer_offsets),
            "n_size_offsets": sum(len(v) for v in (rec.size_offsets or {}).values()),
            "n_region_corrections": sum(len(v) for v in (rec.region_offsets or {}).values()),
            "created_at": rec.created_at.isoformat() if rec.created_at else None}


def list_versions(engine: Engine, tenant: str) -> list[dict[str, Any]]:
    with session_scope(engine) as s:
        recs = s.scalars(select(FitModelRecord).where(FitModelRecord.tenant_id == tenant)
                         .order_by(FitModelRecord.version)).all()
        return [_view(r) for r in recs]


def promote_version(engine: Engine, tenant: str, version: int) -> dict[str, Any]:
    """Make `version` active, remembering the one it replaces (for rollback)."""
    with session_scope(engine) as s:
        recs = s.scalars(select(FitModelRecord).where(FitModelRecord.tenant_id == tenant)).all()
        target = next((r for r in recs if r.version == version), None)
        if target is None:
            raise NotFound(f"fit model version {version} not found", code="unknown_version")
        current = next((r for r in recs if r.active), None)
        if current is not None and current is not target:
            current.active = False
            target.previous_active = current.version
        target.active = True
        return _view(target)


promote = promote_version


def rollback(engine: Engine, tenant: str) -> dict[str, Any]:
    """Re-activate the version that the active one replaced."""
    with session_scope(engine) as s:
        recs = s.scalars(select(FitModelRecord).where(FitModelRecord.tenant_id == tenant)).all()
        current = next((r for r in recs if r.active), None)
        if current is None or current.previous_active is None:
            raise ServiceError("nothing to roll back to", code="no_previous_version", status=409)
        target = next(r for r in recs if r.version == current.previous_active)
        current.active, target.active = False, True
        return _view(target)
