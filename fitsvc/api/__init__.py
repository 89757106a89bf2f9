"""HTTP layer: blueprints only; each view parses, calls one service function, serialises."""

from __future__ import annotations

from flask_smorest import Api

from fitsvc.plugins import import_optional

# Blueprint modules, each exposing `blp`. Optional ones are skipped when not installed yet.
BLUEPRINTS = (
    "fitsvc.api.health",
    "fitsvc.api.scans",
    "fitsvc.api.estimates",
    "fitsvc.api.avatar",
    "fitsvc.api.catalog",
    "fitsvc.api.fit",
    "fitsvc.api.patterns",
    "fitsvc.api.markers",
)


def register_blueprints(api: Api) -> None:
    for name in BLUEPRINTS:
        module = import_optional(name)
        if module is not None:
            api.register_blueprint(module.blp)
