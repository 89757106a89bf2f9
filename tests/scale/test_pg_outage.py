"""PostgreSQL stopped under a running app: requests answer 503 `database_unavailable` with a
hint and Retry-After; once the server is back the same app serves again, without restart."""

from __future__ import annotations

import pytest

from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import SAMPLE_CATALOG
from tests.scale.pg import PgServer

pytestmark = pytest.mark.scale


def test_requests_answer_503_while_the_database_is_down_and_recover(
        pg_server: PgServer, pg_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fitsvc import app_services, create_app

    app = create_app({"TESTING": True, "DATABASE_URL": pg_url, "DETECTOR": "unused",
                      "SECRET_KEY": "test-secret", "SECRET_KEY_FILE": str(tmp_path / "key")})
    admin = authed_client(app)
    admin.post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
               content_type="application/json")
    assert admin.get("/v1/items").status_code == 200
    pg_server.stop()
    try:
        for _ in range(2):  # the pooled connection is dead, then connecting is refused
            r = admin.get("/v1/items")
            assert r.status_code == 503, r.json
            assert r.mimetype == "application/problem+json"
            assert r.json["code"] == "database_unavailable" and "Retry" in r.json["hint"]
            assert r.headers["Retry-After"] == "5"
        ready = app.test_client().get("/readyz")
        assert ready.status_code == 503 and ready.json["checks"]["database"] is False
    finally:
        pg_server.start()
    r = admin.get("/v1/items")
    assert r.status_code == 200 and r.json
    assert app.test_client().get("/readyz").json["checks"]["database"] is True
    app_services(app).jobs.shutdown()  # type: ignore[attr-defined]
    app_services(app).engine.dispose()
