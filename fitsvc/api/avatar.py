"""GET /v1/scans/{id}/avatar.glb (and .obj): the customer's 3D anny avatar.

The avatar is fitted (``fitsvc.synth.avatar.fit_avatar``) to the scan's stature, chest,
waist and hip once per scan and kept in a small in-process LRU cache; GLB/OBJ export is cheap.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from flask import Response, current_app
from flask_smorest import Blueprint

from fitsvc import app_services
from fitsvc.synth.avatar import GIRTHS, export_mesh, fit_avatar
from fitsvc.synth.body import Body

blp = Blueprint("avatar", __name__, url_prefix="/v1/scans",
                description="3D avatar fitted to a scan's measurements")

MIME = {"glb": "model/gltf-binary", "obj": "model/obj"}


_CACHE: OrderedDict[tuple[str, str], Body] = OrderedDict()
_LOCK = threading.Lock()


def scan_avatar(engine: Any, tenant: str, scan_id: str, fmt: str = "glb") -> bytes:
    """Service: the avatar of a stored scan as GLB/OBJ bytes (fitted once per scan, cached in memory)."""
    from fitsvc.measure.scans import get_scan

    rec = get_scan(engine, tenant, scan_id)  # NotFound for other tenants / deleted scans
    key = (tenant, scan_id)
    with _LOCK:
        if key not in _CACHE:
            targets = {"stature": float(rec.height_cm)}
            targets.update({g: float(rec.measurements[g]["value_cm"]) for g in GIRTHS
                            if g in rec.measurements})
            sex = rec.sex or ("female" if targets.get("hip_girth", 0) - targets.get(
                "chest_girth", 0) > 4 else "male")
            _CACHE[key] = fit_avatar(sex, targets, rec.weight_kg).body
            while len(_CACHE) > 32:
                _CACHE.popitem(last=False)
        body = _CACHE[key]
    return export_mesh(body, fmt)


@blp.route("/<scan_id>/avatar.glb")
@blp.response(200, content_type=MIME["glb"])
def avatar_glb(scan_id: str) -> Response:
    """Anny avatar (metres, +Z up) whose stature, chest, waist and hip match the scan."""
    svc = app_services(current_app)
    return Response(scan_avatar(svc.engine, svc.tenant, scan_id, "glb"), mimetype=MIME["glb"])


@blp.route("/<scan_id>/avatar.obj")
@blp.response(200, content_type=MIME["obj"])
def avatar_obj(scan_id: str) -> Response:
    """The same avatar as Wavefront OBJ."""
    svc = app_services(current_app)
    return Response(scan_avatar(svc.engine, svc.tenant, scan_id, "obj"), mimetype=MIME["obj"])
