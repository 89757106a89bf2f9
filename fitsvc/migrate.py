"""Schema migrations (Alembic, fitsvc/migrations): run at start by build_services, and by
`fitsvc db upgrade`. A database made by a release before migrations (tables, no
alembic_version) is stamped with the initial revision when its tables match, then upgraded."""

from __future__ import annotations

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, inspect, text
from sqlalchemy.engine import Connection, Engine

from fitsvc.db import sqlite_file_lock
from fitsvc.errors import ServiceError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
INITIAL = "0001"
_PG_LOCK_KEY = 0x66697473  # pg_advisory_xact_lock: one process migrates at a time


class SchemaMismatch(ServiceError):
    status = 500
    code = "schema_mismatch"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's config for our migrations; the connection, when given, is used as is."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Bring the schema to `revision`; returns the revisions (before, after)."""
    with sqlite_file_lock(engine, "migrate"), engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        before = MigrationContext.configure(conn).get_current_revision()
        cfg = alembic_config(conn)
        if before is None and _stamp_legacy(conn):
            command.stamp(cfg, INITIAL)
        command.upgrade(cfg, revision)
        after = MigrationContext.configure(conn).get_current_revision()
    return before, after


def _stamp_legacy(conn: Connection) -> bool:
    """True when the unversioned database holds a release's tables (stamp it 0001); False
    when it is empty; SchemaMismatch when it holds tables the initial revision cannot explain."""
    from fitsvc.migrations.versions import r0001_initial

    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    if not tables:
        return False
    missing = []
    for name, items in r0001_initial.schema().items():
        have = {c["name"] for c in inspector.get_columns(name)} if name in tables else set()
        missing += [f"{name}.{i.name}" for i in items if isinstance(i, Column) and i.name not in have]
    if missing:
        raise SchemaMismatch(
            f"the database has tables but no alembic_version, and lacks {', '.join(missing[:8])}",
            hint="Point DATABASE_URL at an empty database, or at one a fitsvc release made.")
    return True


def _engine() -> Engine:
    from fitsvc import config
    from fitsvc.db import make_engine

    return make_engine(config.build()["DATABASE_URL"])


def _cmd_upgrade(args: argparse.Namespace) -> int:
    before, after = upgrade(_engine(), args.revision)
    print(f"database at {after} (was {before or 'unversioned'})")
    return 0


def _cmd_current(_args: argparse.Namespace) -> int:
    now = current(_engine())
    print(f"{now or 'unversioned'} (head {head()})")
    return 0 if now == head() else 1


def _cmd_revision(args: argparse.Namespace) -> int:
    engine = _engine()
    upgrade(engine)
    with engine.begin() as conn:
        command.revision(alembic_config(conn), args.message, autogenerate=True,
                         rev_id=args.rev_id)
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="database schema migrations (DATABASE_URL)")
    dsub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = dsub.add_parser("upgrade", help="migrate the schema (default: to the newest revision)")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(func=_cmd_upgrade)
    dsub.add_parser("current", help="print the revision; exit 1 when not at head").set_defaults(
        func=_cmd_current)
    rev = dsub.add_parser("revision", help="(developers) write a revision from the models' diff")
    rev.add_argument("-m", "--message", required=True)
    rev.add_argument("--rev-id", required=True, help="e.g. 0003")
    rev.set_defaults(func=_cmd_revision)
