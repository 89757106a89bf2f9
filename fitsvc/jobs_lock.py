"""One tenant's job bookkeeping at a time, across threads, processes and machines.

Checking a cap and then inserting or starting a job are two statements; done concurrently by
several serving processes or workers they could together overshoot the cap.
``tenant_job_lock`` makes the pair atomic: a transaction-scoped advisory lock keyed by the
tenant on PostgreSQL (held until commit, across machines), an exclusive lock file on SQLite
(all its processes are on one machine), plus a lock of this process for its threads.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from fitsvc.db import session_scope, sqlite_file_lock

_THREADS = threading.Lock()
_PG_NAMESPACE = 0x66697473  # "fits": keeps these keys apart from other advisory locks


@contextmanager
def tenant_job_lock(engine: Engine, tenant_id: str) -> Iterator[Session]:
    """A session in a transaction that holds the tenant's job lock until it commits."""
    with _THREADS, sqlite_file_lock(engine, "jobs"), session_scope(engine) as s:
        if engine.dialect.name == "postgresql":
            key = zlib.crc32(tenant_id.encode()) - 2**31  # a signed 32-bit int
            s.execute(text("SELECT pg_advisory_xact_lock(:ns, :key)"),
                      {"ns": _PG_NAMESPACE, "key": key})
        yield s
