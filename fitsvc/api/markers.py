"""Markers as jobs: POST /v1/markers -> 202 + job; GET shows progress/result; DELETE cancels."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import binary, problems
from fitsvc.api.schemas import JobSchema
from fitsvc.markers import service
from fitsvc.markers.pieces_io import UNIT_MM
from pattern.draft.registry import BLOCKS
from pattern.nest.export import FILE_FORMATS

blp = Blueprint("markers", __name__, url_prefix="/v1/markers",
                description="Markers: nest pattern pieces on the fabric width")


_POINT = {"type": "array", "minItems": 2, "maxItems": 2, "items": {"type": "number"}}
PIECE = {"required": ["outline"], "properties": {  # documents what pieces_io reads
    "name": {"type": "string"}, "size": {"type": "string"},
    "outline": {"type": "array", "minItems": 3, "items": _POINT},
    "quantity": {"type": "integer", "minimum": 1}, "mirrored_pair": {"type": "boolean"},
    "grain_deg": {"type": "number"}}}


class MarkerRequestSchema(Schema):
    """A marker order: pieces, size ratio, fabric and time budget."""

    pieces = fields.List(fields.Dict(metadata=PIECE), load_default=list,
                         metadata={"description": "[{name, size, outline, quantity, "
                                                  "mirrored_pair, grain_deg}]"})
    block = fields.String(metadata={"description": "draft this block instead of pieces",
                                    "enum": sorted(BLOCKS)})
    size_chart = fields.String(load_default="mens_eu", metadata={
        "description": "sample size chart the block is graded with",
        "enum": sorted(p.stem for p in service.SIZE_CHARTS.glob("*.json"))})
    units = fields.String(load_default="mm", metadata={"enum": list(UNIT_MM)})
    ratio = fields.Raw(required=True, metadata={
        "description": "'S:1,M:2' or {'S': 1}: garments per size",
        "oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": {
            "type": "integer", "minimum": 0}}]})
    width_cm = fields.Float(required=True)
    seconds = fields.Float(load_default=30.0, validate=validate.Range(1, service.MAX_SECONDS),
                           metadata={"description": "time budget of the nest in seconds"})
    seed = fields.Integer(load_default=0, metadata={  # checked by service.budget (422)
        "minimum": 0, "maximum": service.MAX_SEED})
    workers = fields.Integer(load_default=1, strict=True, metadata={  # checked by budget (422)
        "minimum": 1, "maximum": service.MAX_WORKERS,
        "description": "best of this many seeds, run at once on as many job workers, in the "
                       "same wall time `seconds` (docs/markers.md)"})
    spacing_mm = fields.Float(load_default=0.0)
    grain = fields.String(load_default="0,180",
                          metadata={"description": "0,180 | 0,90,180,270 | free | degrees"})
    folded = fields.Boolean(load_default=False)
    end_allowance_mm = fields.Float(load_default=20.0)
    name = fields.String(load_default="marker")


@blp.route("", methods=["POST"])
@allow("tailor")
@blp.arguments(MarkerRequestSchema)
@blp.response(202, JobSchema, headers={"Location": {"schema": {"type": "string"}}})
@problems(blp, 400, 413, 422)
def create_marker(body: dict[str, Any]) -> Any:
    """Queue a marker job."""
    services = app_services(current_app)
    job = service.submit_marker(services.jobs, body, principal().tenant)
    return job, 202, {"Location": f"/v1/markers/{job['id']}"}


@blp.route("/<job_id>", methods=["GET"])
@allow("tailor")
@blp.response(200, JobSchema)
@problems(blp, 404)
def get_marker(job_id: str) -> Any:
    """Progress (elapsed, best efficiency so far) and, when done, the result."""
    services = app_services(current_app)
    return service.marker_status(services.jobs, job_id, principal().tenant)


@blp.route("/<job_id>.<fmt>", methods=["GET"])
@allow("tailor")
@problems(blp, 404, 409)
@blp.doc(**binary(*sorted(set(FILE_FORMATS.values()))), parameters=[
    {"in": "path", "name": "fmt", "required": True,
     "schema": {"type": "string", "enum": list(FILE_FORMATS)}}])
def get_marker_file(job_id: str, fmt: str) -> Any:
    """The finished marker as svg | pdf (1:1 plotter) | dxf | png."""
    services = app_services(current_app)
    data, mime = service.marker_file(services.jobs, services.store, job_id,
                                     principal().tenant, fmt)
    return Response(data, mimetype=mime, headers={
        "Content-Disposition": f'attachment; filename="marker-{job_id[:8]}.{fmt}"'})


@blp.route("/<job_id>", methods=["DELETE"])
@allow("tailor")
@blp.response(200, JobSchema)
@problems(blp, 404)
def delete_marker(job_id: str) -> Any:
    """Cancel a queued or running marker job."""
    services = app_services(current_app)
    return service.cancel_marker(services.jobs, job_id, principal().tenant)
