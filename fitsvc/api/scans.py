"""POST/GET/DELETE /v1/scans and the overlay picture."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from fitsvc import app_services, retention
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import BINARY, problems
from fitsvc.api.schemas import ScanFormSchema, ScanSchema, ScanUploadSchema
from fitsvc.auth import audit
from fitsvc.erasure import erase_scan
from fitsvc.errors import ServiceError
from fitsvc.measure import scans
from fitsvc.measure.records import ScanRecord

blp = Blueprint("scans", __name__, url_prefix="/v1/scans", description="Photo body scans")

_FILE_HINT = ("Send multipart/form-data with a `front` photo (and a `side` photo), or a "
              "`front_mask` (and a `side_mask`) PNG for a silhouette scan.")


def _file(name: str, required: bool) -> bytes | None:
    """One uploaded file, read no further than MAX_PHOTO_BYTES + 1 (413 photo_too_large)."""
    f = request.files.get(name)
    if f is None:
        if required:
            raise ServiceError(f"the `{name}` photo is missing", code="missing_photo",
                               hint=_FILE_HINT, status=400)
        return None
    limit = int(current_app.config.get("MAX_PHOTO_BYTES") or 0)
    data = f.read(limit + 1) if limit > 0 else f.read()
    if limit > 0 and len(data) > limit:
        raise ServiceError(f"the `{name}` file is larger than {limit / 2**20:g} MB",
                           code="photo_too_large", status=413, details={"field": name},
                           hint=f"Send each photo or mask as the phone saved it, at most "
                                f"{limit / 2**20:g} MB (a phone photo is 2–8 MB).")
    return data


def owned_scan(scan_id: str, what: str = "scan") -> ScanRecord:
    """The caller's scan (a customer token sees only its customer's), logged as a read."""
    svc, who = app_services(current_app), principal()
    rec = scans.get_scan(svc.engine, who.tenant, scan_id, who.customer_id)
    audit.record(svc.engine, svc.secret_key, who, "read", what, scan_id, rec.customer_id)
    return rec


@blp.route("")
class Scans(MethodView):
    @allow("customer", "storefront", "tailor")
    @blp.arguments(ScanFormSchema, location="form", content_type="multipart/form-data")
    @blp.response(201, ScanSchema)
    @problems(blp, 400, 413, 415, 422)
    @blp.doc(requestBody={"required": True, "content": {
        "multipart/form-data": {"schema": ScanUploadSchema}}})
    def post(self, form: dict[str, Any]) -> Any:
        """Measure a customer from a front (and side) photo, or from silhouettes, plus height;
        photos and masks are not kept."""
        if not (request.mimetype or "").startswith("multipart/form-data"):
            raise ServiceError("photos must be sent as multipart/form-data",
                               code="unsupported_media_type", hint=_FILE_HINT, status=415)
        svc, who = app_services(current_app), principal()
        form = scans.with_customer(form, who)
        retention.touch(svc.engine, who.tenant, form.get("customer_id"))
        max_pixels = int(current_app.config["MAX_IMAGE_PIXELS"])
        masks = "front_mask" in request.files or "side_mask" in request.files
        photos = "front" in request.files or "side" in request.files
        if masks and photos:
            raise ServiceError("send photos or silhouettes, not both", code="mixed_inputs",
                               hint=_FILE_HINT, status=400)
        if masks:
            front, side = _file("front_mask", True), _file("side_mask", False)
            assert front is not None
            return scans.create_silhouette_scan(svc.engine, who.tenant, front, side, form,
                                                max_pixels=max_pixels)
        front, side = _file("front", True), _file("side", False)
        assert front is not None
        return scans.create_scan(svc.engine, svc.detector(), who.tenant, front, side, form,
                                 min_side=int(current_app.config["MIN_IMAGE_SIDE"]),
                                 max_pixels=max_pixels)


@blp.route("/<scan_id>")
class Scan(MethodView):
    @allow("customer", "storefront", "tailor")
    @blp.response(200, ScanSchema)
    @problems(blp, 404)
    def get(self, scan_id: str) -> Any:
        """A stored scan."""
        return scans.scan_view(owned_scan(scan_id))

    @allow("customer", "storefront", "tailor")
    @blp.response(204)
    @problems(blp, 404)
    def delete(self, scan_id: str) -> None:
        """Delete a scan and everything derived from it: the tailor's corrections, the
        feedback rows and the patterns made from it."""
        svc, who = app_services(current_app), principal()
        rec = scans.get_scan(svc.engine, who.tenant, scan_id, who.customer_id)
        erase_scan(svc.engine, who.tenant, scan_id, svc.store)
        audit.record(svc.engine, svc.secret_key, who, "delete", "scan", scan_id, rec.customer_id)


@blp.route("/<scan_id>/overlay.png")
@allow("customer", "storefront", "tailor")
@blp.response(200, BINARY, content_type="image/png")
@problems(blp, 404)
def overlay(scan_id: str) -> Response:
    """Silhouette, keypoints and measurement levels as a PNG."""
    svc = app_services(current_app)
    png = scans.overlay_png(svc.engine, svc.store, owned_scan(scan_id, "overlay"))
    return Response(png, mimetype="image/png")
