"""Catalog CRUD: /v1/items, plus bulk import of CSV or JSON (validated per row)."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import BINARY, PAGING, problems, query
from fitsvc.api.paging import paging
from fitsvc.errors import ServiceError
from fitsvc.fit import catalog_store
from fitsvc.fit.catalog import CHART_KINDS, MAX_SIZES, PLAUSIBLE
from fitsvc.fit.ease import FIT_INTENTS, STRETCH

blp = Blueprint("catalog", __name__, url_prefix="/v1/items", description="Catalog items")


def _cm(region: str) -> fields.Float:
    return fields.Float(validate=validate.Range(*PLAUSIBLE[region]),
                        metadata={"description": f"{region} (cm)"})


class SizeRowSchema(Schema):
    """One size of the chart; every size gives the same regions."""

    size = fields.String(required=True, validate=validate.Length(min=1))
    chest, waist, hip = _cm("chest"), _cm("waist"), _cm("hip")
    inseam, sleeve, length = _cm("inseam"), _cm("sleeve"), _cm("length")


class ItemSchema(Schema):
    """A catalog item and its size chart, smallest size first (values rise with the size)."""

    id = fields.String(required=True, validate=validate.Length(min=1, max=128))
    category = fields.String(required=True, validate=validate.Length(min=1))
    fit_intent = fields.String(validate=validate.OneOf(FIT_INTENTS), metadata={"default": "regular"})
    stretch = fields.String(validate=validate.OneOf(STRETCH), metadata={"default": "none"})
    chart_kind = fields.String(validate=validate.OneOf(CHART_KINDS),
                               metadata={"default": "garment"})
    sizes = fields.List(fields.Nested(SizeRowSchema), required=True,
                        validate=validate.Length(min=1, max=MAX_SIZES))


class ItemListSchema(Schema):
    items = fields.List(fields.Nested(ItemSchema), required=True,
                        metadata={"description": "(an import may also send the bare list)"})


class ImportResultSchema(Schema):
    imported = fields.Integer(required=True)
    created = fields.Integer(required=True)
    updated = fields.Integer(required=True)


_ITEM_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": ItemSchema}}}}
_IMPORT_BODY = {"requestBody": {"required": True, "content": {
    "text/csv": {"schema": {"type": "string", "description": "one line per item and size"}},
    "application/json": {"schema": ItemListSchema},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                       "properties": {"file": BINARY}}}}}}


@blp.after_request
def _forget_cached_items(response: Response) -> Response:
    """A catalog change is seen by this process's next fit query (others: READ_CACHE_S)."""
    if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400:
        app_services(current_app).fit_reads.forget_items(principal().tenant)
    return response


def _json() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ServiceError("send the item as a JSON object", code="invalid_json", status=400,
                           hint="Send Content-Type: application/json with one item object.")
    return body


@blp.route("", methods=["POST"])
@allow("storefront")
@blp.response(201, ItemSchema)
@problems(blp, 400, 413, 422)
@blp.doc(**_ITEM_BODY)
def create() -> Any:
    """Create (or replace) one item with its size chart."""
    svc = app_services(current_app)
    return catalog_store.put_item(svc.engine, principal().tenant, _json()), 201


@blp.route("", methods=["GET"])
@allow("storefront")
@blp.response(200, ItemListSchema)
@problems(blp, 400)
@blp.doc(**query(*PAGING))
def list_() -> Any:
    """Items of this shop (`limit`, `offset`)."""
    svc = app_services(current_app)
    limit, offset = paging()
    return {"items": catalog_store.list_items(svc.engine, principal().tenant, limit, offset)}


@blp.route("/import", methods=["POST"])
@allow("storefront")
@blp.response(201, ImportResultSchema)
@problems(blp, 400, 413, 422)
@blp.doc(**_IMPORT_BODY, **query({"name": "format", "schema": {"enum": ["csv", "json"]},
                                  "description": "overrides the Content-Type"}))
def bulk_import() -> Any:
    """Bulk import: text/csv or application/json (`?format=` overrides); all or nothing."""
    svc = app_services(current_app)
    fmt = request.args.get("format") or ("csv" if "csv" in (request.mimetype or "") else "json")
    upload = request.files.get("file")
    data = upload.read() if upload is not None else request.get_data()
    return catalog_store.bulk_import(svc.engine, principal().tenant, data, fmt), 201


@blp.route("/<item_id>", methods=["GET"])
@allow("storefront")
@blp.response(200, ItemSchema)
@problems(blp, 404)
def get(item_id: str) -> Any:
    svc = app_services(current_app)
    return catalog_store.get_item(svc.engine, principal().tenant, item_id)


@blp.route("/<item_id>", methods=["PUT"])
@allow("storefront")
@blp.response(200, ItemSchema)
@problems(blp, 400, 404, 413, 422)
@blp.doc(**_ITEM_BODY)
def put(item_id: str) -> Any:
    svc = app_services(current_app)
    return catalog_store.put_item(svc.engine, principal().tenant, _json(), item_id)


@blp.route("/<item_id>", methods=["DELETE"])
@allow("storefront")
@blp.response(204)
@problems(blp, 404)
def delete(item_id: str) -> None:
    svc = app_services(current_app)
    catalog_store.delete_item(svc.engine, principal().tenant, item_id)
