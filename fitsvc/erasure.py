"""Erasing a scan and everything derived from it, in one transaction.

A scan's measurements travel: a tailor's corrections are stored against it, feedback rows
keep a copy of the body they were given with, and a pattern drafted from the scan holds
the measurements it was drafted to. Deleting the scan deletes all of these, for the scan's
tenant only; another tenant's id is a 404 like an unknown one.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from fitsvc.db import session_scope
from fitsvc.errors import NotFound
from fitsvc.fit.records import FitFeedbackRecord, ScanCorrectionRecord
from fitsvc.measure.records import ScanRecord
from fitsvc.patterns.records import PatternRecord


def erase_scan(engine: Engine, tenant: str, scan_id: str) -> dict[str, int]:
    """Delete the scan, its corrections, the feedback rows and patterns made from it;
    returns how many rows of each kind went."""
    with session_scope(engine) as s:
        scan = s.get(ScanRecord, scan_id)
        if scan is None or scan.tenant_id != tenant:
            raise NotFound(f"scan {scan_id} not found")
        gone = {}
        for name, model in (("corrections", ScanCorrectionRecord),
                            ("feedback", FitFeedbackRecord)):
            res = s.execute(delete(model).where(model.tenant_id == tenant,
                                                model.scan_id == scan_id))
            gone[name] = int(res.rowcount or 0)  # type: ignore[attr-defined]
        patterns = [p for p in s.scalars(select(PatternRecord).where(
            PatternRecord.tenant_id == tenant)) if (p.request or {}).get("scan_id") == scan_id]
        for p in patterns:
            s.delete(p)
        gone["patterns"] = len(patterns)
        s.delete(scan)
        gone["scans"] = 1
        return gone
