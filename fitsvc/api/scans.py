"""POST/GET/DELETE /v1/scans and the overlay picture."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from fitsvc import app_services, retention
from fitsvc.api.access import allow, principal
from fitsvc.api.schemas import ScanFormSchema, ScanSchema
from fitsvc.auth import audit
from fitsvc.erasure import erase_scan
from fitsvc.errors import ServiceError
from fitsvc.measure import scans
from fitsvc.measure.records import ScanRecord

blp = Blueprint("scans", __name__, url_prefix="/v1/scans", description="Photo body scans")

_FILE_HINT = ("Send multipart/form-data with a `front` photo (and a `side` photo), or a "
              "`front_mask` (and a `side_mask`) PNG for a silhouette scan.")


def _file(name: str, required: bool) -> bytes | None:
    f = request.files.get(name)
    if f is None:
        if required:
            raise ServiceError(f"the `{name}` photo is missing", code="missing_photo",
                               hint=_FILE_HINT, status=400)
        return None
    return f.read()


def owned_scan(scan_id: str, what: str = "scan") -> ScanRecord:
    """The caller's scan (a customer token sees only its customer's), logged as a read."""
    svc, who = app_services(current_app), principal()
    rec = scans.get_scan(svc.engine, who.tenant, scan_id, who.customer_id)
    audit.record(svc.engine, svc.secret_key, who, "read", what, scan_id, rec.customer_id)
    return rec


@blp.route("")
class Scans(MethodView):
    @allow("customer", "storefront", "tailor")
    @blp.arguments(ScanFormSchema, location="form")
    @blp.response(201, ScanSchema)
    def post(self, form: dict[str, Any]) -> Any:
        """Measure a customer from a front (and side) photo, or from silhouettes, plus height;
        photos and masks are not kept."""
        if not (request.mimetype or "").startswith("multipart/form-data"):
            raise ServiceError("photos must be sent as multipart/form-data",
                               code="unsupported_media_type", hint=_FILE_HINT, status=415)
        svc, who = app_services(current_app), principal()
        form = scans.with_customer(form, who)
        retention.touch(svc.engine, who.tenant, form.get("customer_id"))
        masks = "front_mask" in request.files or "side_mask" in request.files
        photos = "front" in request.files or "side" in request.files
        if masks and photos:
            raise ServiceError("send photos or silhouettes, not both", code="mixed_inputs",
                               hint=_FILE_HINT, status=400)
        if masks:
            front, side = _file("front_mask", True), _file("side_mask", False)
            assert front is not None
            return scans.create_silhouette_scan(svc.engine, who.tenant, front, side, form)
        front, side = _file("front", True), _file("side", False)
        assert front is not None
        return scans.create_scan(svc.engine, svc.detector(), who.tenant, front, side, form)


@blp.route("/<scan_id>")
class Scan(MethodView):
    @allow("customer", "storefront", "tailor")
    @blp.response(200, ScanSchema)
    def get(self, scan_id: str) -> Any:
        """A stored scan."""
        return scans.scan_view(owned_scan(scan_id))

    @allow("customer", "storefront", "tailor")
    @blp.response(204)
    def delete(self, scan_id: str) -> None:
        """Delete a scan and everything derived from it: the tailor's corrections, the
        feedback rows and the patterns made from it."""
        svc, who = app_services(current_app), principal()
        rec = scans.get_scan(svc.engine, who.tenant, scan_id, who.customer_id)
        erase_scan(svc.engine, who.tenant, scan_id)
        audit.record(svc.engine, svc.secret_key, who, "delete", "scan", scan_id, rec.customer_id)


@blp.route("/<scan_id>/overlay.png")
@allow("customer", "storefront", "tailor")
@blp.response(200, content_type="image/png")
def overlay(scan_id: str) -> Response:
    """Silhouette, keypoints and measurement levels as a PNG."""
    return Response(scans.overlay_png(owned_scan(scan_id, "overlay")), mimetype="image/png")
