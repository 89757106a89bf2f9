"""Readiness checks: the database answers a query, and the artefacts the measurement loaders
read are there (the paths the loaders use, not a configuration value). No MediaPipe import."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError


def database_answers(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT 1")).scalar() == 1
    except SQLAlchemyError:
        return False


def artefact_present(directory: Path) -> bool:
    """``meta.json`` names an artefact file that exists beside it."""
    try:
        meta = json.loads((directory / "meta.json").read_text())
        return (directory / str(meta["artefact"])).is_file()
    except (OSError, ValueError, KeyError, TypeError):
        return False


def check(engine: Engine) -> dict[str, bool]:
    from fitsvc.measure import body_prior, estimator, photo_model

    return {
        "database": database_answers(engine),
        "measure_model": artefact_present(estimator.DEFAULT_DIR),
        "photo_model": artefact_present(photo_model.DEFAULT_DIR),
        "body_prior": body_prior.DEFAULT_PATH.is_file(),
        "mediapipe_installed": importlib.util.find_spec("mediapipe") is not None,
    }
