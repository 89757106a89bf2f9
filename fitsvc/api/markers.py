"""Markers as jobs: POST /v1/markers -> 202 + job; GET shows progress/result; DELETE cancels."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.markers import service

blp = Blueprint("markers", __name__, url_prefix="/v1/markers",
                description="Markers: nest pattern pieces on the fabric width")


class MarkerRequestSchema(Schema):
    """A marker order: pieces, size ratio, fabric and time budget."""

    pieces = fields.List(fields.Dict(), load_default=list,
                         metadata={"description": "[{name, size, outline, quantity, "
                                                  "mirrored_pair, grain_deg}]"})
    block = fields.String(metadata={"description": "draft this block instead of pieces"})
    size_chart = fields.String(load_default="mens_eu")
    units = fields.String(load_default="mm")
    ratio = fields.Raw(required=True, metadata={"description": "'S:1,M:2' or {'S': 1}"})
    width_cm = fields.Float(required=True)
    seconds = fields.Float(load_default=30.0)
    seed = fields.Integer(load_default=0)
    spacing_mm = fields.Float(load_default=0.0)
    grain = fields.String(load_default="0,180")
    folded = fields.Boolean(load_default=False)
    end_allowance_mm = fields.Float(load_default=20.0)
    name = fields.String(load_default="marker")


@blp.route("", methods=["POST"])
@allow("tailor")
@blp.arguments(MarkerRequestSchema)
@blp.response(202)
def create_marker(body: dict[str, Any]) -> Any:
    """Queue a marker job."""
    services = app_services(current_app)
    job = service.submit_marker(services.jobs, body, principal().tenant)
    return job, 202, {"Location": f"/v1/markers/{job['id']}"}


@blp.route("/<job_id>", methods=["GET"])
@allow("tailor")
@blp.response(200)
def get_marker(job_id: str) -> Any:
    """Progress (elapsed, best efficiency so far) and, when done, the result."""
    services = app_services(current_app)
    return service.marker_status(services.jobs, job_id, principal().tenant)


@blp.route("/<job_id>", methods=["DELETE"])
@allow("tailor")
@blp.response(200)
def delete_marker(job_id: str) -> Any:
    """Cancel a queued or running marker job."""
    services = app_services(current_app)
    return service.cancel_marker(services.jobs, job_id, principal().tenant)
