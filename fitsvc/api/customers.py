"""A customer's right to erasure, and the audit log of access to personal data."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.api.paging import paging
from fitsvc.auth import audit
from fitsvc.erasure import erase_customer
from fitsvc.errors import NotFound

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


class AuditSchema(Schema):
    entries = fields.List(fields.Nested(AuditEntrySchema))


@blp.route("/customers/<customer_id>", methods=["DELETE"])
@allow("storefront", "customer")
@blp.response(200, ErasureSchema)
def erase(customer_id: str) -> Any:
    """Erase everything stored about a customer: scans, silhouette snapshots, measurements,
    patterns, feedback, tailor corrections and learned offsets. A customer token may erase
    only its own customer."""
    svc, who = app_services(current_app), principal()
    if who.customer_id is not None and who.customer_id != customer_id:
        raise NotFound(f"customer {customer_id} not found")
    gone = erase_customer(svc.engine, who.tenant, customer_id)
    audit.record(svc.engine, svc.secret_key, who, "erase", "customer", None, customer_id)
    return {"customer_id": customer_id, "erased": gone}


@blp.route("/audit", methods=["GET"])
@allow()  # admin only
@blp.response(200, AuditSchema)
def audit_log() -> Any:
    """Who read, changed or deleted personal data, newest first (``?customer_id=`` narrows
    it to one customer through their keyed hash)."""
    svc, who = app_services(current_app), principal()
    limit, offset = paging()
    customer = request.args.get("customer_id")
    ref = audit.customer_ref(svc.secret_key, who.tenant, customer) if customer else None
    return {"entries": audit.entries(svc.engine, who.tenant, limit, offset, ref)}
