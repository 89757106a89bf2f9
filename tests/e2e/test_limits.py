"""Limits: requests per credential, scans per credential, unfinished jobs per tenant, paging."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.auth_helpers import authed_client, customer_client

pytestmark = pytest.mark.e2e


def _app(tmp_path: Path, **config):
    from fitsvc import create_app

    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'l.sqlite3'}",
                       "DETECTOR": "unused", **config})


def test_each_credential_has_its_own_request_budget(tmp_path: Path) -> None:
    app = _app(tmp_path, RATE_LIMIT="5 per minute", RATE_LIMIT_SCANS="")
    one, two = authed_client(app, "storefront"), authed_client(app, "storefront")
    answers = [one.get("/v1/items").status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    r = one.get("/v1/items")
    assert r.json["code"] == "rate_limited" and int(r.headers["Retry-After"]) > 0
    assert two.get("/v1/items").status_code == 200  # another key, another budget
    assert one.get("/healthz").status_code == 200  # probes are exempt


def test_scans_have_a_tighter_budget_per_customer(tmp_path: Path) -> None:
    app = _app(tmp_path, RATE_LIMIT="100 per minute", RATE_LIMIT_SCANS="2 per minute")
    alice, bob = customer_client(app, "alice"), customer_client(app, "bob")
    codes = [alice.post("/v1/estimates", json={"height_cm": 170}).status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert bob.post("/v1/estimates", json={"height_cm": 170}).status_code == 201
    assert alice.get("/v1/items/x/size-advice").status_code == 404  # reads still pass


def test_a_tenant_cannot_queue_more_than_its_job_cap(tmp_path: Path) -> None:
    app = _app(tmp_path, MAX_JOBS_QUEUED=1, JOB_WORKERS=1)
    tailor = authed_client(app, "tailor")
    order = {"block": "skirt", "ratio": "S:1", "width_cm": 150, "seconds": 5,
             "size_chart": "womens_eu"}
    first = tailor.post("/v1/markers", json=order)
    assert first.status_code == 202
    second = tailor.post("/v1/markers", json=order)
    assert second.status_code == 429 and second.json["code"] == "too_many_jobs"
    other_shop = authed_client(app, "tailor", "another-shop")
    assert other_shop.post("/v1/markers", json=order).status_code == 202  # its own cap
    assert tailor.delete(f"/v1/markers/{first.json['id']}").status_code == 200
    from fitsvc import app_services

    app_services(app).jobs.wait(first.json["id"], 30, "default")  # type: ignore[attr-defined]
    assert tailor.post("/v1/markers", json=order).status_code == 202
    app_services(app).close()


@pytest.mark.parametrize("url", ["/v1/items", "/v1/keys", "/v1/audit", "/v1/fit/models"])
@pytest.mark.parametrize("query", ["limit=-1", "limit=0", "limit=1001", "offset=-1",
                                   "limit=abc", "offset=1.5"])
def test_every_list_endpoint_validates_its_paging(tmp_path: Path, url: str, query: str) -> None:
    app = _app(tmp_path)
    r = authed_client(app).get(f"{url}?{query}")
    assert r.status_code == 400 and r.json["code"] == "invalid_paging", r.json
