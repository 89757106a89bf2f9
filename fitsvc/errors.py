"""Service-level errors: each has a stable code, an HTTP status and a hint for the user."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """An error the caller can act on; rendered as application/problem+json."""

    code = "bad_request"
    status = 400
    hint = ""

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        hint: str | None = None,
        status: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if hint is not None:
            self.hint = hint
        if status is not None:
            self.status = status
        self.details = details or {}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.hint:
            out["hint"] = self.hint
        if self.details:
            out["details"] = self.details
        return out


class NotFound(ServiceError):
    code = "not_found"
    status = 404
    hint = "Check the id; records of other tenants are not visible."


class PhotoRejected(ServiceError):
    """A photo failed a quality gate (no person, cut off, wrong view, ...)."""

    status = 422


class InvalidInput(ServiceError):
    code = "invalid_input"
    status = 422
