"""Who may call what: 401 without a valid credential, 403 for a role an endpoint does not
allow, 404 for another tenant's resources, customer tokens confined to their customer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.auth_helpers import authed_client, client_with, customer_client, make_key
from tests.e2e.conftest_fit import BODY, app_with_catalog

pytestmark = pytest.mark.e2e

# (method, rule, roles besides admin that may call it). A test checks that this table
# names every route of the app, so a new endpoint cannot slip past it.
MATRIX = [
    ("POST", "/v1/scans", {"customer", "storefront", "tailor"}),
    ("POST", "/v1/scans/check", {"customer", "storefront", "tailor"}),
    ("GET", "/v1/customers/<customer_id>/scans", {"customer", "storefront", "tailor"}),
    ("GET", "/v1/scans/<scan_id>", {"customer", "storefront", "tailor"}),
    ("DELETE", "/v1/scans/<scan_id>", {"customer", "storefront", "tailor"}),
    ("GET", "/v1/scans/<scan_id>/overlay.png", {"customer", "storefront", "tailor"}),
    ("GET", "/v1/scans/<scan_id>/avatar.glb", {"customer", "storefront", "tailor"}),
    ("GET", "/v1/scans/<scan_id>/avatar.obj", {"customer", "storefront", "tailor"}),
    ("POST", "/v1/estimates", {"customer", "storefront", "tailor"}),
    ("POST", "/v1/items", {"storefront"}),
    ("GET", "/v1/items", {"storefront"}),
    ("POST", "/v1/items/import", {"storefront"}),
    ("GET", "/v1/items/<item_id>", {"storefront"}),
    ("PUT", "/v1/items/<item_id>", {"storefront"}),
    ("DELETE", "/v1/items/<item_id>", {"storefront"}),
    ("GET", "/v1/items/<item_id>/size-advice", {"storefront", "customer"}),
    ("POST", "/v1/fit", {"storefront", "customer"}),
    ("POST", "/v1/feedback", {"storefront", "customer"}),
    ("GET", "/v1/fit/models", set()),
    ("POST", "/v1/fit/models/retrain", set()),
    ("GET", "/v1/fit/jobs/<job_id>", set()),
    ("POST", "/v1/fit/models/<int:version>/promote", set()),
    ("POST", "/v1/fit/models/rollback", set()),
    ("POST", "/v1/patterns", {"tailor"}),
    ("GET", "/v1/patterns/<pattern_id>", {"tailor"}),
    ("GET", "/v1/patterns/<pattern_id>.<fmt>", {"tailor"}),
    ("GET", "/v1/patterns/options/<block>", {"tailor"}),
    ("POST", "/v1/markers", {"tailor"}),
    ("GET", "/v1/markers/<job_id>", {"tailor"}),
    ("GET", "/v1/markers/<job_id>.<fmt>", {"tailor"}),
    ("DELETE", "/v1/markers/<job_id>", {"tailor"}),
    ("POST", "/v1/keys", set()),
    ("GET", "/v1/keys", set()),
    ("DELETE", "/v1/keys/<key_id>", set()),
    ("POST", "/v1/customer-tokens", {"storefront"}),
    ("DELETE", "/v1/customers/<customer_id>", {"storefront", "customer"}),
    ("GET", "/v1/audit", set()),
]
PUBLIC = {("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/openapi.json"),
          ("GET", "/static/<path:filename>"), ("GET", "/"), ("GET", "/scan"),
          ("GET", "/demo/shop"), ("GET", "/tailor"), ("GET", "/login"), ("POST", "/login"),
          ("POST", "/logout"), ("GET", "/docs")}
ROLES = ("storefront", "tailor", "customer")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    yield from app_with_catalog(tmp_path)


def _url(rule: str) -> str:
    return (rule.replace("<int:version>", "1").replace("<path:filename>", "x")
            .replace("<fmt>", "svg").replace("<scan_id>", "s-1").replace("<item_id>", "i-1")
            .replace("<job_id>", "j-1").replace("<pattern_id>", "p-1")
            .replace("<key_id>", "k-1").replace("<customer_id>", "c-1"))


def _client(app: Flask, role: str):
    return customer_client(app, "c-1") if role == "customer" else authed_client(app, role)


def test_the_matrix_names_every_route(app: Flask) -> None:
    routes = {(m, r.rule) for r in app.url_map.iter_rules()
              for m in r.methods - {"HEAD", "OPTIONS"}}
    assert routes == {(m, r) for m, r, _ in MATRIX} | PUBLIC


@pytest.mark.parametrize(("method", "rule"), [(m, r) for m, r, _ in MATRIX])
def test_no_or_a_bad_credential_is_401(app: Flask, method: str, rule: str) -> None:
    anonymous = app.test_client()
    for client in (anonymous, client_with(app, "fsk_0123456789abcdef_" + "x" * 43),
                   client_with(app, "not-a-key"), client_with(app, "fct_forged.token")):
        r = client.open(_url(rule), method=method)
        assert r.status_code == 401, (method, rule, r.json)
        assert r.json["code"] == "unauthorized" and r.json["hint"]
        assert r.mimetype == "application/problem+json"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_only_its_endpoints(app: Flask, role: str) -> None:
    client = _client(app, role)
    for method, rule, allowed in MATRIX:
        r = client.open(_url(rule), method=method, json={})
        if role in allowed:
            assert r.status_code not in (401, 403), (role, method, rule, r.json)
        else:
            assert r.status_code == 403, (role, method, rule, r.status_code)
            assert r.json["code"] == "forbidden"


def test_public_probes_need_no_credential(app: Flask) -> None:
    c = app.test_client()
    assert c.get("/healthz").status_code == 200
    assert c.get("/readyz").status_code in (200, 503)
    assert c.get("/openapi.json").json["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def _resources(app: Flask) -> dict[str, str]:
    """One of each kind of resource in tenant 'default'."""
    c = authed_client(app)
    scan = c.post("/v1/estimates", json={"height_cm": 170, "customer_id": "c-9"}).json["id"]
    pattern = c.post("/v1/patterns", json={"block": "skirt", "scan_id": scan}).json["id"]
    marker = c.post("/v1/markers", json={"block": "skirt", "ratio": "S:1", "width_cm": 150,
                                         "seconds": 1, "size_chart": "womens_eu"}).json["id"]
    for k in range(3):
        c.post("/v1/feedback", json={"customer_id": f"c{k}", "item_id": "dress-wrap-01",
                                     "size": "M", "outcome": "small", "measurements": BODY})
    job = c.post("/v1/fit/models/retrain").json["job_id"]
    key = c.post("/v1/keys", json={"role": "tailor"}).json["id"]
    return {"scan": scan, "pattern": pattern, "marker": marker, "job": job, "key": key,
            "item": "dress-wrap-01"}


def test_another_tenants_resources_are_404(app: Flask) -> None:
    res = _resources(app)
    other = authed_client(app, "admin", "another-shop")
    calls = [("GET", f"/v1/scans/{res['scan']}"), ("DELETE", f"/v1/scans/{res['scan']}"),
             ("GET", f"/v1/scans/{res['scan']}/overlay.png"),
             ("GET", f"/v1/scans/{res['scan']}/avatar.obj"),
             ("GET", f"/v1/items/{res['item']}"), ("DELETE", f"/v1/items/{res['item']}"),
             ("GET", f"/v1/items/{res['item']}/size-advice"),
             ("GET", f"/v1/patterns/{res['pattern']}"), ("GET", f"/v1/patterns/{res['pattern']}.svg"),
             ("GET", f"/v1/markers/{res['marker']}"), ("GET", f"/v1/markers/{res['marker']}.svg"),
             ("DELETE", f"/v1/markers/{res['marker']}"),
             ("GET", f"/v1/fit/jobs/{res['job']}"), ("POST", "/v1/fit/models/1/promote"),
             ("DELETE", f"/v1/keys/{res['key']}")]
    for method, url in calls:
        r = other.open(url, method=method)
        assert r.status_code == 404, (method, url, r.status_code)
    put = other.put(f"/v1/items/{res['item']}", json={"category": "dress", "sizes": []})
    assert put.status_code in (404, 422) and put.status_code != 200
    assert other.post("/v1/fit", json={"scan_id": res["scan"], "item_ids": ["dress-wrap-01"]}
                      ).status_code == 404
    assert other.post("/v1/patterns", json={"block": "skirt", "scan_id": res["scan"]}
                      ).status_code == 404
    assert other.get("/v1/items").json["items"] == []
    assert other.get("/v1/fit/models").json["versions"] == []
    assert [k["tenant"] for k in other.get("/v1/keys").json["keys"]] == ["another-shop"]
    # and everything is still there for its own tenant
    mine = authed_client(app)
    assert mine.get(f"/v1/scans/{res['scan']}").status_code == 200
    assert mine.get(f"/v1/items/{res['item']}").status_code == 200
    assert mine.get(f"/v1/patterns/{res['pattern']}").status_code == 200


def test_a_customer_token_sees_only_its_customer(app: Flask) -> None:
    alice, bob = customer_client(app, "alice"), customer_client(app, "bob")
    own = alice.post("/v1/estimates", json={"height_cm": 165, "customer_id": "bob"})
    assert own.status_code == 201 and own.json["customer_id"] == "alice"  # not the body's
    sid = own.json["id"]
    assert alice.get(f"/v1/scans/{sid}").status_code == 200
    assert bob.get(f"/v1/scans/{sid}").status_code == 404
    assert bob.delete(f"/v1/scans/{sid}").status_code == 404
    assert bob.post("/v1/fit", json={"scan_id": sid, "item_ids": ["dress-wrap-01"]}
                    ).status_code == 404
    assert bob.delete("/v1/customers/alice").status_code == 404
    fit = alice.post("/v1/fit", json={"scan_id": sid, "item_ids": ["dress-wrap-01"]})
    assert fit.status_code == 200 and fit.json["items"][0]["status"]
    fb = alice.post("/v1/feedback", json={"customer_id": "bob", "item_id": "dress-wrap-01",
                                          "size": "M", "outcome": "fit", "scan_id": sid,
                                          "tailor_corrections": {"waist_girth": 80}})
    assert fb.status_code == 403  # customers do not send tailor corrections
    fb = alice.post("/v1/feedback", json={"customer_id": "bob", "item_id": "dress-wrap-01",
                                          "size": "M", "outcome": "fit"})
    assert fb.status_code == 201
    from sqlalchemy import select

    from fitsvc import app_services
    from fitsvc.db import session_scope
    from fitsvc.fit.records import FitFeedbackRecord

    with session_scope(app_services(app).engine) as s:
        assert list(s.scalars(select(FitFeedbackRecord.customer_id))) == ["alice"]


def test_revoking_a_key_revokes_it_and_its_customer_tokens(app: Flask) -> None:
    admin = authed_client(app)
    shop_key = make_key(app, "storefront")
    shop = client_with(app, shop_key)
    token = shop.post("/v1/customer-tokens", json={"customer_id": "c-1"}).json["token"]
    customer = client_with(app, token)
    assert customer.post("/v1/estimates", json={"height_cm": 170}).status_code == 201
    key_id = shop_key.split("_")[1]
    assert admin.delete(f"/v1/keys/{key_id}").json["revoked"] is True
    assert shop.get("/v1/items").status_code == 401
    assert customer.post("/v1/estimates", json={"height_cm": 170}).status_code == 401


def test_keys_are_stored_hashed_and_shown_once(app: Flask) -> None:
    admin = authed_client(app)
    made = admin.post("/v1/keys", json={"role": "storefront", "label": "shop back end"})
    assert made.status_code == 201
    key = made.json["key"]
    listed = admin.get("/v1/keys").json["keys"]
    assert all("key" not in k for k in listed)
    from fitsvc import app_services

    with app_services(app).engine.connect() as conn:
        dump = "\n".join(str(row) for row in conn.exec_driver_sql("SELECT * FROM api_keys"))
    assert key.rsplit("_", 1)[1] not in dump
    assert client_with(app, key).get("/v1/items").status_code == 200
    assert admin.post("/v1/keys", json={"role": "root"}).status_code == 422


def test_expired_customer_tokens_are_refused(app: Flask) -> None:
    import time

    from fitsvc import app_services
    from fitsvc.auth import tokens
    from fitsvc.auth.keys import verify_key

    svc = app_services(app)
    shop = verify_key(svc.engine, make_key(app, "storefront"))
    assert shop is not None
    old = tokens.issue(svc.secret_key, shop, "c-1", ttl_s=60, now=time.time() - 120)["token"]
    r = client_with(app, old).post("/v1/estimates", json={"height_cm": 170})
    assert r.status_code == 401 and r.json["code"] == "unauthorized"
    other_secret = tokens.issue("another-secret", shop, "c-1")["token"]
    assert client_with(app, other_secret).post("/v1/estimates", json={"height_cm": 170}
                                               ).status_code == 401
