"""GET /v1/scans/{id}/avatar.glb (and .obj): the customer's 3D anny avatar.

The avatar is fitted to the scan's stature, chest, waist and hip (``fitsvc.synth.avatars``).
"""

from __future__ import annotations

from flask import Response, current_app
from flask_smorest import Blueprint

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import BINARY, problems
from fitsvc.api.scans import owned_scan
from fitsvc.synth.avatars import scan_avatar

blp = Blueprint("avatar", __name__, url_prefix="/v1/scans",
                description="3D avatar fitted to a scan's measurements")

MIME = {"glb": "model/gltf-binary", "obj": "model/obj"}


@blp.route("/<scan_id>/avatar.glb")
@allow("customer", "storefront", "tailor")
@blp.response(200, BINARY, content_type=MIME["glb"])
@problems(blp, 404)
def avatar_glb(scan_id: str) -> Response:
    """Anny avatar (metres, +Z up) whose stature, chest, waist and hip match the scan."""
    svc = app_services(current_app)
    owned_scan(scan_id, "avatar")
    return Response(scan_avatar(svc.engine, principal().tenant, scan_id, "glb"),
                    mimetype=MIME["glb"])


@blp.route("/<scan_id>/avatar.obj")
@allow("customer", "storefront", "tailor")
@blp.response(200, BINARY, content_type=MIME["obj"])
@problems(blp, 404)
def avatar_obj(scan_id: str) -> Response:
    """The same avatar as Wavefront OBJ."""
    svc = app_services(current_app)
    owned_scan(scan_id, "avatar")
    return Response(scan_avatar(svc.engine, principal().tenant, scan_id, "obj"),
                    mimetype=MIME["obj"])
