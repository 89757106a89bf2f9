"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint

from fitsvc import app_services
from fitsvc.api.access import public

blp = Blueprint("health", __name__, description="Health probes")


@blp.route("/healthz")
@public
@blp.response(200)
def healthz() -> dict[str, Any]:
    """The process is up."""
    return {"status": "ok"}


@blp.route("/readyz")
@public
@blp.response(200)
def readyz() -> Any:
    """The database answers a query and the measurement artefacts are present (503 if not)."""
    from fitsvc.measure.readiness import check

    checks = check(app_services(current_app).engine)
    ok = all(checks.values())
    return {"status": "ready" if ok else "not_ready", "checks": checks}, (200 if ok else 503)
