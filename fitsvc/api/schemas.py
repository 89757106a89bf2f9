"""Request/response schemas shared by the measurement endpoints (they drive /openapi.json)."""

from __future__ import annotations

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
