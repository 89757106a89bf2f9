"""Response schemas of the fit endpoints (what ``fitsvc.fit.service`` and ``registry`` return)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from fitsvc.fit.registry import LABELS

ADVICE = validate.OneOf(["runs_small", "true_to_size", "runs_large"])


def _cm(required: bool = False) -> fields.Dict:
    """{region: cm}"""
    return fields.Dict(keys=fields.String(), values=fields.Float(), required=required)


class SizeFitSchema(Schema):
    size = fields.String(required=True)
    p_small = fields.Float(required=True)
    p_fit = fields.Float(required=True)
    p_large = fields.Float(required=True)
    ease_cm = _cm(required=True)


class FitItemSchema(Schema):
    """One item: `status` ok (with the sizes), unknown_item, missing_measurement (with
    `missing`) or no_comparable_region."""

    item_id = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(
        ["ok", "unknown_item", "missing_measurement", "no_comparable_region"]))
    model_version = fields.String(required=True)
    missing = fields.List(fields.String(), metadata={"description": "measurements to send"})
    recommended_size = fields.String()
    size_down = fields.String(allow_none=True)
    size_up = fields.String(allow_none=True)
    ease_cm = _cm()
    fit_cm = fields.Dict(keys=fields.String(), values=fields.Float(), metadata={
        "description": "per region, ease beyond what the item intends (cm): below 0 "
                       "tighter, above 0 looser"})
    reasons = fields.List(fields.String())
    sizes = fields.List(fields.Nested(SizeFitSchema))


class FitResultSchema(Schema):
    model_version = fields.String(required=True)
    items = fields.List(fields.Nested(FitItemSchema), required=True)


class SizeAdviceOfSizeSchema(Schema):
    advice = fields.String(required=True, validate=ADVICE)
    offset = fields.Float(required=True)
    regions = fields.Dict(keys=fields.String(), values=fields.String(validate=ADVICE),
                          required=True)


class SizeAdviceSchema(Schema):
    item_id = fields.String(required=True)
    advice = fields.String(required=True, validate=ADVICE)
    offset = fields.Float(required=True)
    sizes = fields.Dict(keys=fields.String(), values=fields.Nested(SizeAdviceOfSizeSchema),
                        required=True)
    regions = fields.Dict(keys=fields.String(), values=fields.String(validate=ADVICE),
                          required=True)
    region_corrections_cm = _cm(required=True)
    feedback_counts = fields.Dict(keys=fields.String(validate=validate.OneOf(list(LABELS))),
                                  values=fields.Integer(), required=True)
    model_version = fields.String(required=True)
    basis = fields.String(required=True)


class FeedbackResultSchema(Schema):
    id = fields.Integer(required=True)
    stored = fields.Boolean(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(list(LABELS)))
    used_measurements = fields.Boolean(required=True)
    corrections_stored = fields.Boolean(required=True)
    auto_retrain = fields.String(metadata={"description": "off, progress, or scheduled"})
    retrain_job_id = fields.String()
    status_url = fields.String()


class ModelVersionSchema(Schema):
    version = fields.Integer(required=True)
    model_version = fields.String(required=True)
    active = fields.Boolean(required=True)
    metrics = fields.Dict(required=True)
    params = fields.Dict(required=True)
    n_item_offsets = fields.Integer(required=True)
    n_customer_offsets = fields.Integer(required=True)
    n_size_offsets = fields.Integer(required=True)
    n_region_corrections = fields.Integer(required=True)
    created_at = fields.String(required=True, allow_none=True)


class ModelListSchema(Schema):
    versions = fields.List(fields.Nested(ModelVersionSchema), required=True)


class RetrainSchema(Schema):
    job_id = fields.String(required=True)
    status_url = fields.String(required=True)
