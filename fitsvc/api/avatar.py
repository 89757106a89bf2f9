"""GET /v1/scans/{id}/avatar.glb (and .obj): the customer's 3D anny avatar.

The avatar is fitted to the scan's stature, chest, waist and hip by an ``avatar`` job
(``fitsvc.synth.avatars``) and kept in the artefact store. The request waits for the job up to
``AVATAR_WAIT_S`` seconds; a job still running then answers 202 with the job and
``Retry-After``: ask the same URL again.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify
from flask_smorest import Blueprint

from fitsvc import app_services
from fitsvc.api.access import allow, principal
from fitsvc.api.docs import BINARY, problems
from fitsvc.api.scans import owned_scan
from fitsvc.api.schemas import JobSchema
from fitsvc.synth.avatars import avatar_file

blp = Blueprint("avatar", __name__, url_prefix="/v1/scans",
                description="3D avatar fitted to a scan's measurements")

MIME = {"glb": "model/gltf-binary", "obj": "model/obj"}
RETRY_AFTER_S = 3


def _avatar(scan_id: str, fmt: str) -> Any:
    svc = app_services(current_app)
    owned_scan(scan_id, "avatar")
    data, job = avatar_file(svc.engine, svc.store, svc.jobs, principal().tenant, scan_id, fmt,
                            float(svc.config.get("AVATAR_WAIT_S", 30)))
    if data is None:
        resp = jsonify(JobSchema().dump(job))
        resp.status_code = 202
        resp.headers["Retry-After"] = str(RETRY_AFTER_S)
        resp.headers["Location"] = f"/v1/scans/{scan_id}/avatar.{fmt}"
        return resp
    return Response(data, mimetype=MIME[fmt])


@blp.route("/<scan_id>/avatar.glb")
@allow("customer", "storefront", "tailor")
@blp.response(200, BINARY, content_type=MIME["glb"])
@blp.alt_response(202, schema=JobSchema, description="still being made: ask again after "
                                                      "`Retry-After` seconds")
@problems(blp, 404, 429)
def avatar_glb(scan_id: str) -> Response:
    """Anny avatar (metres, +Z up) whose stature, chest, waist and hip match the scan."""
    return _avatar(scan_id, "glb")


@blp.route("/<scan_id>/avatar.obj")
@allow("customer", "storefront", "tailor")
@blp.response(200, BINARY, content_type=MIME["obj"])
@blp.alt_response(202, schema=JobSchema, description="still being made: ask again after "
                                                      "`Retry-After` seconds")
@problems(blp, 404, 429)
def avatar_obj(scan_id: str) -> Response:
    """The same avatar as Wavefront OBJ."""
    return _avatar(scan_id, "obj")
