"""POST /v1/fit, GET /v1/items/{id}/size-advice, POST /v1/feedback, model versions."""

from __future__ import annotations

from typing import Any

import orjson
from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from fitsvc import app_services, retention
from fitsvc.api.access import Forbidden, allow, principal
from fitsvc.api.docs import PAGING, problems, query
from fitsvc.api.fit_schemas import (
    FeedbackResultSchema,
    FitResultSchema,
    ModelListSchema,
    ModelVersionSchema,
    RetrainSchema,
    SizeAdviceSchema,
)
from fitsvc.api.paging import paging
from fitsvc.api.schemas import JobSchema
from fitsvc.fit import registry, service
from fitsvc.fit.ease import REGIONS
from fitsvc.fit.regions import NOTE_SIGNAL
from fitsvc.measure.scans import get_scan

blp = Blueprint("fit", __name__, url_prefix="/v1", description="Size recommendation")


def _body_cm() -> fields.Dict:
    """{measurement name: cm}; the service checks the values (422 invalid_measurement)."""
    lo, hi = service.BODY_RANGE
    return fields.Dict(keys=fields.Str(), load_default=None, values=fields.Raw(metadata={
        "type": "number", "minimum": lo, "maximum": hi,
        "description": "cm (a scan's {\"value_cm\": …} is accepted too)"}))


class FitRequestSchema(Schema):
    scan_id = fields.Str(load_default=None)
    measurements = _body_cm()
    item_ids = fields.List(fields.Str(), required=True,
                           validate=validate.Length(min=1, max=service.MAX_ITEMS))
    customer_id = fields.Str(load_default=None)


class FeedbackSchema(Schema):
    customer_id = fields.Str(required=True, validate=validate.Length(min=1, max=128))
    item_id = fields.Str(required=True, validate=validate.Length(min=1, max=128))
    size = fields.Str(required=True)
    outcome = fields.Str(required=True, metadata={"enum": list(registry.LABELS)})
    regions = fields.Dict(keys=fields.Str(metadata={"enum": list(REGIONS)}),
                          values=fields.Str(metadata={"enum": sorted(NOTE_SIGNAL)}),
                          load_default=None, metadata={"description": "fit notes per region"})
    scan_id = fields.Str(load_default=None)
    measurements = _body_cm()
    tailor_corrections = _body_cm()


def _as_customer(body: dict[str, Any], check_scan: bool = True) -> dict[str, Any]:
    """A customer token speaks for its own customer and its own scans only (``check_scan``
    False: the service checks the scan's owner itself)."""
    who = principal()
    if who.customer_id is None:
        return body
    if check_scan and body.get("scan_id"):
        get_scan(app_services(current_app).engine, who.tenant, body["scan_id"], who.customer_id)
    return {**body, "customer_id": who.customer_id}


def _touch(body: dict[str, Any]) -> None:
    retention.touch(app_services(current_app).engine, principal().tenant, body.get("customer_id"))


@blp.route("/fit", methods=["POST"])
@allow("storefront", "customer")
@blp.arguments(FitRequestSchema())  # an instance: a class is instantiated per request
@blp.response(200, FitResultSchema)
@problems(blp, 400, 404, 413, 422)
def fit(body: dict[str, Any]) -> Any:
    """Recommended size, neighbours, per-size probabilities, ease and reasons per item."""
    svc, body = app_services(current_app), _as_customer(body, check_scan=False)
    _touch(body)
    result = service.recommend(svc.fit_reads, principal().tenant, body, principal().customer_id)
    # already in the documented shape (tests/e2e/test_fit_response_shape.py): marshmallow's
    # dump and Flask's sorted json.dumps of it were a quarter of the request's time
    return current_app.response_class(orjson.dumps(result), mimetype="application/json")


@blp.route("/items/<item_id>/size-advice", methods=["GET"])
@allow("storefront", "customer")
@blp.response(200, SizeAdviceSchema)
@problems(blp, 404)
def size_advice(item_id: str) -> Any:
    """Does the item run small, true to size or large?"""
    svc = app_services(current_app)
    return service.size_advice(svc.engine, principal().tenant, item_id)


@blp.route("/feedback", methods=["POST"])
@allow("storefront", "customer")
@blp.arguments(FeedbackSchema)
@blp.response(201, FeedbackResultSchema)
@problems(blp, 400, 404, 413, 422)
def feedback(body: dict[str, Any]) -> Any:
    """Store a customer's outcome (small / fit / large / returned) and tailor corrections."""
    svc = app_services(current_app)
    if principal().customer_id and body.get("tailor_corrections"):
        raise Forbidden("customers cannot send tailor corrections",
                        hint="Tailor corrections come from the shop's or tailor's back end.")
    every = int(current_app.config.get("FIT_RETRAIN_EVERY", 0))
    body = _as_customer(body)
    _touch(body)
    return service.add_feedback(svc.engine, principal().tenant, body, svc.jobs, every), 201


@blp.route("/fit/models", methods=["GET"])
@allow()  # admin only
@blp.response(200, ModelListSchema)
@problems(blp, 400)
@blp.doc(**query(*PAGING))
def models() -> Any:
    """Stored model versions with their metrics; the active one is flagged."""
    svc = app_services(current_app)
    limit, offset = paging()
    versions = registry.list_versions(svc.engine, principal().tenant)
    return {"versions": versions[offset:offset + limit]}


@blp.route("/fit/models/retrain", methods=["POST"])
@allow()  # admin only
@blp.response(202, RetrainSchema)
@problems(blp)
def retrain() -> Any:
    """Start a retrain from stored feedback as a job (202; poll GET /v1/fit/jobs/{id})."""
    svc = app_services(current_app)
    job_id = svc.jobs.submit(registry.RETRAIN_JOB, {"tenant": principal().tenant}, principal().tenant)
    return {"job_id": job_id, "status_url": f"/v1/fit/jobs/{job_id}"}, 202


@blp.route("/fit/jobs/<job_id>", methods=["GET"])
@allow()  # admin only
@blp.response(200, JobSchema)
@problems(blp, 404)
def job(job_id: str) -> Any:
    """Progress / result of a retrain job."""
    svc = app_services(current_app)
    return svc.jobs.get(job_id, principal().tenant)


@blp.route("/fit/models/<int:version>/promote", methods=["POST"])
@allow()  # admin only
@blp.response(200, ModelVersionSchema)
@problems(blp, 404)
def promote(version: int) -> Any:
    """Make a stored version the active one."""
    svc = app_services(current_app)
    view = registry.promote_version(svc.engine, principal().tenant, version)
    svc.fit_reads.forget_model(principal().tenant)  # others: within READ_CACHE_S
    return view


@blp.route("/fit/models/rollback", methods=["POST"])
@allow()  # admin only
@blp.response(200, ModelVersionSchema)
@problems(blp, 409)
def rollback() -> Any:
    """Re-activate the version the active one replaced."""
    svc = app_services(current_app)
    view = registry.rollback(svc.engine, principal().tenant)
    svc.fit_reads.forget_model(principal().tenant)  # others: within READ_CACHE_S
    return view
