"""Fixtures of the scale tests: one throw-away PostgreSQL server per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scale.pg import PgServer, start_server


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = start_server()
    yield server
    server.destroy()


@pytest.fixture()
def pg_url(pg_server: PgServer) -> str:
    """An empty database of its own for each test."""
    return pg_server.new_database()
