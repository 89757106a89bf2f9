"""Retention: customers inactive for ``RETENTION_DAYS`` are erased, and so are scans taken
without naming a customer once they are that old; audit entries older than
``AUDIT_RETENTION_DAYS`` go too (they name no customer, only a keyed hash). Runs as the
``retention.purge`` job, scheduled by ``fitsvc serve`` (``RETENTION_CHECK_HOURS``) or by
celery beat, and run by hand with ``fitsvc purge``.

Activity is a scan, a fit query, a feedback row or a customer token issued for the customer.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from fitsvc.auth.records import AuditRecord, CustomerActivityRecord
from fitsvc.db import session_scope, utcnow
from fitsvc.erasure import erase_customer, erase_scan
from fitsvc.jobs import JobContext, task
from fitsvc.measure.records import ScanRecord
from fitsvc.storage import ArtefactStore

PURGE_JOB = "retention.purge"


def touch(engine: Engine, tenant: str, customer_id: str | None) -> None:
    """Note that the customer was active now."""
    if not customer_id:
        return
    with session_scope(engine) as s:
        rec = s.get(CustomerActivityRecord, (customer_id, tenant))
        if rec is None:
            s.add(CustomerActivityRecord(tenant_id=tenant, customer_id=customer_id))
        else:
            rec.last_active_at = utcnow()


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=timezone.utc)


def purge(engine: Engine, days: float, now: datetime | None = None,
          store: ArtefactStore | None = None, audit_days: float = 0) -> dict[str, Any]:
    """Erase what is older than ``days`` (with its artefacts in ``store``) and audit entries
    older than ``audit_days`` (0: keep them); returns how many customers, scans and audit
    entries went (customers are counted, not named)."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    audit_cutoff = (now or utcnow()) - timedelta(days=audit_days)
    with session_scope(engine) as s:
        active = {(r.tenant_id, r.customer_id): _aware(r.last_active_at)
                  for r in s.scalars(select(CustomerActivityRecord))}
        old_scans = [(r.tenant_id, r.id, r.customer_id) for r in s.scalars(
            select(ScanRecord).where(ScanRecord.created_at < cutoff))]
    customers = {k for k, t in active.items() if t < cutoff}
    customers |= {(t, c) for t, _, c in old_scans if c is not None and (t, c) not in active}
    n_scans = 0
    for tenant, customer in sorted(customers):
        n_scans += erase_customer(engine, tenant, customer, store)["scans"]
    for tenant, scan_id, owner in old_scans:
        if owner is None:
            erase_scan(engine, tenant, scan_id, store)
            n_scans += 1
    n_audit = 0
    if audit_days > 0:
        with engine.begin() as conn:
            n_audit = int(conn.execute(delete(AuditRecord).where(
                AuditRecord.created_at < audit_cutoff)).rowcount or 0)
    return {"customers": len(customers), "scans": n_scans, "audit_entries": n_audit,
            "cutoff": cutoff.isoformat()}


@task(PURGE_JOB)
def _purge_task(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    result = purge(ctx.engine, float(params["days"]), store=ctx.store,
                   audit_days=float(params.get("audit_days", 0)))
    ctx.progress(**result)
    return result
