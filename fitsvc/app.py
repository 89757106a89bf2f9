"""Application factory: config layering, adapters, blueprints, error handlers."""

from __future__ import annotations

from typing import Any

from flask import Flask

from fitsvc import config as config_mod
from fitsvc.services import build_services


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app. `config` overrides defaults and `FITSVC_*` environment values."""
    cfg = config_mod.build(config)
    app = Flask("fitsvc")
    app.config.update(cfg)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    services = app.extensions["fitsvc"] = build_services(cfg)
    # web sessions (tailor / shop staff) are signed with the server's secret key
    app.secret_key = services.secret_key
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")

    from fitsvc.api import register_blueprints
    from fitsvc.api.access import install as install_access
    from fitsvc.api.cors import install as install_cors
    from fitsvc.api.docs import FitApi
    from fitsvc.api.json_guard import install as install_json_guard
    from fitsvc.api.limits import install as install_limits
    from fitsvc.api.problems import register_error_handlers
    from fitsvc.web import register as register_pages

    api = FitApi(app, spec_kwargs={"info": {"description": "Made-to-measure fit service"}})
    register_blueprints(api)
    app.extensions["fitsvc_api"] = api
    register_pages(app)
    install_access(app, api)
    install_limits(app)
    install_json_guard(app)
    install_cors(app)
    register_error_handlers(app)
    return app
