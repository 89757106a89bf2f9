"""Versioned storefront fit models per tenant: active version, retrain, promote, roll back.

Version 0 is the cold-start model (ease rules + RTR-calibrated params, no offsets); it is
used while a tenant has no stored version. Predictions report `fit-v<N>`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import bindparam, select
from sqlalchemy.engine import Engine

from fitsvc.db import session_scope
from fitsvc.errors import NotFound, ServiceError
from fitsvc.fit import offsets as off
from fitsvc.fit.catalog_store import load_items
from fitsvc.fit.model import DEFAULT_PARAMS, FitModel, region_excess
from fitsvc.fit.records import FitFeedbackRecord, FitModelRecord
from fitsvc.jobs import JobContext, task

PARAMS_FILE = Path(__file__).resolve().parents[2] / "models" / "fit" / "storefront_params.json"
OUTCOMES = {"small": 0, "fit": 1, "large": 2}
RETRAIN_JOB = "fit_retrain"
_cache: dict[tuple[str, str, int], FitModel] = {}


def cold_start_params() -> dict[str, float]:
    """Rules-model params calibrated on RTR when the file exists, defaults otherwise."""
    if PARAMS_FILE.exists():
        data = json.loads(PARAMS_FILE.read_text())
        return {**DEFAULT_PARAMS, **{k: float(v) for k, v in data["params"].items()}}
    return dict(DEFAULT_PARAMS)


def _to_model(engine: Engine, rec: FitModelRecord | None) -> tuple[FitModel, str]:
    if rec is None:
        key = ("", "", 0)
        if key not in _cache:
            _cache[key] = FitModel(cold_start_params())
        return _cache[key], "fit-v0"
    key = (str(engine.url), rec.tenant_id, rec.version)
    if key not in _cache:
        m = FitModel(dict(rec.params))
        m.item_offsets_ = dict(rec.item_offsets)
        m.customer_offsets_ = dict(rec.customer_offsets)
        _cache[key] = m
    return _cache[key], f"fit-v{rec.version}"


_ACTIVE_QUERY = select(FitModelRecord.version).where(
    FitModelRecord.tenant_id == bindparam("tenant"), FitModelRecord.active.is_(True))


def active_model(engine: Engine, tenant: str) -> tuple[FitModel, str]:
    """The active version (cached per version; one light query to find which is active)."""
    t = FitModelRecord
    with engine.connect() as conn:
        version = conn.execute(_ACTIVE_QUERY, {"tenant": tenant}).scalar()
    if version is None:
        return _to_model(engine, None)
    key = (str(engine.url), tenant, version)
    if key in _cache:
        return _cache[key], f"fit-v{version}"
    with session_scope(engine) as s:
        rec = s.scalars(select(t).where(t.tenant_id == tenant, t.version == version)).first()
        return _to_model(engine, rec)


def observations(engine: Engine, tenant: str) -> off.Observations:
    """Feedback rows turned into latent scores (rows without body/chart overlap are skipped)."""
    with session_scope(engine) as s:
        rows = s.scalars(select(FitFeedbackRecord).where(
            FitFeedbackRecord.tenant_id == tenant).order_by(FitFeedbackRecord.id)).all()
    items = load_items(engine, tenant, sorted({r.item_id for r in rows}))
    cols: dict[str, list[Any]] = {"item": [], "customer": [], "z_min": [], "z_mean": [], "y": []}
    base = FitModel()
    for r in rows:
        item = items.get(r.item_id)
        if item is None or r.outcome not in OUTCOMES or r.size not in item.chart:
            continue
        _, excess, _ = region_excess(r.measurements, item, r.size)
        if not excess:
            continue
        z_min, z_mean = base.latent(excess)
        for k, v in (("item", r.item_id), ("customer", r.customer_id), ("z_min", z_min),
                     ("z_mean", z_mean), ("y", OUTCOMES[r.outcome])):
            cols[k].append(v)
    return off.Observations(item=np.array(cols["item"], dtype=object),
                            customer=np.array(cols["customer"], dtype=object),
                            z_min=np.array(cols["z_min"], float),
                            z_mean=np.array(cols["z_mean"], float), y=np.array(cols["y"], int))


def _fit(obs: off.Observations, params: dict[str, float]) -> tuple[dict[str, float], ...]:
    m = FitModel(params).fit(obs)
    return m.p, m.item_offsets_, m.customer_offsets_


def retrain(engine: Engine, tenant: str, promote: bool = True) -> dict[str, Any]:
    """Fit offsets (and recalibrate with enough rows) on all feedback; store a new version."""
    obs = observations(engine, tenant)
    if len(obs.y) == 0:
        raise ServiceError("no usable feedback yet (needs items, sizes and measurements)",
                           code="no_feedback", status=409)
    prev, _ = active_model(engine, tenant)
    metrics: dict[str, Any] = {"n_feedback": len(obs.y)}
    if len(obs.y) >= 50:  # holdout: last 20 % of feedback, new vs active
        cut = int(len(obs.y) * 0.8)
        head = off.Observations(*(a[:cut] for a in vars(obs).values()))
        new = FitModel(prev.p).fit(head)
        metrics["holdout_log_loss_new"] = _log_loss(new, obs, cut)
        metrics["holdout_log_loss_active"] = _log_loss(prev, obs, cut)
    params, items, customers = _fit(obs, prev.p)
    with session_scope(engine) as s:
        last = s.scalars(select(FitModelRecord.version).where(
            FitModelRecord.tenant_id == tenant).order_by(FitModelRecord.version.desc())).first()
        rec = FitModelRecord(tenant_id=tenant, version=(last or 0) + 1, params=params,
                             item_offsets=items, customer_offsets=customers, metrics=metrics)
        s.add(rec)
    if promote:
        return promote_version(engine, tenant, rec.version)
    return _view(rec)


@task(RETRAIN_JOB)
def retrain_job(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Job wrapper of `retrain` (progress: stage)."""
    ctx.progress(stage="loading feedback", fraction=0.1)
    out = retrain(ctx.engine, params["tenant"], promote=bool(params.get("promote", True)))
    ctx.progress(stage="done", fraction=1.0)
    return out


def _log_loss(model: FitModel, obs: off.Observations, start: int) -> float:
    o = np.array([model.offset(str(i), str(c)) for i, c in
                  zip(obs.item[start:], obs.customer[start:], strict=True)])
    ll = off.loglik(model.p, obs.z_min[start:] + o, obs.z_mean[start:] + o, obs.y[start:])
    return float(-np.mean(ll))


def _view(rec: FitModelRecord) -> dict[str, Any]:
    return {"version": rec.version, "model_version": f"fit-v{rec.version}",
            "active": rec.active, "metrics": rec.metrics, "params": rec.params,
            "n_item_offsets": len(rec.item_offsets),
            "n_customer_offsets": len(rec.customer_offsets),
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
