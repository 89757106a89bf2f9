"""Catalog CRUD: /v1/items, plus bulk import of CSV or JSON (validated per row)."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_smorest import Blueprint

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.api.paging import paging
from fitsvc.errors import ServiceError
from fitsvc.fit import catalog_store

blp = Blueprint("catalog", __name__, url_prefix="/v1/items", description="Catalog items")


def _json() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ServiceError("send the item as a JSON object", code="invalid_json", status=400)
    return body


@blp.route("", methods=["POST"])
@allow("storefront")
def create() -> Any:
    """Create (or replace) one item with its size chart."""
    svc = app_services(current_app)
    return catalog_store.put_item(svc.engine, principal().tenant, _json()), 201


@blp.route("", methods=["GET"])
@allow("storefront")
def list_() -> Any:
    """Items of this shop (`limit`, `offset`)."""
    svc = app_services(current_app)
    limit, offset = paging()
    return {"items": catalog_store.list_items(svc.engine, principal().tenant, limit, offset)}


@blp.route("/import", methods=["POST"])
@allow("storefront")
def bulk_import() -> Any:
    """Bulk import: text/csv or application/json (`?format=` overrides); all or nothing."""
    svc = app_services(current_app)
    fmt = request.args.get("format") or ("csv" if "csv" in (request.mimetype or "") else "json")
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    return catalog_store.bulk_import(svc.engine, principal().tenant, data, fmt), 201


@blp.route("/<item_id>", methods=["GET"])
@allow("storefront")
def get(item_id: str) -> Any:
    svc = app_services(current_app)
    return catalog_store.get_item(svc.engine, principal().tenant, item_id)


@blp.route("/<item_id>", methods=["PUT"])
@allow("storefront")
def put(item_id: str) -> Any:
    svc = app_services(current_app)
    return catalog_store.put_item(svc.engine, principal().tenant, _json(), item_id)


@blp.route("/<item_id>", methods=["DELETE"])
@allow("storefront")
def delete(item_id: str) -> Any:
    svc = app_services(current_app)
    catalog_store.delete_item(svc.engine, principal().tenant, item_id)
    return "", 204
