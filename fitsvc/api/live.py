"""POST /v1/scans/check: live guidance on one camera frame while the customer frames it."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from fitsvc import app_services
from fitsvc.api.access import allow
from fitsvc.api.docs import problems
from fitsvc.errors import ServiceError
from fitsvc.measure.live_check import check_frame

blp = Blueprint("live", __name__, url_prefix="/v1/scans", description="Live framing guidance")

MAX_FRAME_BYTES = 2 * 1024 * 1024


class CheckFormSchema(Schema):
    view = fields.String(load_default="front", validate=validate.OneOf(["front", "side"]))


class CheckUploadSchema(CheckFormSchema):
    frame = fields.Raw(required=True, metadata={"type": "string", "format": "binary",
                                                "description": "a JPEG/PNG/WebP camera frame"})


class CheckSchema(Schema):
    ok = fields.Boolean(metadata={"description": "the frame passes every gate of a scan"})
    view = fields.String()
    code = fields.String(metadata={"description": "ready, or the refusal code a scan would give"})
    say = fields.String(metadata={"description": "what to do, in plain words"})
    reason = fields.String(allow_none=True)
    tips = fields.List(fields.String(), metadata={"description": "optional improvements"})


@blp.route("/check", methods=["POST"])
@allow("customer", "storefront", "tailor")
@blp.arguments(CheckFormSchema, location="form", content_type="multipart/form-data")
@blp.response(200, CheckSchema)
@problems(blp, 400, 413, 415, 422)
@blp.doc(requestBody={"required": True, "content": {
    "multipart/form-data": {"schema": CheckUploadSchema}}})
def check(form: dict[str, Any]) -> Any:
    """Would this frame pass a scan's gates (person, whole body, view, pose, light)? Nothing
    is stored; send a small frame (about 480 px tall) a few times a second."""
    upload = request.files.get("frame")
    if upload is None:
        raise ServiceError("the `frame` file is missing", code="missing_photo", status=400,
                           hint="Send multipart/form-data with a `frame` image and `view`.")
    data = upload.read(MAX_FRAME_BYTES + 1)
    if len(data) > MAX_FRAME_BYTES:
        raise ServiceError("a guidance frame must be under 2 MB", code="photo_too_large",
                           status=413, hint="Send a frame about 480 px tall as JPEG.")
    return check_frame(app_services(current_app).detector(), data, form["view"])



