"""POST /v1/estimates: measurements from height, weight, sex and age alone."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint

from fitsvc import app_services, retention
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import problems
from fitsvc.api.schemas import OwnedSubjectSchema, ScanSchema
from fitsvc.measure import scans

blp = Blueprint("estimates", __name__, url_prefix="/v1/estimates",
                description="No-photo estimates")


@blp.route("", methods=["POST"])
@allow("customer", "storefront", "tailor")
@blp.arguments(OwnedSubjectSchema)
@blp.response(201, ScanSchema)
@problems(blp, 400, 413, 422)
def create(body: dict[str, Any]) -> Any:
    """The ANSUR-based estimate without photos (wider intervals)."""
    svc, who = app_services(current_app), principal()
    body = scans.with_customer(body, who)
    retention.touch(svc.engine, who.tenant, body.get("customer_id"))
    return scans.create_estimate(svc.engine, who.tenant, body)
