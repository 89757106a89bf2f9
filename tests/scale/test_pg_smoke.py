"""End to end on PostgreSQL: the app migrates an empty database at start, then a key, the
sample catalog, a fit, feedback with a scan, and a customer's erasure (ON DELETE CASCADE)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tests.auth_helpers import authed_client, customer_client
from tests.e2e.conftest_fit import BODY, SAMPLE_CATALOG

pytestmark = pytest.mark.scale


@pytest.fixture()
def pg_app(pg_url: str, tmp_path) -> Iterator[Flask]:  # type: ignore[no-untyped-def]
    from fitsvc import app_services, create_app

    app = create_app({"TESTING": True, "DATABASE_URL": pg_url, "DETECTOR": "unused",
                      "SECRET_KEY": "test-secret", "SECRET_KEY_FILE": str(tmp_path / "key")})
    yield app
    app_services(app).jobs.shutdown()  # type: ignore[attr-defined]
    app_services(app).engine.dispose()


def test_fit_and_erasure_on_postgresql(pg_app: Flask) -> None:
    from fitsvc import app_services
    from fitsvc.migrate import current, head

    assert app_services(pg_app).engine.dialect.name == "postgresql"
    assert current(app_services(pg_app).engine) == head()
    admin = authed_client(pg_app)
    r = admin.post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
                   content_type="application/json")
    assert r.status_code in (200, 201), r.json
    r = admin.post("/v1/fit", json={"measurements": BODY, "item_ids": ["dress-wrap-01"]})
    assert r.status_code == 200 and r.json["items"][0]["recommended_size"] == "M"
    who = "cust-pg-1"
    me = customer_client(pg_app, who)
    sid = me.post("/v1/estimates", json={"height_cm": 168, "sex": "female"}).json["id"]
    assert me.post("/v1/fit", json={"scan_id": sid, "item_ids": ["dress-wrap-01"]}).status_code == 200
    r = authed_client(pg_app, "storefront").post("/v1/feedback", json={
        "customer_id": who, "item_id": "dress-wrap-01", "size": "M", "outcome": "small",
        "scan_id": sid, "tailor_corrections": {"waist_girth": 90}})
    assert r.status_code == 201, r.json
    from fitsvc.fit.service import resolve_body  # JSON columns as psycopg hands them over

    body = resolve_body(app_services(pg_app).engine, "default", sid, None)
    assert body["waist_girth"] == 90.0 and 150 < body["stature"] < 190
    r = me.delete(f"/v1/customers/{who}")
    assert r.status_code == 200, r.json
    assert r.json["erased"]["scans"] == 1 and r.json["erased"]["corrections"] == 1
    assert admin.get(f"/v1/scans/{sid}").status_code == 404
