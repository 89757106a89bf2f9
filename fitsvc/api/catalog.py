"""Catalog CRUD: /v1/items, plus bulk import of CSV or JSON (validated per row)."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_smorest import Blueprint

from fitsvc import app_services
from fitsvc.errors import ServiceError
from fitsvc.fit import catalog_store

blp = Blueprint("catalog", __name__, url_prefix="/v1/items", description="Catalog items")


def _json() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ServiceError("send the item as a JSON object", code="invalid_json", status=400)
    return body


@blp.route("", methods=["POST"])
def create() -> Any:
    """Create (or replace) one item with its size chart."""
    svc = app_services(current_app)
    return catalog_store.put_item(svc.engine, svc.tenant, _json()), 201


@blp.route("", methods=["GET"])
def list_() -> Any:
    """Items of this shop (`limit`, `offset`)."""
    svc = app_services(current_app)
    limit, offset = _paging(request.args.get("limit", "100"), request.args.get("offset", "0"))
    return {"items": catalog_store.list_items(svc.engine, svc.tenant, limit, offset)}


def _paging(limit: str, offset: str) -> tuple[int, int]:
    """``limit`` 1–1000 and ``offset`` ≥ 0 as integers, or a 400."""
    try:
        lim, off = int(limit), int(offset)
    except ValueError:
        lim, off = 0, -1
    if not 1 <= lim <= 1000 or off < 0:
        raise ServiceError("limit must be an integer 1–1000 and offset an integer ≥ 0",
                           code="invalid_paging", status=400,
                           hint="Page with ?limit=100&offset=0, then offset=100, …")
    return lim, off


@blp.route("/import", methods=["POST"])
def bulk_import() -> Any:
    """Bulk import: text/csv or application/json (`?format=` overrides); all or nothing."""
    svc = app_services(current_app)
    fmt = request.args.get("format") or ("csv" if "csv" in (request.mimetype or "") else "json")
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    return catalog_store.bulk_import(svc.engine, svc.tenant, data, fmt), 201


@blp.route("/<item_id>", methods=["GET"])
def get(item_id: str) -> Any:
    svc = app_services(current_app)
    return catalog_store.get_item(svc.engine, svc.tenant, item_id)


@blp.route("/<item_id>", methods=["PUT"])
def put(item_id: str) -> Any:
    svc = app_services(current_app)
    return catalog_store.put_item(svc.engine, svc.tenant, _json(), item_id)


@blp.route("/<item_id>", methods=["DELETE"])
def delete(item_id: str) -> Any:
    svc = app_services(current_app)
    catalog_store.delete_item(svc.engine, svc.tenant, item_id)
    return "", 204
