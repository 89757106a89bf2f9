"""Test clients that carry a credential: a fresh API key of a role, or a customer token."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient


def make_key(app: Flask, role: str = "admin", tenant: str = "default") -> str:
    from fitsvc import app_services
    from fitsvc.auth.keys import create_key

    _, key = create_key(app_services(app).engine, tenant, role, f"test {role}")
    return key


def client_with(app: Flask, credential: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {credential}"
    return client


def authed_client(app: Flask, role: str = "admin", tenant: str = "default") -> FlaskClient:
    """A client holding a new key of ``role`` in ``tenant``."""
    return client_with(app, make_key(app, role, tenant))


def customer_client(app: Flask, customer_id: str, tenant: str = "default") -> FlaskClient:
    """A client holding a customer token issued by a storefront key of ``tenant``."""
    shop = authed_client(app, "storefront", tenant)
    resp = shop.post("/v1/customer-tokens", json={"customer_id": customer_id})
    assert resp.status_code == 201, resp.get_json()
    return client_with(app, resp.get_json()["token"])
