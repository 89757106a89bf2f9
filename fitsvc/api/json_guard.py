"""JSON request bodies are checked before any view or webargs parses them.

Python's ``json`` crashes with RecursionError on deeply nested input and with a plain
ValueError on integers of more than 4300 digits; neither Flask's ``get_json`` nor webargs
catches those, so they would be 500s on every JSON endpoint. This hook refuses such a body
with 400 ``invalid_json`` (:func:`fitsvc.safe_json.structure_problem`: no parsing, a few
milliseconds per megabyte). It runs after authentication and the rate limits.
"""

from __future__ import annotations

from flask import Flask, request

from fitsvc.errors import ServiceError
from fitsvc.safe_json import MAX_DEPTH, structure_problem


def install(app: Flask) -> None:
    @app.before_request
    def _json_body() -> None:
        if not request.is_json:
            return
        problem = structure_problem(request.get_data(cache=True))
        if problem is not None:
            raise ServiceError(f"the JSON body cannot be accepted: {problem}", code="invalid_json",
                               status=400, hint=f"Send plain JSON: at most {MAX_DEPTH} levels "
                                                "deep, numbers of ordinary size.")
