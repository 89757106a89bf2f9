"""Helpers for the fit e2e tests: an app on a temporary SQLite file, no detector loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CATALOG = ROOT / "sample_data" / "catalog"
BODY = {"chest_girth": 92.0, "waist_girth": 74.0, "hip_girth": 100.0, "inside_leg": 78.0,
        "arm_length": 59.0}


def make_app(tmp_path: Path) -> Flask:
    """These tests retrain and promote through the registry directly, behind the API's back:
    per-process read caches are off (their promises: tests/e2e/test_read_caches.py)."""
    from fitsvc import create_app

    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'fit.sqlite3'}",
                       "DETECTOR": "unused-in-fit-tests", "READ_CACHE_S": 0})


def shutdown(app: Flask) -> None:
    from fitsvc import app_services

    app_services(app).jobs.shutdown()  # type: ignore[attr-defined]


def app_with_catalog(tmp_path: Path) -> Iterator[Flask]:
    """An app whose tenant 'default' has the sample catalog (for pytest fixtures to yield from)."""
    from tests.auth_helpers import authed_client

    app = make_app(tmp_path)
    authed_client(app).post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
                            content_type="application/json")
    yield app
    shutdown(app)
