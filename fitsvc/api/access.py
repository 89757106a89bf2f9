"""Authentication and roles at the HTTP edge: every view is denied unless it says who may.

``Authorization: Bearer fsk_…`` (an API key) or ``Bearer fct_…`` (a customer token).
Missing or invalid → 401 ``unauthorized``; a role the view does not allow → 403
``forbidden``. Views declare their roles with :func:`allow` or :func:`public`; a view that
declares neither is refused for everyone (default deny), which a test checks for every route.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, g, request, session

from fitsvc import app_services
from fitsvc.auth import keys, tokens
from fitsvc.auth.principal import Principal
from fitsvc.errors import ServiceError

F = TypeVar("F", bound=Callable[..., Any])
ROLES_ATTR = "_fitsvc_roles"
PUBLIC = frozenset({"*"})
_PUBLIC_ENDPOINTS = {"static", "api-docs.openapi_json"}


def allow(*roles: str) -> Callable[[F], F]:
    """Roles (besides admin) that may call this view; ``customer`` for customer tokens."""

    def deco(fn: F) -> F:
        setattr(fn, ROLES_ATTR, frozenset(roles))
        return fn

    return deco


def public(fn: F) -> F:
    """No credential needed (health probes)."""
    setattr(fn, ROLES_ATTR, PUBLIC)
    return fn


class Unauthorized(ServiceError):
    code = "unauthorized"
    status = 401
    hint = ("Send `Authorization: Bearer <key>` with an API key (`fitsvc keys create`) or a "
            "customer token from POST /v1/customer-tokens.")


class Forbidden(ServiceError):
    code = "forbidden"
    status = 403


def principal() -> Principal:
    """The authenticated caller of the current request."""
    who = g.get("principal")
    assert isinstance(who, Principal), "view without @allow reached"
    return who


def _declared_roles() -> frozenset[str] | None:
    if request.endpoint in _PUBLIC_ENDPOINTS:
        return PUBLIC
    view = current_app.view_functions.get(request.endpoint or "")
    cls = getattr(view, "view_class", None)
    if cls is not None:
        view = getattr(cls, request.method.lower(), None)
    return getattr(view, ROLES_ATTR, None)


def _session_principal() -> Principal:
    """A logged-in web session (``fitsvc.web.session``): the key it was opened with, checked
    again on every request; a state-changing call must echo the session's CSRF token."""
    if request.method not in ("GET", "HEAD") and (
            request.headers.get("X-CSRF-Token", "") != session.get("csrf")):
        raise Forbidden("missing or wrong X-CSRF-Token", code="csrf_failed",
                        hint="Reload the page and try again.")
    rec = app_services(current_app).keys.active(str(session["key_id"]))
    if rec is None:
        session.clear()
        raise Unauthorized("the session's key was revoked; log in again")
    return Principal(tenant=rec.tenant_id, role=rec.role, key_id=rec.id)


def _authenticate() -> Principal:
    header = request.headers.get("Authorization", "")
    if not header and session.get("key_id"):
        return _session_principal()
    scheme, _, credential = header.partition(" ")
    if scheme.lower() != "bearer" or not credential.strip():
        raise Unauthorized("this endpoint needs a credential")
    credential = credential.strip()
    svc = app_services(current_app)
    if credential.startswith(tokens.PREFIX):
        who = tokens.verify(svc.engine, svc.secret_key, credential, lookup=svc.keys.active)
    else:
        who = keys.verify_key(svc.engine, credential, svc.keys.active)
    if who is None:
        raise Unauthorized("the credential is unknown, revoked or expired")
    return who


def _check_access() -> None:
    if request.endpoint is None or request.method == "OPTIONS":
        return  # unknown route (404) or CORS preflight
    roles = _declared_roles()
    if roles == PUBLIC:
        return
    if roles is None:  # default deny
        raise Forbidden("this endpoint is not open to any role", hint="Report this as a bug.")
    who = _authenticate()
    if not who.may(roles):
        allowed = ", ".join(sorted(roles | {"admin"}))
        raise Forbidden(f"a {who.role} credential may not call this endpoint",
                        hint=f"Use a credential with one of these roles: {allowed}.")
    g.principal = who


def install(app: Flask, api: Any) -> None:
    """Check every request; document the bearer scheme in /openapi.json."""
    app.before_request(_check_access)
    api.spec.components.security_scheme(
        "bearer", {"type": "http", "scheme": "bearer",
                   "description": "an API key (fsk_…) or a customer token (fct_…)"})
    api.spec.options["security"] = [{"bearer": []}]
