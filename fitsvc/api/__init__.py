"""HTTP layer: blueprints only; each view parses, calls one service function, serialises."""

from __future__ import annotations

from flask_smorest import Api

from fitsvc.api import (
    avatar,
    catalog,
    customers,
    estimates,
    fit,
    health,
    keys,
    live,
    markers,
    patterns,
    scans,
)

BLUEPRINTS = (health, live, scans, estimates, avatar, catalog, fit, patterns, markers, keys, customers)


def register_blueprints(api: Api) -> None:
    for module in BLUEPRINTS:
        api.register_blueprint(module.blp)
