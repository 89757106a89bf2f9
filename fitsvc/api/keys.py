"""API keys of the caller's tenant (admin) and customer tokens (storefront)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from fitsvc import app_services, retention
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import PAGING, problems, query
from fitsvc.api.paging import paging
from fitsvc.auth import keys, tokens
from fitsvc.auth.principal import ROLES

blp = Blueprint("keys", __name__, url_prefix="/v1", description="API keys and customer tokens")


class KeyRequestSchema(Schema):
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    label = fields.String(load_default="", validate=validate.Length(max=128))


class KeySchema(Schema):
    id = fields.String()
    tenant = fields.String()
    role = fields.String()
    label = fields.String()
    created_at = fields.String(allow_none=True)
    revoked = fields.Boolean()
    key = fields.String(metadata={"description": "the key itself; shown only when created"})


class KeyListSchema(Schema):
    keys = fields.List(fields.Nested(KeySchema))


class TokenRequestSchema(Schema):
    customer_id = fields.String(required=True, validate=validate.Length(min=1, max=128))
    ttl_s = fields.Integer(load_default=tokens.DEFAULT_TTL_S,
                           validate=validate.Range(60, tokens.MAX_TTL_S))


class TokenSchema(Schema):
    token = fields.String()
    customer_id = fields.String()
    expires_at = fields.Integer(metadata={"description": "Unix time"})
    ttl_s = fields.Integer()


@blp.route("/keys", methods=["POST"])
@allow()  # admin only
@blp.arguments(KeyRequestSchema)
@blp.response(201, KeySchema)
@problems(blp, 400, 413, 422)
def create_key(body: dict[str, Any]) -> Any:
    """A new key in the caller's tenant; the key is in the answer once and never again."""
    view, key = keys.create_key(app_services(current_app).engine, principal().tenant,
                                body["role"], body["label"])
    return {**view, "key": key}


@blp.route("/keys", methods=["GET"])
@allow()
@blp.response(200, KeyListSchema)
@problems(blp, 400)
@blp.doc(**query(*PAGING))
def list_keys() -> Any:
    """The tenant's keys (ids, roles, labels; never the secrets)."""
    limit, offset = paging()
    return {"keys": keys.list_keys(app_services(current_app).engine, principal().tenant,
                                   limit, offset)}


@blp.route("/keys/<key_id>", methods=["DELETE"])
@allow()
@blp.response(200, KeySchema)
@problems(blp, 404)
def revoke_key(key_id: str) -> Any:
    """Revoke a key of this tenant, and with it the customer tokens it issued."""
    svc = app_services(current_app)
    view = keys.revoke_key(svc.engine, key_id, principal().tenant)
    svc.keys.forget(key_id)  # seen by this process at once, by others within READ_CACHE_S
    return view


@blp.route("/customer-tokens", methods=["POST"])
@allow("storefront")
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
@problems(blp, 400, 413, 422)
def customer_token(body: dict[str, Any]) -> Any:
    """A short-lived token for one customer, for the shop's pages to hand to the browser."""
    svc, who = app_services(current_app), principal()
    retention.touch(svc.engine, who.tenant, body["customer_id"])
    return tokens.issue(svc.secret_key, who, body["customer_id"], body["ttl_s"])
