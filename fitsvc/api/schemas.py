"""Request/response schemas shared by the measurement endpoints (they drive /openapi.json)."""

from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate


class EstimateSchema(Schema):
    value_cm = fields.Float(required=True)
    low_cm = fields.Float(required=True)
    high_cm = fields.Float(required=True)


class SubjectSchema(Schema):
    height_cm = fields.Float(required=True, validate=validate.Range(100, 230))
    weight_kg = fields.Float(load_default=None, allow_none=True, validate=validate.Range(25, 300))
    sex = fields.String(load_default=None, allow_none=True,
                        validate=validate.OneOf(["female", "male"]))
    age = fields.Float(load_default=None, allow_none=True, validate=validate.Range(16, 100))


class OwnedSubjectSchema(SubjectSchema):
    customer_id = fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=1, max=128),
        metadata={"description": "the shop's customer this scan belongs to (set from the "
                                 "token for customer tokens); erased with the customer"})


class ScanFormSchema(OwnedSubjectSchema):
    """Multipart form fields of POST /v1/scans. Files: `front` (photo) and optionally `side`,
    or `front_mask` and optionally `side_mask` (silhouette scan: PNG, person white on black)."""

    keep_silhouettes = fields.Boolean(
        load_default=True,
        metadata={"description": "store each view's 600 px one-bit silhouette and keypoints "
                                 "to draw the overlay picture later; false stores only the "
                                 "numbers (no overlay)"})

    clothing = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(["tight", "regular", "loose"]),
        metadata={"description": "what the customer wears: tight (underwear, sportswear, "
                                 "leggings), regular (T-shirt, shorts, jeans) or loose (loose "
                                 "shirt or trousers, skirt); tightens the intervals"})
    camera_pitch_deg = fields.Float(
        load_default=None, allow_none=True, validate=validate.Range(-60, 60),
        metadata={"description": "the phone's tilt from its orientation sensor: the camera's "
                                 "optical axis above the horizon in degrees (0 upright, "
                                 "positive tilted up); estimated from the photo when absent"})


class ScanUploadSchema(ScanFormSchema):
    """The whole multipart body of POST /v1/scans (documentation): the form fields and files."""

    front = Upload(metadata={"description": "front photo (JPEG, PNG, HEIC)"})
    side = Upload(metadata={"description": "side photo, optional"})
    front_mask = Upload(metadata={"description": "front silhouette PNG, person white on black"})
    side_mask = Upload(metadata={"description": "side silhouette PNG, optional"})


class ScanSchema(Schema):
    id = fields.String()
    customer_id = fields.String(allow_none=True)
    kind = fields.String(metadata={"description": "photo | silhouette | estimate"})
    feature_set = fields.String(metadata={"description": "front_side | front | subject"})
    subject = fields.Dict()
    measurements = fields.Dict(keys=fields.String(), values=fields.Nested(EstimateSchema))
    warnings = fields.List(fields.String())
    observed_cm = fields.Dict(keys=fields.String(), values=fields.Float())
    levels_cm = fields.Dict(keys=fields.String(), values=fields.Float())
    overlay_url = fields.String(allow_none=True)


class ProblemSchema(Schema):
    """An error as application/problem+json (RFC 9457) with a stable `code`."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    code = fields.String(required=True, metadata={"description": "stable error code"})
    detail = fields.String(required=True)
    hint = fields.String(metadata={"description": "what to do about it"})
    errors = fields.Dict(metadata={"description": "request validation messages per location "
                                                  "and field"})
    details = fields.Dict(metadata={"description": "e.g. `errors`: per-field or per-row "
                                                   "problems"})


class JobSchema(Schema):
    """A background job (marker, fit retrain): progress while it runs, then its result."""

    id = fields.String(required=True)
    kind = fields.String(required=True, metadata={"description": "marker | fit_retrain | …"})
    status = fields.String(required=True, validate=validate.OneOf(
        ["queued", "running", "cancelling", "succeeded", "failed", "cancelled"]))
    progress = fields.Dict(required=True)
    elapsed_s = fields.Float(required=True, allow_none=True)
    result = fields.Dict(required=True, allow_none=True)
    error = fields.String(required=True, allow_none=True)
