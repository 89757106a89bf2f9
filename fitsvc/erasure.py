"""Erasing personal data: one scan and what was derived from it, or a whole customer.

A scan's measurements travel: a tailor's corrections are stored against it, feedback rows
keep a copy of the body they were given with, and a pattern drafted from the scan holds
the measurements it was drafted to. A customer's data also sits in the fit models (their
learned offset) and in the activity table that drives retention. Each erasure runs in one
transaction, for one tenant only; another tenant's id is a 404 like an unknown one. Stored
artefacts (overlay pictures, avatars, pattern files of the erased patterns) are deleted
from the artefact store right after the transaction commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from fitsvc.auth.records import CustomerActivityRecord
from fitsvc.db import session_scope
from fitsvc.errors import NotFound
from fitsvc.fit.records import FitFeedbackRecord, FitModelRecord, ScanCorrectionRecord
from fitsvc.measure.records import ScanRecord
from fitsvc.patterns.records import PatternRecord
from fitsvc.storage import ArtefactStore, artefact_prefix


def erase_scan(engine: Engine, tenant: str, scan_id: str,
               store: ArtefactStore | None = None) -> dict[str, int]:
    """Delete the scan, its corrections, the feedback rows and patterns made from it (and
    their artefacts in ``store``); returns how many rows of each kind went."""
    prefixes: list[str] = []
    with session_scope(engine) as s:
        scan = s.get(ScanRecord, scan_id)
        if scan is None or scan.tenant_id != tenant:
            raise NotFound(f"scan {scan_id} not found")
        gone = _erase_scans(s, tenant, [scan], prefixes)
    _delete_artefacts(store, prefixes)
    return gone


def erase_customer(engine: Engine, tenant: str, customer_id: str,
                   store: ArtefactStore | None = None) -> dict[str, int]:
    """Delete every scan of the customer (with what derives from it, artefacts in ``store``
    included), their feedback rows, their learned offsets in every fit model version and
    their activity record."""
    prefixes: list[str] = []
    with session_scope(engine) as s:
        scans = list(s.scalars(select(ScanRecord).where(
            ScanRecord.tenant_id == tenant, ScanRecord.customer_id == customer_id)))
        gone = _erase_scans(s, tenant, scans, prefixes)
        res = s.execute(delete(FitFeedbackRecord).where(
            FitFeedbackRecord.tenant_id == tenant, FitFeedbackRecord.customer_id == customer_id))
        gone["feedback"] += int(res.rowcount or 0)  # type: ignore[attr-defined]
        gone["model_offsets"] = _forget_in_models(s, tenant, customer_id)
        res = s.execute(delete(CustomerActivityRecord).where(
            CustomerActivityRecord.tenant_id == tenant,
            CustomerActivityRecord.customer_id == customer_id))
        gone["activity"] = int(res.rowcount or 0)  # type: ignore[attr-defined]
    _delete_artefacts(store, prefixes)
    return gone


def _delete_artefacts(store: ArtefactStore | None, prefixes: list[str]) -> None:
    if store is not None:
        for prefix in prefixes:
            store.delete_prefix(prefix)


def _erase_scans(s: Session, tenant: str, scans: list[ScanRecord],
                 prefixes: list[str]) -> dict[str, int]:
    """Delete the scans and what derives from them; ``prefixes`` gets their artefact keys."""
    ids = [scan.id for scan in scans]
    gone = {"scans": len(ids), "corrections": 0, "feedback": 0, "patterns": 0}
    if not ids:
        return gone
    prefixes.extend(artefact_prefix(tenant, "scans", i) for i in ids)
    prefixes.extend(artefact_prefix(tenant, "patterns", p) for p in s.scalars(
        select(PatternRecord.id).where(PatternRecord.tenant_id == tenant,
                                       PatternRecord.scan_id.in_(ids))))
    for name, model in (("corrections", ScanCorrectionRecord), ("feedback", FitFeedbackRecord)):
        res = s.execute(delete(model).where(model.tenant_id == tenant, model.scan_id.in_(ids)))
        gone[name] = int(res.rowcount or 0)  # type: ignore[attr-defined]
    res = s.execute(delete(PatternRecord).where(PatternRecord.tenant_id == tenant,
                                                PatternRecord.scan_id.in_(ids)))
    gone["patterns"] = int(res.rowcount or 0)  # type: ignore[attr-defined]
    # patterns stored before the scan_id column existed name their scan in the request only
    for p in s.scalars(select(PatternRecord).where(PatternRecord.tenant_id == tenant,
                                                   PatternRecord.scan_id.is_(None))):
        if (p.request or {}).get("scan_id") in ids:
            prefixes.append(artefact_prefix(tenant, "patterns", p.id))
            s.delete(p)
            gone["patterns"] += 1
    for scan in scans:
        s.delete(scan)
    return gone


def _forget_in_models(s: Session, tenant: str, customer_id: str) -> int:
    """Drop the customer's learned offsets from every stored fit model version."""
    n = 0
    for rec in s.scalars(select(FitModelRecord).where(FitModelRecord.tenant_id == tenant)):
        offsets: dict[str, Any] = dict(rec.customer_offsets or {})
        regions: dict[str, Any] = dict(rec.region_offsets or {})
        per_customer = dict(regions.get("customer") or {})
        if customer_id in offsets or customer_id in per_customer:
            offsets.pop(customer_id, None)
            per_customer.pop(customer_id, None)
            rec.customer_offsets = offsets
            rec.revision = (rec.revision or 0) + 1  # cached copies of this version are stale
            if "customer" in regions:
                rec.region_offsets = {**regions, "customer": per_customer}
            n += 1
    return n
