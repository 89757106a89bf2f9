"""CORS for the JSON API, so a shop's own pages can embed the size widget.

Credentials travel in the ``Authorization`` header (customer tokens), never in cookies
across sites: the answer allows ``CORS_ORIGINS`` (default ``*``) without credentials, so a
logged-in staff session cannot be used from another site.
"""

from __future__ import annotations

from flask import Flask, Response, request


def install(app: Flask) -> None:
    origins = str(app.config.get("CORS_ORIGINS", "*"))

    @app.after_request
    def _cors(resp: Response) -> Response:
        if request.path.startswith("/v1/") or request.path == "/openapi.json":
            origin = request.headers.get("Origin", "")
            allowed = origins == "*" or origin in origins.split(",")
            if allowed:
                resp.headers["Access-Control-Allow-Origin"] = "*" if origins == "*" else origin
                resp.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
                resp.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, DELETE"
                resp.headers["Access-Control-Expose-Headers"] = "Retry-After, Location"
                resp.headers["Access-Control-Max-Age"] = "600"
                if origins != "*":
                    resp.headers["Vary"] = "Origin"
        return resp
