"""A customer's right to erasure, and the audit log of access to personal data."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import PAGING, problems, query
from fitsvc.api.paging import paging
from fitsvc.api.schemas import ScanSchema
from fitsvc.auth import audit
from fitsvc.erasure import erase_customer
from fitsvc.errors import NotFound
from fitsvc.measure import scans

blp = Blueprint("customers", __name__, url_prefix="/v1",
                description="Customer erasure and the audit log")


class ErasureSchema(Schema):
    customer_id = fields.String()
    erased = fields.Dict(keys=fields.String(), values=fields.Integer(),
                         metadata={"description": "rows erased per kind"})


class AuditEntrySchema(Schema):
    at = fields.String()
    actor = fields.String()
    role = fields.String()
    action = fields.String()
    resource = fields.String()
    resource_id = fields.String(allow_none=True)
    customer_ref = fields.String(allow_none=True)


class CustomerScansSchema(Schema):
    scans = fields.List(fields.Nested(ScanSchema))


class AuditSchema(Schema):
    entries = fields.List(fields.Nested(AuditEntrySchema))


def _customer(customer_id: str) -> str:
    """The customer a path names; ``me`` is the token's own, and a customer token may name
    only itself (another customer is a 404)."""
    who = principal()
    if who.customer_id is None:
        if customer_id == "me":
            raise NotFound("`me` names a customer token's own customer",
                           hint="Send a customer's id, or call with their token.")
        return customer_id
    if customer_id not in ("me", who.customer_id):
        raise NotFound(f"customer {customer_id} not found")
    return who.customer_id


@blp.route("/customers/<customer_id>/scans", methods=["GET"])
@allow("storefront", "tailor", "customer")
@blp.response(200, CustomerScansSchema)
@problems(blp, 400, 404)
@blp.doc(**query(*PAGING))
def customer_scans(customer_id: str) -> Any:
    """The customer's scans, newest first (``me`` for a customer token's own)."""
    svc, who = app_services(current_app), principal()
    limit, offset = paging()
    found = scans.customer_scans(svc.engine, who.tenant, _customer(customer_id), limit, offset)
    audit.record_many(svc.engine, svc.secret_key, who, "read", "scan",
                      [(rec.id, rec.customer_id) for rec in found])
    return {"scans": [scans.scan_view(rec) for rec in found]}


@blp.route("/customers/<customer_id>", methods=["DELETE"])
@allow("storefront", "customer")
@blp.response(200, ErasureSchema)
@problems(blp, 404)
def erase(customer_id: str) -> Any:
    """Erase everything stored about a customer: scans, silhouette snapshots, measurements,
    patterns, feedback, tailor corrections and learned offsets. A customer token may erase
    only its own customer."""
    svc, who = app_services(current_app), principal()
    customer_id = _customer(customer_id)
    gone = erase_customer(svc.engine, who.tenant, customer_id, svc.store)
    audit.record(svc.engine, svc.secret_key, who, "erase", "customer", None, customer_id)
    return {"customer_id": customer_id, "erased": gone}


@blp.route("/audit", methods=["GET"])
@allow()  # admin only
@blp.response(200, AuditSchema)
@problems(blp, 400)
@blp.doc(**query(*PAGING, {"name": "customer_id", "schema": {"type": "string"},
                           "description": "only this customer's entries"}))
def audit_log() -> Any:
    """Who read, changed or deleted personal data, newest first (``?customer_id=`` narrows
    it to one customer through their keyed hash)."""
    svc, who = app_services(current_app), principal()
    limit, offset = paging()
    customer = request.args.get("customer_id")
    ref = audit.customer_ref(svc.secret_key, who.tenant, customer) if customer else None
    return {"entries": audit.entries(svc.engine, who.tenant, limit, offset, ref)}
