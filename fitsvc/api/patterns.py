"""Patterns for tailors: POST /v1/patterns -> 201 + id; GET /v1/patterns/{id}.{fmt} files;
GET /v1/patterns/options/{block} lists a block's options."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import binary, problems
from fitsvc.api.scans import owned_scan
from fitsvc.errors import InvalidInput
from fitsvc.patterns import service
from pattern.draft.registry import BLOCKS

blp = Blueprint("patterns", __name__, url_prefix="/v1/patterns",
                description="Pattern blocks drafted to measure or graded over a size run")


class StrictBoolean(fields.Boolean):
    """JSON true or false only (marshmallow's Boolean also takes 1, "yes", "on", ...)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def _options_help() -> str:
    per_block = "; ".join(f"{name}: {', '.join(sorted(['fit', *BLOCKS[name].options]))}"
                          for name in BLOCKS)
    return ("block options by name (fit intent, ease fractions, angles, mm): "
            f"{per_block}. Types, defaults, ranges and meanings: GET /v1/patterns/options/{{block}}")


class PatternRequestSchema(Schema):
    """Exactly one of measurements, scan_id or size_run (+ chart)."""

    block = fields.String(required=True, metadata={
        "description": "bodice|sleeve|skirt|trousers|shirt", "enum": sorted(BLOCKS)})
    measurements = fields.Dict(metadata={"description": "flat cm values with scan names + sex"})
    scan_id = fields.String()
    size_run = fields.List(fields.String())
    chart = fields.Raw(metadata={"description": "chart name (e.g. womens_eu) or inline chart"})
    options = fields.Dict(load_default=dict, metadata={"description": _options_help()})
    style = fields.String()
    paperless = StrictBoolean(load_default=False, metadata={
        "description": "write seam lengths, overall width/height and notch positions on the "
                       "svg and pdf drawings"})
    units = fields.String(load_default="metric", validate=validate.OneOf(service.UNITS),
                          metadata={"description": "units of the lengths written on svg/pdf "
                                                   "(cm or 1/8 in); drawings stay 1:1"})
    formats = fields.List(fields.String(metadata={"enum": list(service.FORMATS)}),
                          load_default=lambda: ["svg", "pdf", "dxf"])

    @validates_schema
    def _one_source(self, data: dict[str, Any], **_: Any) -> None:
        given = [k for k in ("measurements", "scan_id", "size_run") if data.get(k)]
        if len(given) != 1:
            raise ValidationError("give exactly one of measurements, scan_id or size_run")
        if data.get("size_run") and not data.get("chart"):
            raise ValidationError("size_run needs chart")


class PatternSchema(Schema):
    """A stored pattern: the drafting summary (checks, nearest size, derived measurements)
    and the links to its files."""

    id = fields.String(required=True)
    block = fields.String(required=True)
    mode = fields.String(required=True, validate=validate.OneOf(["mtm", "graded"]))
    result = fields.Dict(required=True)
    files = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class OptionSchema(Schema):
    """One declared option."""

    type = fields.String(required=True, metadata={
        "description": "pct (fraction of a measurement), deg, mm, ratio, choice or bool"})
    default = fields.Raw(required=True, metadata={"description": "a number, or a choice"})
    description = fields.String(required=True)
    min = fields.Float()
    max = fields.Float()
    scaled_by_fit = fields.Boolean(metadata={"description": "an ease scaled by the fit intent"})
    choices = fields.List(fields.String())


class BlockOptionsSchema(Schema):
    """A block's options, ``fit`` first."""

    block = fields.String(required=True)
    title = fields.String(required=True)
    options = fields.Dict(keys=fields.String(), values=fields.Nested(OptionSchema), required=True)


@blp.route("/options/<block>", methods=["GET"])
@allow("tailor")
@blp.response(200, BlockOptionsSchema)
@problems(blp, 404)
@blp.doc(parameters=[{"in": "path", "name": "block", "required": True,
                      "schema": {"type": "string", "enum": sorted(BLOCKS)}}])
def get_options(block: str) -> Any:
    """A block's options: type, default, range or choices and a one-line description."""
    return service.options(block)


@blp.route("", methods=["POST"])
@allow("tailor")
@blp.arguments(PatternRequestSchema)
@blp.response(201, PatternSchema, headers={"Location": {"schema": {"type": "string"}}})
@problems(blp, 400, 404, 413, 422)
def create_pattern(body: dict[str, Any]) -> Any:
    """Draft now (errors come back immediately) and store the request."""
    svc = app_services(current_app)
    if body.get("scan_id"):
        body = {**body, "measurements": _scan_measurements(svc, body.pop("scan_id"))}
    unknown = [f for f in body.get("formats", []) if f not in service.FORMATS]
    if unknown:
        raise InvalidInput(f"unknown formats {unknown}", code="unknown_format")
    view = service.create_pattern(svc.engine, principal().tenant, body)
    return view, 201, {"Location": f"/v1/patterns/{view['id']}"}


@blp.route("/<pattern_id>.<fmt>", methods=["GET"])
@allow("tailor")
@problems(blp, 404, 409)
@blp.doc(**binary(*sorted(set(service.MIME.values()))), parameters=[
    {"in": "path", "name": "fmt", "required": True,
     "schema": {"type": "string", "enum": list(service.FORMATS)}}])
def get_file(pattern_id: str, fmt: str) -> Any:
    """The pattern as svg | pdf | pdf_letter | pdf_plotter | dxf | rul | png | zip."""
    svc = app_services(current_app)
    data, mime = service.render(svc.engine, svc.store, principal().tenant, pattern_id, fmt)
    return Response(data, mimetype=mime, headers={
        "Content-Disposition": f'attachment; filename="pattern-{pattern_id[:8]}.{fmt}"'})


@blp.route("/<pattern_id>", methods=["GET"])
@allow("tailor")
@blp.response(200, PatternSchema)
@problems(blp, 404)
def get_pattern(pattern_id: str) -> Any:
    """Stored summary: checks, nearest size, derived measurements, file links."""
    svc = app_services(current_app)
    return service.pattern_view(service.get_record(svc.engine, principal().tenant, pattern_id))


def _scan_measurements(svc: Any, scan_id: str) -> dict[str, Any]:
    rec = owned_scan(scan_id)
    out: dict[str, Any] = {"sex": rec.sex or "female", "stature": rec.height_cm}
    for name, v in (rec.measurements or {}).items():
        out[name] = v.get("value_cm", v.get("value")) if isinstance(v, dict) else v
    return out
