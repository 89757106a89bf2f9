"""Deleting a scan deletes what was derived from it, and nothing of anyone else's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import app_with_catalog

pytestmark = pytest.mark.e2e


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    yield from app_with_catalog(tmp_path)


def _scan_with_everything(c: FlaskClient, customer: str) -> tuple[str, str]:
    sid = c.post("/v1/estimates", json={"height_cm": 168, "weight_kg": 62,
                                        "sex": "female"}).json["id"]
    waist = c.get(f"/v1/scans/{sid}").json["measurements"]["waist_girth"]["value_cm"]
    r = c.post("/v1/feedback", json={"customer_id": customer, "item_id": "dress-wrap-01",
                                     "size": "M", "outcome": "small", "scan_id": sid,
                                     "tailor_corrections": {"waist_girth": waist + 4}})
    assert r.status_code == 201 and r.json["corrections_stored"]
    p = c.post("/v1/patterns", json={"block": "skirt", "scan_id": sid})
    assert p.status_code == 201, p.json
    return sid, p.json["id"]


def _rows(app, scan_id: str) -> dict[str, int]:
    from fitsvc import app_services
    from fitsvc.db import session_scope
    from fitsvc.fit.records import FitFeedbackRecord, ScanCorrectionRecord
    from fitsvc.measure.records import ScanRecord
    from fitsvc.patterns.records import PatternRecord

    with session_scope(app_services(app).engine) as s:
        return {
            "scan": len(s.scalars(select(ScanRecord).where(ScanRecord.id == scan_id)).all()),
            "corrections": len(s.scalars(select(ScanCorrectionRecord).where(
                ScanCorrectionRecord.scan_id == scan_id)).all()),
            "feedback": len(s.scalars(select(FitFeedbackRecord).where(
                FitFeedbackRecord.scan_id == scan_id)).all()),
            "patterns": sum((p.request or {}).get("scan_id") == scan_id
                            for p in s.scalars(select(PatternRecord))),
        }


def test_deleting_a_scan_deletes_its_corrections_feedback_and_patterns(app) -> None:
    c = authed_client(app)
    gone, gone_pattern = _scan_with_everything(c, "c1")
    kept, kept_pattern = _scan_with_everything(c, "c2")
    assert _rows(app, gone) == {"scan": 1, "corrections": 1, "feedback": 1, "patterns": 1}
    assert c.delete(f"/v1/scans/{gone}").status_code == 204
    assert _rows(app, gone) == {"scan": 0, "corrections": 0, "feedback": 0, "patterns": 0}
    assert c.get(f"/v1/scans/{gone}").status_code == 404
    assert c.get(f"/v1/patterns/{gone_pattern}").status_code == 404
    assert _rows(app, kept) == {"scan": 1, "corrections": 1, "feedback": 1, "patterns": 1}
    assert c.get(f"/v1/patterns/{kept_pattern}").status_code == 200
    assert c.delete(f"/v1/scans/{gone}").status_code == 404  # gone means gone
