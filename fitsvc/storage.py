"""Artefact storage port: rendered files kept so they are made once, not on every download.

Artefacts are derived bytes: pattern files (SVG, PDF, DXF …), marker files, scan overlay
pictures and avatar meshes. Keys are ``<tenant>/<kind>/<id>/<file>``, so everything of one
scan or one pattern goes with a prefix delete (erasure, ``fitsvc/erasure.py``).

Adapters, chosen by ``ARTEFACT_STORE`` in the composition root:

* ``local`` (default): files under ``ARTEFACT_DIR`` (unset: ``artefacts`` beside the SQLite
  database file, else ``var/artefacts``); atomic writes
  (a temporary file renamed into place), so a reader never sees half a file. Several
  machines may share it as a network mount.
* ``database``: the ``artefacts`` table of ``DATABASE_URL``, for several machines without a
  shared disk (PostgreSQL).
* ``none``: keep nothing (every download is rendered again).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from fitsvc.db import session_scope
from fitsvc.storage_records import ArtefactRecord

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){1,5}$")


def artefact_key(tenant: str, kind: str, record_id: str, name: str) -> str:
    """``<tenant>/<kind>/<id>/<name>``, checked."""
    return check_key(f"{tenant}/{kind}/{record_id}/{name}")


def artefact_prefix(tenant: str, kind: str, record_id: str) -> str:
    """Everything stored for one record: ``<tenant>/<kind>/<id>/``."""
    return check_key(f"{tenant}/{kind}/{record_id}/", prefix=True)


def check_key(key: str, prefix: bool = False) -> str:
    """A key (or, with ``prefix``, a key prefix ending in '/'): segments of letters, digits,
    '.', '_', '-', none starting with '.', so no key can leave the store's folder."""
    body = key[:-1] if prefix and key.endswith("/") else key
    if not _KEY.match(body) or (prefix and not key.endswith("/")):
        raise ValueError(f"invalid artefact key {key!r}")
    return key


class ArtefactStore(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...

    def delete_prefix(self, prefix: str) -> int:
        """Delete every artefact whose key starts with ``prefix`` (ends in '/')."""
        ...


class LocalDirStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def get(self, key: str) -> bytes | None:
        path = self.root / check_key(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, data: bytes) -> None:
        path = self.root / check_key(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def delete_prefix(self, prefix: str) -> int:
        folder = self.root / check_key(prefix, prefix=True)
        if not folder.is_dir():
            return 0
        n = sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
        return n


class DatabaseStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, key: str) -> bytes | None:
        with self.engine.connect() as conn:
            return conn.execute(select(ArtefactRecord.data).where(
                ArtefactRecord.key == check_key(key))).scalar()

    def put(self, key: str, data: bytes) -> None:
        with session_scope(self.engine) as s:
            rec = s.get(ArtefactRecord, check_key(key))
            if rec is None:
                s.add(ArtefactRecord(key=key, data=data))
            else:
                rec.data = data

    def delete_prefix(self, prefix: str) -> int:
        check_key(prefix, prefix=True)
        with self.engine.begin() as conn:
            res = conn.execute(delete(ArtefactRecord).where(
                ArtefactRecord.key.startswith(prefix, autoescape=True)))
            return int(res.rowcount or 0)


class NoStore:
    def get(self, key: str) -> bytes | None:
        return None

    def put(self, key: str, data: bytes) -> None:
        check_key(key)

    def delete_prefix(self, prefix: str) -> int:
        return 0


def default_dir(engine: Engine) -> Path:
    """``artefacts`` beside a SQLite database file, else ``var/artefacts`` of the checkout."""
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if db and db != ":memory:":
        return Path(db).resolve().parent / "artefacts"
    return Path(__file__).resolve().parents[1] / "var" / "artefacts"


def build_store(config: dict[str, Any], engine: Engine) -> ArtefactStore:
    """The adapter named by ARTEFACT_STORE: ``local`` (default), ``database`` or ``none``."""
    kind = str(config.get("ARTEFACT_STORE", "local"))
    if kind == "local":
        return LocalDirStore(config.get("ARTEFACT_DIR") or default_dir(engine))
    if kind == "database":
        return DatabaseStore(engine)
    if kind == "none":
        return NoStore()
    raise ValueError(f"unknown ARTEFACT_STORE {kind!r} (supported: local, database, none)")


def cached(store: ArtefactStore, key: str, make: Callable[[], dict[str, bytes]],
           still_there: Callable[[], bool]) -> bytes:
    """The artefact under ``key``; when missing, ``make()`` renders it (and siblings made on
    the way: {key: bytes}) into the store. ``still_there()`` is asked after storing: when
    the record was erased meanwhile, what was just stored goes too (an erasure deletes its
    prefix only after its commit, so one of the two always sees the other)."""
    data = store.get(key)
    if data is not None:
        return data
    made = make()
    for k, v in made.items():
        store.put(k, v)
    if not still_there():
        store.delete_prefix(key.rsplit("/", 1)[0] + "/")
    return made[key]
