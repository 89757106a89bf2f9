"""Application factory: config layering, adapters, blueprints, error handlers."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_smorest import Api

from fitsvc import config as config_mod
from fitsvc.services import build_services


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask app. `config` overrides defaults and `FITSVC_*` environment values."""
    cfg = config_mod.build(config)
    app = Flask("fitsvc")
    app.config.update(cfg)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["fitsvc"] = build_services(cfg)

    from fitsvc.api import register_blueprints
    from fitsvc.api.access import install as install_access
    from fitsvc.api.limits import install as install_limits
    from fitsvc.api.problems import register_error_handlers

    api = Api(app, spec_kwargs={"info": {"description": "Made-to-measure fit service"}})
    register_blueprints(api)
    install_access(app, api)
    install_limits(app)
    register_error_handlers(app)
    return app
