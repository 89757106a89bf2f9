"""Shared fixtures: app → client with a temporary SQLite database; paths to sample data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.auth_helpers import authed_client

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE_PEOPLE = ROOT / "sample_data" / "people"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not present ({path} missing): shared data tests skipped")
    return path


@pytest.fixture(scope="session")
def mediapipe_detector():
    """One real MediaPipe detector per test session (loading it costs seconds)."""
    from fitsvc.measure.mediapipe_pose import MediaPipePoseDetector

    det = MediaPipePoseDetector()
    yield det
    det.close()


@pytest.fixture
def app(tmp_path: Path, mediapipe_detector) -> Iterator[Flask]:
    from fitsvc import app_services, create_app

    app = create_app({
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "DETECTOR": mediapipe_detector,
    })
    yield app
    app_services(app).jobs.shutdown()  # type: ignore[attr-defined]


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return authed_client(app)
