"""/docs: the API reference rendered on the server from /openapi.json (no CDN, no build)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template

from fitsvc.api.access import public
from fitsvc.web import session

bp = Blueprint("apidocs", __name__)

METHODS = ("get", "post", "put", "delete")


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            body = op.get("requestBody", {}).get("content", {})
            out.append({
                "method": method.upper(), "path": path, "tag": (op.get("tags") or ["other"])[0],
                "summary": op.get("summary", ""), "description": op.get("description", ""),
                "params": [p for p in op.get("parameters", []) if p.get("in") != "path"],
                "body": sorted(body), "responses": sorted(op.get("responses", {})),
                "anchor": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
            })
    return out


@bp.route("/docs")
@public
def docs() -> str:
    spec = current_app.extensions["fitsvc_api"].spec.to_dict()
    ops = _operations(spec)
    tags = sorted({op["tag"] for op in ops})
    return render_template("docs.html", ops=ops, tags=tags, info=spec.get("info", {}),
                           user=session.current())
