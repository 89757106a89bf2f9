"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from fitsvc import app_services
from fitsvc.api.access import public

blp = Blueprint("health", __name__, description="Health probes")


class LiveSchema(Schema):
    status = fields.String(required=True, validate=validate.Equal("ok"))


class ReadySchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["ready", "not_ready"]))
    checks = fields.Dict(keys=fields.String(), values=fields.Boolean(), required=True,
                         metadata={"description": "database, models and MediaPipe present"})


@blp.route("/healthz")
@public
@blp.response(200, LiveSchema)
def healthz() -> dict[str, Any]:
    """The process is up."""
    return {"status": "ok"}


@blp.route("/readyz")
@public
@blp.response(200, ReadySchema)
@blp.alt_response(503, schema=ReadySchema, description="not ready: see `checks`")
def readyz() -> Any:
    """The database answers a query and the measurement artefacts are present (503 if not)."""
    from fitsvc.measure.readiness import check

    checks = check(app_services(current_app).engine)
    ok = all(checks.values())
    return {"status": "ready" if ok else "not_ready", "checks": checks}, (200 if ok else 503)
