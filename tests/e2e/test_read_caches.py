# mypy: disable-error-code="index"
"""Per-process read caches (fitsvc/fit/reads.py, fitsvc/auth/key_reads.py) with two serving
processes on one database (two apps on one SQLite file): what each one promises.

* an erasure is seen at once by every process, cached model or not;
* a key revoked through one process stops at once there and within READ_CACHE_S in others;
* a catalog change is seen at once by the process that made it, within READ_CACHE_S by others.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from fitsvc import app_services, create_app
from fitsvc.fit import registry
from tests.auth_helpers import authed_client, client_with, make_key
from tests.e2e.conftest_fit import BODY, SAMPLE_CATALOG

pytestmark = pytest.mark.e2e
TTL_S = 0.6
DRESS = "dress-wrap-01"


def _app(db: Path, ttl_s: float) -> Flask:
    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{db}",
                       "SECRET_KEY_FILE": str(db.with_name("secret_key")),
                       "DETECTOR": "unused", "READ_CACHE_S": ttl_s})


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Flask, Flask]]:
    """Process A (caching, TTL_S) and process B on the same database, sample catalog in."""
    db = tmp_path / "shared.sqlite3"
    a, b = _app(db, TTL_S), _app(db, TTL_S)
    r = authed_client(b, "storefront").post(
        "/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
        content_type="application/json")
    assert r.status_code == 201, r.get_json()
    yield a, b
    for app in (a, b):
        app_services(app).close()


def _fit(app: Flask, key: str, customer: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"measurements": BODY, "item_ids": [DRESS]}
    if customer:
        body["customer_id"] = customer
    r = client_with(app, key).post("/v1/fit", json=body)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"][0]


def test_an_erasure_through_one_process_is_seen_at_once_by_another(
        pair: tuple[Flask, Flask]) -> None:
    a, b = pair
    shop_b = authed_client(b, "storefront")
    for _ in range(10):  # this customer finds the dress small, nobody else said anything
        assert shop_b.post("/v1/feedback", json={
            "customer_id": "cust-erase", "item_id": DRESS, "size": "M", "outcome": "small",
            "measurements": BODY}).status_code == 201
    registry.retrain(app_services(b).engine, "default")
    key_a = make_key(a, "storefront")
    learned, stranger = _fit(a, key_a, "cust-erase"), _fit(a, key_a, "cust-never-seen")
    assert learned["sizes"] != stranger["sizes"]  # A now holds the model with their offset
    assert shop_b.delete("/v1/customers/cust-erase").status_code == 200
    assert _fit(a, key_a, "cust-erase")["sizes"] == stranger["sizes"]  # no sleep: at once


def test_a_key_revoked_elsewhere_stops_within_the_cache_time(pair: tuple[Flask, Flask]) -> None:
    a, b = pair
    key = make_key(b, "storefront")
    key_id = key.split("_")[1]
    assert client_with(a, key).get(f"/v1/items/{DRESS}").status_code == 200  # A caches it
    assert authed_client(b, "admin").delete(f"/v1/keys/{key_id}").status_code == 200
    assert client_with(b, key).get(f"/v1/items/{DRESS}").status_code == 401  # B: at once
    time.sleep(TTL_S + 0.1)
    assert client_with(a, key).get(f"/v1/items/{DRESS}").status_code == 401


def test_a_key_revoked_through_the_same_process_stops_at_once(pair: tuple[Flask, Flask]) -> None:
    a, _ = pair
    key = make_key(a, "storefront")
    assert client_with(a, key).get(f"/v1/items/{DRESS}").status_code == 200
    assert authed_client(a, "admin").delete(f"/v1/keys/{key.split('_')[1]}").status_code == 200
    assert client_with(a, key).get(f"/v1/items/{DRESS}").status_code == 401


def test_without_the_cache_another_process_sees_a_revocation_at_once(tmp_path: Path) -> None:
    a, b = _app(tmp_path / "db.sqlite3", 0), _app(tmp_path / "db.sqlite3", 0)
    key = make_key(b, "storefront")
    assert client_with(a, key).get("/v1/items").status_code == 200
    assert authed_client(b, "admin").delete(f"/v1/keys/{key.split('_')[1]}").status_code == 200
    assert client_with(a, key).get("/v1/items").status_code == 401


def test_catalog_changes_reach_fit_queries(pair: tuple[Flask, Flask]) -> None:
    a, b = pair
    key_a = make_key(a, "storefront")
    before = _fit(a, key_a)
    item = authed_client(a, "storefront").get(f"/v1/items/{DRESS}").get_json()

    def grown(by_cm: float) -> dict[str, Any]:
        sizes = [{k: (v + by_cm if isinstance(v, float) else v) for k, v in s.items()}
                 for s in item["sizes"]]
        return {**item, "sizes": sizes}

    # through A itself: A's next fit query uses the new chart
    assert authed_client(a, "storefront").put(f"/v1/items/{DRESS}",
                                              json=grown(8.0)).status_code == 200
    looser = _fit(a, key_a)
    assert looser["recommended_size"] != before["recommended_size"]
    # through B: A may answer from its cache for up to READ_CACHE_S, then sees it
    assert authed_client(b, "storefront").put(f"/v1/items/{DRESS}",
                                              json=grown(0.0)).status_code == 200
    time.sleep(TTL_S + 0.1)
    assert _fit(a, key_a)["recommended_size"] == before["recommended_size"]


def test_a_promotion_elsewhere_reaches_queries_without_a_customer_within_the_cache_time(
        pair: tuple[Flask, Flask]) -> None:
    a, b = pair
    shop_b = authed_client(b, "storefront")
    for k in range(12):  # the dress runs small for everyone
        assert shop_b.post("/v1/feedback", json={
            "customer_id": f"c{k}", "item_id": DRESS, "size": "M", "outcome": "small",
            "measurements": BODY}).status_code == 201
    key_a = make_key(a, "storefront")
    assert _fit(a, key_a)["model_version"] == "fit-v0"  # A now holds v0 for anonymous queries
    registry.retrain(app_services(b).engine, "default")  # v1, active
    assert _fit(a, key_a, "someone")["model_version"] == "fit-v1"  # a customer: looked up
    time.sleep(TTL_S + 0.1)
    assert _fit(a, key_a)["model_version"] == "fit-v1"
    registry.retrain(app_services(b).engine, "default")  # v2
    time.sleep(TTL_S + 0.1)
    assert _fit(a, key_a)["model_version"] == "fit-v2"  # A holds v2 now
    back = authed_client(a, "admin").post("/v1/fit/models/rollback")  # through A: at once
    assert back.status_code == 200, back.get_json()
    assert _fit(a, key_a)["model_version"] == "fit-v1"


def test_an_erased_customers_offsets_leave_the_cached_models(pair: tuple[Flask, Flask]) -> None:
    a, b = pair
    shop_b = authed_client(b, "storefront")
    for _ in range(10):
        assert shop_b.post("/v1/feedback", json={
            "customer_id": "cust-gone", "item_id": DRESS, "size": "M", "outcome": "small",
            "measurements": BODY}).status_code == 201
    registry.retrain(app_services(b).engine, "default")
    key_a = make_key(a, "storefront")
    _fit(a, key_a, "cust-gone")
    models = app_services(a).fit_reads._models
    assert any("cust-gone" in m.customer_offsets_ for m in models.values())
    assert shop_b.delete("/v1/customers/cust-gone").status_code == 200
    _fit(a, key_a, "someone-else")  # A looks the revision up and builds the new model
    assert not any("cust-gone" in getattr(m, "customer_offsets_", {}) for m in models.values())
