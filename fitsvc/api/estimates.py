"""POST /v1/estimates: measurements from height, weight, sex and age alone."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint

from fitsvc import app_services
from fitsvc.api.schemas import ScanSchema, SubjectSchema
from fitsvc.measure import scans

blp = Blueprint("estimates", __name__, url_prefix="/v1/estimates",
                description="No-photo estimates")


@blp.route("", methods=["POST"])
@blp.arguments(SubjectSchema)
@blp.response(201, ScanSchema)
def create(body: dict[str, Any]) -> Any:
    """The ANSUR-based estimate without photos (wider intervals)."""
    svc = app_services(current_app)
    return scans.create_estimate(svc.engine, svc.tenant, body)
