"""Alembic environment. fitsvc.migrate hands over its connection in
``config.attributes["connection"]``; otherwise the configured DATABASE_URL is used."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from fitsvc.db import Base, import_models, make_engine

import_models()


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    if context.is_offline_mode():
        raise SystemExit("offline (--sql) migrations are not supported; run `fitsvc db upgrade`")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from fitsvc import config

    url = context.config.get_main_option("sqlalchemy.url") or config.build()["DATABASE_URL"]
    engine = make_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


_main()
