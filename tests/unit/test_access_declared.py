"""Default deny, checked statically: every route of the app declares its roles (``@allow``)
or is public (``@public``), and names only roles that exist, so no view is reachable by
accident and none is refused to everyone by a forgotten decorator or a misspelt role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from fitsvc.api.access import _PUBLIC_ENDPOINTS, PUBLIC, ROLES_ATTR
from fitsvc.auth.principal import CUSTOMER, ROLES


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from fitsvc import app_services, create_app

    tmp = tmp_path_factory.mktemp("access")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp / 'a.sqlite3'}",
                      "DETECTOR": "unused", "SECRET_KEY": "access-test",
                      "SECRET_KEY_FILE": str(Path(tmp) / "secret")})
    yield app
    app_services(app).close()


def _declared(app: Flask, endpoint: str, method: str) -> Any:
    """What the access layer reads for this endpoint and method (see access._declared_roles)."""
    if endpoint in _PUBLIC_ENDPOINTS:
        return PUBLIC
    view = app.view_functions[endpoint]
    cls = getattr(view, "view_class", None)
    if cls is not None:
        view = getattr(cls, method.lower(), None)
    return getattr(view, ROLES_ATTR, None)


def _routes(app: Flask) -> list[tuple[str, str, str]]:
    return [(method, rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})]


def test_every_route_declares_its_roles_or_is_public(app: Flask) -> None:
    undeclared = [(m, rule) for m, rule, endpoint in _routes(app)
                  if _declared(app, endpoint, m) is None]
    assert not undeclared, f"routes without @allow(...) or @public: {undeclared}"
    assert len(_routes(app)) > 30  # the API's blueprints are all registered


def test_declared_roles_exist(app: Flask) -> None:
    known = set(ROLES) | {CUSTOMER} | set(PUBLIC)
    wrong = {(m, rule): sorted(roles - known) for m, rule, endpoint in _routes(app)
             if (roles := _declared(app, endpoint, m)) is not None and not roles <= known}
    assert not wrong, f"unknown roles: {wrong}"


def test_only_probes_pages_and_docs_are_public(app: Flask) -> None:
    public = {rule for m, rule, endpoint in _routes(app) if _declared(app, endpoint, m) == PUBLIC}
    assert not {rule for rule in public if rule.startswith("/v1/")}, public
