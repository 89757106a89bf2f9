"""Errors as application/problem+json (RFC 9457) with a stable `code` and a `hint`."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, jsonify
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException

from fitsvc.errors import ServiceError

_HTTP_CODES = {
    400: ("bad_request", "Check the request body and parameters against /openapi.json."),
    404: ("not_found", "Check the URL and the id."),
    405: ("method_not_allowed", "See /openapi.json for the methods of this path."),
    413: ("payload_too_large", "Send a smaller request: up to 25 MB in all, each photo up to 15 MB."),
    415: ("unsupported_media_type", "Send multipart/form-data or application/json as documented."),
    422: ("invalid_input", "Fix the fields listed in `errors`."),
    429: ("rate_limited", "Too many requests for this credential; wait `Retry-After` seconds."),
}


def problem(status: int, code: str, message: str, hint: str = "", **extra: Any) -> Response:
    body: dict[str, Any] = {
        "type": f"https://fitsvc.example/problems/{code}",
        "title": code.replace("_", " "),
        "status": status,
        "code": code,
        "detail": message,
    }
    if hint:
        body["hint"] = hint
    body.update({k: v for k, v in extra.items() if v})
    resp = jsonify(body)
    resp.status_code = status
    resp.mimetype = "application/problem+json"
    return resp


DB_RETRY_AFTER_S = 5


def database_unavailable() -> Response:
    """503 while the database cannot be reached; the pool reconnects once it is back."""
    resp = problem(503, "database_unavailable", "The database cannot be reached right now.",
                   "Retry after `Retry-After` seconds; nothing was changed by this request. "
                   "If it persists, the operator should check that the database is running "
                   "and reachable at DATABASE_URL.")
    resp.headers["Retry-After"] = str(DB_RETRY_AFTER_S)
    g.retry_after = DB_RETRY_AFTER_S  # kept over the rate limiter's (api/limits.py)
    return resp


def is_unreachable(exc: BaseException) -> bool:
    """A dropped or refused connection, a busy pool, a disconnect the driver reported."""
    if isinstance(exc, (OperationalError, InterfaceError, PoolTimeoutError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ServiceError)
    def _service_error(exc: ServiceError) -> Response:
        return problem(exc.status, exc.code, exc.message, exc.hint, details=exc.details)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        code, hint = _HTTP_CODES.get(status, ("http_error", ""))
        errors = None
        data = getattr(exc, "data", None)
        if isinstance(data, dict):  # webargs/marshmallow validation messages
            errors = data.get("messages")
        if status == 422 and errors:
            code = "invalid_input"
        return problem(status, code, exc.description or code, hint, errors=errors)

    @app.errorhandler(DBAPIError)
    @app.errorhandler(PoolTimeoutError)
    def _database_error(exc: Exception) -> Response:
        if not is_unreachable(exc):
            return _unexpected(exc)
        app.logger.warning("database unavailable: %s", str(exc).splitlines()[0])
        return database_unavailable()

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        app.logger.exception("unhandled error")
        return problem(500, "internal_error", "Unexpected server error.",
                       "Try again; if it persists, report it with the time of the request.")
