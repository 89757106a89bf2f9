"""The demo shop behind /demo/shop: what a storefront's own back end would do.

It has a tenant of its own (``demo``) with the sample catalog and a storefront key whose
secret nobody keeps: the demo only needs the key's id to sign customer tokens for its
visitors, each visitor being a random customer id in their session cookie. Turn it off
with ``FITSVC_DEMO=0``.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from flask import session
from sqlalchemy.engine import Engine

from fitsvc.auth import tokens
from fitsvc.auth.keys import create_key, list_keys
from fitsvc.auth.principal import Principal
from fitsvc.fit import catalog_store

TENANT = "demo"
LABEL = "demo shop (fitsvc/web/demo.py)"
CATALOG = Path(__file__).resolve().parents[2] / "sample_data" / "catalog" / "items.json"
PRODUCT = "dress-wrap-01"


def shop_principal(engine: Engine) -> Principal:
    """The demo shop's storefront identity; made (with its catalog) on first use."""
    mine = [k for k in list_keys(engine, TENANT) if k["label"] == LABEL and not k["revoked"]]
    if mine:
        return Principal(tenant=TENANT, role="storefront", key_id=mine[0]["id"])
    view, _ = create_key(engine, TENANT, "storefront", LABEL)  # the secret is dropped
    if CATALOG.exists():
        catalog_store.bulk_import(engine, TENANT, CATALOG.read_bytes(), "json")
    return Principal(tenant=TENANT, role="storefront", key_id=view["id"])


def visitor_token(engine: Engine, secret_key: str) -> dict[str, Any]:
    """A customer token for this browser's demo customer (kept in its session cookie)."""
    customer = session.setdefault("demo_customer", "demo-" + secrets.token_hex(6))
    return tokens.issue(secret_key, shop_principal(engine), customer, ttl_s=3600)


def product(engine: Engine) -> dict[str, Any]:
    """The product the demo page sells, from the demo catalog."""
    shop_principal(engine)
    item = catalog_store.get_item(engine, TENANT, PRODUCT)
    return {**item, "title": "Wrap dress", "price": "€89",
            "sizes_json": json.dumps([s.get("size") for s in item.get("sizes", [])])}
