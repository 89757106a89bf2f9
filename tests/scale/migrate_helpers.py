"""Helpers of the migration tests: a previous release's database, schema diffs, engines."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine

BACKENDS = ["sqlite", "postgresql"]


def engine_for(backend: str, request: pytest.FixtureRequest) -> Engine:
    """An engine on an empty database of the backend (a temporary SQLite file, or a fresh
    database on the session's PostgreSQL server)."""
    from fitsvc.db import make_engine

    if backend == "sqlite":
        url = f"sqlite:///{request.getfixturevalue('tmp_path') / 'm.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_url")
    engine = make_engine(url)
    request.addfinalizer(engine.dispose)
    return engine


def make_previous_release(engine: Engine) -> None:
    """What release 8ed806e left: its tables made by create_all, no alembic_version."""
    from fitsvc.migrate import alembic_config

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(text("DROP TABLE alembic_version"))


def schema_diff(engine: Engine) -> list[Any]:
    """What differs between the database and the models (empty: the migrations match)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from fitsvc.db import Base, import_models

    import_models()
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(ctx, Base.metadata))
