"""Logged-in staff sessions of the web pages: a key opens a session, the session never holds
the key, state-changing calls need the CSRF token, revoking the key ends the session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.auth_helpers import authed_client, make_key
from tests.e2e.conftest_fit import make_app, shutdown

pytestmark = pytest.mark.e2e


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = make_app(tmp_path)
    yield app
    shutdown(app)


def _logged_in(app: Flask, key: str):
    c = app.test_client()
    r = c.post("/login?next=/tailor", data={"key": key})
    assert r.status_code == 302 and r.headers["Location"] == "/tailor"
    return c


def _csrf(client) -> str:
    page = client.get("/tailor").get_data(as_text=True)
    return page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]


def test_a_tailor_session_works_without_the_key_and_needs_csrf_to_change(app: Flask) -> None:
    key = make_key(app, "tailor")
    c = _logged_in(app, key)
    cookie = c.get_cookie("session")
    assert cookie is not None and key not in cookie.value and "HttpOnly" in str(
        c.get("/tailor").headers.get("Set-Cookie", "HttpOnly"))
    body = {"block": "skirt", "measurements": {"sex": "female", "stature": 166, "waist_girth": 74,
                                               "hip_girth": 100}}
    refused = c.post("/v1/patterns", json=body)
    assert refused.status_code == 403 and refused.json["code"] == "csrf_failed"
    made = c.post("/v1/patterns", json=body, headers={"X-CSRF-Token": _csrf(c)})
    assert made.status_code == 201, made.json
    assert c.get(made.json["files"]["dxf"]).status_code == 200  # downloads are plain GETs
    assert c.get("/v1/items").status_code == 403  # still only a tailor


def test_revoking_the_key_ends_its_sessions(app: Flask) -> None:
    key = make_key(app, "tailor")
    c = _logged_in(app, key)
    assert c.get("/v1/markers/none").status_code == 404
    authed_client(app).delete(f"/v1/keys/{key.split('_')[1]}")
    assert c.get("/v1/markers/none").status_code == 401
    assert c.get("/tailor").status_code == 302  # back to the log-in page


def test_bad_keys_and_wrong_roles_do_not_open_the_workspace(app: Flask) -> None:
    c = app.test_client()
    assert c.post("/login", data={"key": "fsk_nope"}).status_code == 401
    assert c.get("/tailor").headers["Location"].startswith("/login")
    shop = _logged_in(app, make_key(app, "storefront"))
    assert shop.get("/tailor").status_code == 302
    assert c.post("/login?next=//evil.example/x", data={"key": make_key(app, "tailor")}
                  ).headers["Location"] == "/"  # never redirects off the site


def test_pages_render_and_the_demo_shop_holds_only_a_customer_token(app: Flask) -> None:
    c = app.test_client()
    for url in ("/", "/scan", "/docs", "/login"):
        r = c.get(url)
        assert r.status_code == 200 and r.mimetype == "text/html", url
    shop = c.get("/demo/shop").get_data(as_text=True)
    assert 'data-token="fct_' in shop and "fsk_" not in shop
    assert c.get("/static/fitsvc-widget.js").status_code == 200


def test_the_api_answers_cross_origin_widget_calls(app: Flask) -> None:
    c = authed_client(app, "storefront")
    r = c.get("/v1/items", headers={"Origin": "https://shop.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]
    pre = app.test_client().options("/v1/fit", headers={
        "Origin": "https://shop.example", "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 200 and pre.headers["Access-Control-Allow-Origin"] == "*"
