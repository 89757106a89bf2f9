"""OpenAPI documentation helpers: problem+json error responses, query and binary bodies.

Every error is application/problem+json (:class:`~fitsvc.api.schemas.ProblemSchema`); each
view lists the statuses it can answer with :func:`problems`, and there is no catch-all
``default`` response, so a status a view does not document is a contract break.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar

from flask_smorest import Api, Blueprint

from fitsvc.api.paging import MAX_LIMIT, MAX_OFFSET
from fitsvc.api.schemas import ProblemSchema

F = TypeVar("F", bound=Callable[..., Any])
PROBLEM_JSON = "application/problem+json"
AUTH_STATUSES = (401, 403, 429)  # any view that needs a credential
BINARY = {"type": "string", "format": "binary"}


class FitApi(Api):
    """The Api with problem+json error responses and no ``default`` response."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_responses(self) -> None:
        for status in HTTPStatus:
            if status >= 400:
                self.spec.components.response(status.name, {
                    "description": status.phrase,
                    "content": {PROBLEM_JSON: {"schema": ProblemSchema}}}, lazy=True)


def problems(blp: Blueprint, *statuses: int, auth: bool = True) -> Callable[[F], F]:
    """Document the error statuses a view answers with (plus 401/403/429 unless public)."""
    every = sorted(set(statuses) | (set(AUTH_STATUSES) if auth else set()))

    def deco(fn: F) -> F:
        for status in every:
            fn = blp.alt_response(status, response=HTTPStatus(status).name)(fn)
        return fn

    return deco


def query(*params: dict[str, Any]) -> dict[str, Any]:
    """``blp.doc`` kwargs documenting query parameters the view reads itself."""
    return {"parameters": [{"in": "query", "required": False, **p} for p in params]}


PAGING = (
    {"name": "limit", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                                 "default": 100}, "description": "page size"},
    {"name": "offset", "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET,
                                  "default": 0},
     "description": "entries to skip"},
)


def binary(*mimetypes: str) -> dict[str, Any]:
    """A 200 response body of one of these binary content types (``blp.doc`` kwargs)."""
    return {"responses": {"200": {"description": "OK", "content": {
        m: {"schema": BINARY} for m in mimetypes}}}}
