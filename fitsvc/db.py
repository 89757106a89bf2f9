"""Database: SQLAlchemy 2 engine, declarative base and the tenant column every row carries.

The schema is made and upgraded by the Alembic migrations in fitsvc/migrations (see
fitsvc/migrate.py), never by ``create_all`` at start.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import DateTime, MetaData, String, create_engine, event, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

DEFAULT_TENANT = "default"
TABLE_MODULES = ("fitsvc.jobs_records", "fitsvc.measure.records", "fitsvc.fit.records",
                 "fitsvc.patterns.records", "fitsvc.markers.records", "fitsvc.auth.records",
                 "fitsvc.storage_records")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


# Named constraints, so that migrations (SQLite batch mode included) can address them.
NAMING = {"ix": "ix_%(column_0_label)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"}


class Base(DeclarativeBase):
    """Declarative base of every table."""

    metadata = MetaData(naming_convention=NAMING)


class TenantMixin:
    """Every stored record belongs to a tenant, so shops never see each other's data."""

    tenant_id: Mapped[str] = mapped_column(
        String(64), index=True, nullable=False, default=DEFAULT_TENANT
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def make_engine(url: str) -> Engine:
    """Create the engine; for SQLite files make the folder and enable WAL + foreign keys.

    Pooled connections to a database server are pinged before use, so that after a
    database restart the service reconnects by itself (requests during the outage answer
    503). A SQLite file cannot drop a connection: no ping (it was a fifth of a fit query)."""
    kwargs: dict[str, Any] = {"future": True, "pool_pre_ping": not url.startswith("sqlite")}
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    elif url.startswith("postgresql"):
        kwargs["connect_args"] = {"connect_timeout": 5}
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def import_models() -> None:
    """Import modules that define tables so they register on Base.metadata."""
    from fitsvc.plugins import import_optional

    for name in TABLE_MODULES:
        import_optional(name)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    # a plain Session: sessionmaker() would build a new Session subclass (and SQLAlchemy's
    # event dispatch for it) on every call, a third of a fit query's time
    session = Session(bind=engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def connection(bind: Engine | Connection) -> Iterator[Connection]:
    """``bind`` itself when it is a connection (the caller's: several reads on one pool
    checkout), else a new one from the engine's pool, returned after use."""
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as conn:
            yield conn


@contextmanager
def sqlite_file_lock(engine: Engine, name: str) -> Iterator[None]:
    """SQLite: an exclusive ``flock`` on ``<database>.<name>-lock`` held for the block, so
    that processes (and threads: each opens its own file) sharing the file take turns; a
    no-op for other databases and in-memory SQLite."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    import fcntl

    with open(f"{path}.{name}-lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


T = TypeVar("T", bound=TenantMixin)


def owned_exists(engine: Engine, model: type[T], record_id: str, tenant: str) -> bool:
    """Whether the tenant's record with this id (still) exists: one light query."""
    table: Any = model
    with engine.connect() as conn:
        return conn.execute(select(table.id).where(
            table.tenant_id == tenant, table.id == record_id)).first() is not None


def get_owned(engine: Engine, model: type[T], record_id: str, tenant: str, what: str) -> T:
    """The tenant's record with this id, detached; NotFound (404) for other tenants' ids too."""
    from fitsvc.errors import NotFound

    with session_scope(engine) as s:
        rec = s.get(model, record_id)
        if rec is None or rec.tenant_id != tenant:
            raise NotFound(f"{what} {record_id} not found")
        return rec
