"""Catalog storage (tenant-scoped): create/replace, read, list, delete and bulk import."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.engine import Engine

from fitsvc.db import session_scope
from fitsvc.errors import NotFound, ServiceError
from fitsvc.fit.catalog import item_to_dict, parse_import, validate_many
from fitsvc.fit.model import Item
from fitsvc.fit.records import FitItemRecord

MAX_IMPORT = 20_000


def _to_item(rec: Any) -> Item:
    """A stored (already validated) row → Item, without re-validating."""
    sizes = [str(s["size"]) for s in rec.sizes]
    chart = {str(s["size"]): {k: float(v) for k, v in s.items() if k != "size"}
             for s in rec.sizes}
    return Item(id=rec.item_id, category=rec.category, fit_intent=rec.fit_intent,
                stretch=rec.stretch, chart_kind=rec.chart_kind, sizes=sizes, chart=chart)


def _upsert(engine: Engine, tenant: str, items: list[Item]) -> tuple[int, int]:
    created = updated = 0
    with session_scope(engine) as s:
        existing = {r.item_id: r for r in s.scalars(select(FitItemRecord).where(
            FitItemRecord.tenant_id == tenant,
            FitItemRecord.item_id.in_([i.id for i in items])))}
        for item in items:
            d = item_to_dict(item)
            rec = existing.get(item.id)
            if rec is None:
                rec = FitItemRecord(tenant_id=tenant, item_id=item.id)
                s.add(rec)
                existing[item.id] = rec
                created += 1
            else:
                updated += 1
            rec.category, rec.fit_intent, rec.stretch = item.category, item.fit_intent, \
                item.stretch
            rec.chart_kind, rec.sizes = item.chart_kind, d["sizes"]
    return created, updated


def put_item(engine: Engine, tenant: str, raw: dict[str, Any],
             item_id: str | None = None) -> dict[str, Any]:
    """Create or replace one item (validated)."""
    if item_id is not None:
        raw = {**raw, "id": item_id}
    (item,) = validate_many([(None, raw)])
    _upsert(engine, tenant, [item])
    return item_to_dict(item)


def get_item(engine: Engine, tenant: str, item_id: str) -> dict[str, Any]:
    items = load_items(engine, tenant, [item_id])
    if item_id not in items:
        raise NotFound(f"item {item_id} not found", code="unknown_item")
    return item_to_dict(items[item_id])


def list_items(engine: Engine, tenant: str, limit: int = 100, offset: int = 0
               ) -> list[dict[str, Any]]:
    with session_scope(engine) as s:
        recs = s.scalars(select(FitItemRecord).where(FitItemRecord.tenant_id == tenant)
                         .order_by(FitItemRecord.item_id).limit(limit).offset(offset)).all()
        return [item_to_dict(_to_item(r)) for r in recs]


def delete_item(engine: Engine, tenant: str, item_id: str) -> None:
    with session_scope(engine) as s:
        rec = s.scalars(select(FitItemRecord).where(FitItemRecord.tenant_id == tenant,
                                                    FitItemRecord.item_id == item_id)).first()
        if rec is None:
            raise NotFound(f"item {item_id} not found", code="unknown_item")
        s.delete(rec)


def load_items(engine: Engine, tenant: str, ids: list[str]) -> dict[str, Item]:
    """Items by id (unknown ids are simply absent)."""
    if not ids:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(_ITEMS_QUERY, {"tenant": tenant, "ids": list(ids)})
        return {r.item_id: _to_item(r) for r in rows}


_t = FitItemRecord
# built once: SQLAlchemy caches its compiled form (hot path of POST /v1/fit)
_ITEMS_QUERY = select(_t.item_id, _t.category, _t.fit_intent, _t.stretch, _t.chart_kind,
                      _t.sizes).where(_t.tenant_id == bindparam("tenant"),
                                      _t.item_id.in_(bindparam("ids", expanding=True)))


def bulk_import(engine: Engine, tenant: str, data: bytes | str, fmt: str) -> dict[str, Any]:
    """Import a CSV or JSON catalog: all rows validated first, then all stored, or none."""
    raws = parse_import(data, fmt)
    if len(raws) > MAX_IMPORT:
        raise ServiceError(f"at most {MAX_IMPORT} items per import", code="too_many_items",
                           status=413, hint=f"Split the catalog into files of {MAX_IMPORT} items.")
    items = validate_many(raws)
    created, updated = _upsert(engine, tenant, items)
    return {"imported": len(items), "created": created, "updated": updated}
