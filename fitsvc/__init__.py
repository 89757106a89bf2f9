"""fitsvc: made-to-measure fit service (photo measurements, size advice, patterns, markers)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

    from fitsvc.services import Services

__all__ = ["app_services", "create_app"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Application factory (imported lazily so `import fitsvc` stays cheap)."""
    from fitsvc.app import create_app as _create

    return _create(config)


def app_services(app: Flask) -> Services:
    """The adapters wired by the factory for this app."""
    from fitsvc.services import Services

    services = app.extensions["fitsvc"]
    assert isinstance(services, Services)
    return services
