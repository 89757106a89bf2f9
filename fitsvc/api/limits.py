"""Rate limits per credential (flask-limiter): each API key and each customer token has its
own budget (``RATE_LIMIT``), photo scans a tighter one (``RATE_LIMIT_SCANS``). Over the
limit → 429 ``rate_limited`` with ``Retry-After``. Unauthenticated calls never get this far
(401 first); the health probes are exempt.

The counters live in ``RATELIMIT_STORAGE_URI``: ``memory://`` for one process, a Redis URL
when several processes serve the same keys.
"""

from __future__ import annotations

from flask import Flask, Response, g, request
from flask_limiter import Limiter

from fitsvc.auth.principal import Principal


def _credential() -> str:
    who = g.get("principal")
    if isinstance(who, Principal):
        return f"{who.tenant}:{who.actor}:{who.customer_id or ''}"
    return f"ip:{request.remote_addr}"


def install(app: Flask) -> Limiter:
    """The app's limiter (kept in ``app.extensions['limiter']``)."""

    @app.after_request  # registered first, so it runs after the limiter's header hook
    def _keep_our_retry_after(response: Response) -> Response:
        """flask-limiter writes its window's reset into every response's Retry-After; a 503
        that set its own (``g.retry_after``) keeps it."""
        ours = g.get("retry_after")
        if ours is not None and response.status_code != 429:
            response.headers["Retry-After"] = str(ours)
        return response

    default = app.config.get("RATE_LIMIT") or None
    scans = app.config.get("RATE_LIMIT_SCANS")
    limiter = Limiter(_credential, app=app, default_limits=[default] if default else [],
                      storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"),
                      headers_enabled=True,
                      enabled=bool(default or scans))  # no limit configured: no per-request work
    if scans:
        for name in ("scans.Scans", "estimates.create"):
            view = app.view_functions[name]
            app.view_functions[name] = limiter.limit(scans, methods=["POST"])(view)  # type: ignore[assignment]
    for name in ("health.healthz", "health.readyz", "api-docs.openapi_json"):
        if name in app.view_functions:
            limiter.exempt(app.view_functions[name])
    return limiter
