"""Personal data: photos are never written; erasing a customer leaves nothing of them;
deleting a scan cascades in the database itself; retention purges inactive customers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import inspect, text

from tests.auth_helpers import authed_client, customer_client
from tests.conftest import SAMPLE_PEOPLE
from tests.e2e.conftest_fit import BODY, app_with_catalog

pytestmark = pytest.mark.e2e


@pytest.fixture
def fit_app(tmp_path: Path) -> Iterator[Flask]:
    yield from app_with_catalog(tmp_path)


def _all_rows(app: Flask) -> str:
    """Every value of every table, as one text to search."""
    from fitsvc import app_services

    engine = app_services(app).engine
    out = []
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            out += [repr(tuple(row)) for row in conn.execute(text(f'SELECT * FROM "{table}"'))]
    return "\n".join(out)


def _files_under(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def test_photo_bytes_are_neither_on_disk_nor_in_the_database(app: Flask, tmp_path: Path) -> None:
    pid = "s7-001"
    front = (SAMPLE_PEOPLE / pid / "front.png").read_bytes()
    side = (SAMPLE_PEOPLE / pid / "side.png").read_bytes()
    r = authed_client(app).post("/v1/scans", content_type="multipart/form-data", data={
        "height_cm": "170", "front": (io.BytesIO(front), "front.png"),
        "side": (io.BytesIO(side), "side.png")})
    assert r.status_code == 201, r.json
    # 64-byte pieces of the files that look random (no run of a flat background, which
    # any PNG may share), from across each photo
    probes = [chunk for photo in (front, side)
              for k in range(len(photo) // 8, len(photo) - 64, len(photo) // 8)
              if len(set(chunk := photo[k:k + 64])) > 40]
    assert len(probes) >= 8
    root = Path(__file__).resolve().parents[2]
    files = _files_under(tmp_path, root / "var")  # the database (and its WAL) lives in tmp_path
    assert any(p.suffix.startswith(".sqlite3") for p in files)
    for path in files:
        data = path.read_bytes()
        assert not any(p in data for p in probes), f"photo bytes found in {path}"


def test_a_scan_can_keep_no_silhouette(app: Flask) -> None:
    pid = "s7-002"
    c = authed_client(app)
    r = c.post("/v1/scans", content_type="multipart/form-data", data={
        "height_cm": "170", "keep_silhouettes": "false",
        "front": (io.BytesIO((SAMPLE_PEOPLE / pid / "front.png").read_bytes()), "front.png")})
    assert r.status_code == 201, r.json
    assert r.json["overlay_url"] is None and r.json["measurements"]
    assert c.get(f"/v1/scans/{r.json['id']}/overlay.png").json["code"] == "no_overlay"
    from fitsvc import app_services

    with app_services(app).engine.connect() as conn:
        views = conn.execute(text("SELECT overlay_views FROM scans WHERE id = :i"),
                             {"i": r.json["id"]}).scalar()
    assert views == "[]"


def _customer_everywhere(app: Flask, customer: str) -> str:
    shop = authed_client(app, "storefront")
    tailor = authed_client(app, "tailor")
    me = customer_client(app, customer)
    sid = me.post("/v1/estimates", json={"height_cm": 168, "sex": "female"}).json["id"]
    assert me.post("/v1/fit", json={"scan_id": sid, "item_ids": ["dress-wrap-01"]}).status_code == 200
    assert me.get(f"/v1/scans/{sid}").status_code == 200
    r = shop.post("/v1/feedback", json={"customer_id": customer, "item_id": "dress-wrap-01",
                                        "size": "M", "outcome": "small", "scan_id": sid,
                                        "tailor_corrections": {"waist_girth": 90}})
    assert r.status_code == 201
    for _ in range(8):
        shop.post("/v1/feedback", json={"customer_id": customer, "item_id": "dress-wrap-01",
                                        "size": "M", "outcome": "small", "measurements": BODY})
    made = tailor.post("/v1/patterns", json={"block": "skirt", "scan_id": sid})
    assert made.status_code == 201
    assert tailor.get(f"/v1/patterns/{made.json['id']}.svg").status_code == 200  # stored file
    job = authed_client(app).post("/v1/fit/models/retrain").json["job_id"]
    from fitsvc import app_services

    assert app_services(app).jobs.wait(job, 120, "default")["status"] == "succeeded"  # type: ignore[attr-defined]
    return sid


def _stored_files(app: Flask) -> list[Path]:
    from fitsvc import app_services

    root = app_services(app).store.root  # type: ignore[attr-defined]
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_erasing_a_customer_leaves_nothing_of_them(fit_app: Flask) -> None:
    who, other = "cust-erase-7f3a", "cust-keep-91c2"
    _customer_everywhere(fit_app, who)
    files_of_who = _stored_files(fit_app)
    kept = _customer_everywhere(fit_app, other)
    assert len(files_of_who) == 1 and files_of_who[0].name == "pattern.svg"
    assert who in _all_rows(fit_app)  # learned offsets, feedback, scans, activity
    r = customer_client(fit_app, who).delete(f"/v1/customers/{who}")
    assert r.status_code == 200, r.json
    assert r.json["erased"]["scans"] == 1 and r.json["erased"]["feedback"] == 9
    assert r.json["erased"]["patterns"] == 1 and r.json["erased"]["corrections"] == 1
    rows = _all_rows(fit_app)
    assert who not in rows
    assert other in rows and authed_client(fit_app).get(f"/v1/scans/{kept}").status_code == 200
    left = _stored_files(fit_app)  # their pattern file went, the other customer's stayed
    assert files_of_who[0] not in left and len(left) == 1
    log = authed_client(fit_app).get(f"/v1/audit?customer_id={who}").json["entries"]
    assert log[0]["action"] == "erase" and log[0]["customer_ref"]
    assert {"read", "erase"} <= {e["action"] for e in log}


def test_deleting_a_scan_row_cascades_in_the_database(fit_app: Flask) -> None:
    sid = _customer_everywhere(fit_app, "c-cascade")
    from fitsvc import app_services

    with app_services(fit_app).engine.begin() as conn:  # below the service layer
        before = {t: conn.execute(text(f"SELECT count(*) FROM {t} WHERE scan_id = :s"),
                                  {"s": sid}).scalar() for t in
                  ("fit_scan_corrections", "fit_feedback", "patterns")}
        conn.execute(text("DELETE FROM scans WHERE id = :s"), {"s": sid})
        after = {t: conn.execute(text(f"SELECT count(*) FROM {t} WHERE scan_id = :s"),
                                 {"s": sid}).scalar() for t in before}
    assert before == {"fit_scan_corrections": 1, "fit_feedback": 1, "patterns": 1}
    assert after == {"fit_scan_corrections": 0, "fit_feedback": 0, "patterns": 0}


def test_retention_purges_inactive_customers_and_old_anonymous_scans(fit_app: Flask) -> None:
    from fitsvc import app_services
    from fitsvc.db import utcnow
    from fitsvc.retention import PURGE_JOB, purge

    c = authed_client(fit_app)
    _customer_everywhere(fit_app, "c-old")
    anonymous = c.post("/v1/estimates", json={"height_cm": 180}).json["id"]
    assert purge(app_services(fit_app).engine, days=30)["customers"] == 0  # all recent
    later = utcnow() + timedelta(days=31)
    customer_client(fit_app, "c-new")  # a token issued now is activity now
    with app_services(fit_app).engine.begin() as conn:
        conn.execute(text("UPDATE customer_activity SET last_active_at = :t "
                          "WHERE customer_id = 'c-new'"), {"t": later})
    out = purge(app_services(fit_app).engine, days=30, now=later)
    assert out == {"customers": 1, "scans": 2, "audit_entries": 0,
                   "cutoff": (later - timedelta(days=30)).isoformat()}
    rows = _all_rows(fit_app)
    assert "c-old" not in rows and anonymous not in rows and "c-new" in rows
    job = app_services(fit_app).jobs.submit(PURGE_JOB, {"days": 30, "audit_days": 365},
                                            "system")
    done = app_services(fit_app).jobs.wait(job, 30, "system")  # type: ignore[attr-defined]
    assert done["status"] == "succeeded" and done["result"]["customers"] == 0


def test_the_purge_drops_audit_entries_older_than_their_retention(fit_app: Flask) -> None:
    from fitsvc import app_services
    from fitsvc.db import utcnow
    from fitsvc.retention import purge

    _customer_everywhere(fit_app, "c-audited")  # reads and a pattern: audit entries now
    engine = app_services(fit_app).engine
    with engine.connect() as conn:
        logged = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
    assert logged >= 2
    with engine.begin() as conn:  # half of them three years old
        conn.execute(text("UPDATE audit_log SET created_at = :t WHERE id % 2 = 0"),
                     {"t": utcnow() - timedelta(days=3 * 365)})
        old = conn.execute(text("SELECT count(*) FROM audit_log WHERE id % 2 = 0")).scalar()
    assert purge(engine, days=365, audit_days=0)["audit_entries"] == 0  # 0: keep them all
    assert purge(engine, days=365, audit_days=730)["audit_entries"] == old >= 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar() == logged - old
