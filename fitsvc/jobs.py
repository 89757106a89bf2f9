"""Job runner port: task registry, the context a task gets, and the jobs table's rows.

A job is a named task (``kind``) registered with :func:`task`, run with JSON params.
The task receives a :class:`JobContext` to report progress, notice cancellation and spawn
helper jobs. State lives in the ``jobs`` table, so any process (API, CLI, Celery worker)
can read progress and results; the runner only decides *where* the task executes
(``jobs_inprocess.py``: threads of the serving process; ``jobs_celery.py``: Celery workers).
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from fitsvc.db import DEFAULT_TENANT, session_scope, utcnow
from fitsvc.errors import NotFound, ServiceError
from fitsvc.jobs_lock import tenant_job_lock
from fitsvc.jobs_records import JobRecord
from fitsvc.storage import ArtefactStore, NoStore

TaskFn = Callable[["JobContext", dict[str, Any]], dict[str, Any]]
TASKS: dict[str, TaskFn] = {}
TERMINAL = {"succeeded", "failed", "cancelled"}


def task(kind: str) -> Callable[[TaskFn], TaskFn]:
    """Register a task function under ``kind``."""

    def deco(fn: TaskFn) -> TaskFn:
        TASKS[kind] = fn
        return fn

    return deco


class JobCancelled(Exception):
    """Raised inside a task by :meth:`JobContext.check_cancelled`."""


class JobContext:
    """What a running task may do: report progress, check for cancellation, and (with a
    runner) spawn helper jobs on other workers and follow them."""

    def __init__(self, engine: Engine, job_id: str, cancel_event: threading.Event,
                 runner: JobRunner | None = None, tenant_id: str = DEFAULT_TENANT,
                 store: ArtefactStore | None = None) -> None:
        self.engine = engine
        self.job_id = job_id
        self.tenant_id = tenant_id
        self.runner = runner
        self.store: ArtefactStore = store if store is not None else NoStore()
        self._cancel = cancel_event

    def spawn(self, kind: str, params: dict[str, Any]) -> str:
        """Queue a helper job of this one (same tenant; no tenant cap applies to it)."""
        if self.runner is None:
            raise RuntimeError("this job runs without a runner: it cannot spawn jobs")
        return self.runner.spawn(self.job_id, kind, params, self.tenant_id)

    def job(self, job_id: str) -> dict[str, Any]:
        """Another job of this tenant (a helper's status, progress, result)."""
        return read_job(self.engine, job_id, self.tenant_id)

    def cancel_job(self, job_id: str) -> None:
        if self.runner is not None:
            self.runner.cancel(job_id, self.tenant_id)

    def progress(self, **fields: Any) -> None:
        with session_scope(self.engine) as s:
            rec = s.get(JobRecord, self.job_id)
            if rec is not None:
                rec.progress = {**(rec.progress or {}), **fields}

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set() or self._status() == "cancelling"

    def check_cancelled(self) -> None:
        if self.cancelled:
            raise JobCancelled(self.job_id)

    def _status(self) -> str | None:
        with session_scope(self.engine) as s:
            rec = s.get(JobRecord, self.job_id)
            return rec.status if rec else None


class JobRunner(Protocol):
    """Port: where tasks execute. Adapters: in-process threads (default), Celery workers."""

    def submit(self, kind: str, params: dict[str, Any], tenant_id: str = ...) -> str: ...

    def spawn(self, parent_id: str, kind: str, params: dict[str, Any], tenant_id: str) -> str:
        """A helper job of a running job: outside the tenant's caps, runs on any free worker."""
        ...

    def cancel(self, job_id: str, tenant_id: str = ...) -> dict[str, Any]: ...

    def get(self, job_id: str, tenant_id: str = ...) -> dict[str, Any]: ...


class JobReads:
    """Reading a job back from the table: the same whichever runner executes it."""

    engine: Engine

    def get(self, job_id: str, tenant_id: str = DEFAULT_TENANT) -> dict[str, Any]:
        return read_job(self.engine, job_id, tenant_id)

    def wait(self, job_id: str, timeout: float = 60.0, tenant_id: str = DEFAULT_TENANT) -> dict:
        """Block until the job is finished (tests, CLI)."""
        deadline = time.monotonic() + timeout
        while True:
            info = self.get(job_id, tenant_id)
            if info["status"] in TERMINAL or time.monotonic() > deadline:
                return info
            time.sleep(0.05)


def read_job(engine: Engine, job_id: str, tenant_id: str) -> dict[str, Any]:
    """The job's public view; 404 for unknown ids and other tenants' jobs."""
    with session_scope(engine) as s:
        rec = s.get(JobRecord, job_id)
        if rec is None or rec.tenant_id != tenant_id:
            raise NotFound(f"job {job_id} not found")
        return job_view(rec)


def insert_job(engine: Engine, kind: str, params: dict[str, Any], tenant_id: str,
               cap: int = 0, parent_id: str | None = None, owner: str | None = None) -> str:
    """Store a new queued job and return its id; with ``cap``, 429 ``too_many_jobs`` when the
    tenant already has that many unfinished jobs (checked and inserted under the tenant's
    job lock, so that several serving processes cannot overshoot it together)."""
    if kind not in TASKS:
        raise ServiceError(f"unknown job kind {kind!r}", code="unknown_job_kind")
    job_id = str(uuid.uuid4())
    with tenant_job_lock(engine, tenant_id) as s:
        check_queue_cap(s, tenant_id, cap)
        s.add(JobRecord(id=job_id, kind=kind, tenant_id=tenant_id, params=params,
                        status="queued", progress={}, parent_id=parent_id, owner=owner))
    return job_id


def check_queue_cap(s: Any, tenant_id: str, cap: int) -> None:
    """429 ``too_many_jobs`` when the tenant already has ``cap`` unfinished jobs (helper
    jobs of a running job are not counted)."""
    if cap <= 0:
        return
    n = s.scalar(select(func.count()).select_from(JobRecord).where(
        JobRecord.tenant_id == tenant_id, JobRecord.status.notin_(tuple(TERMINAL)),
        JobRecord.parent_id.is_(None)))
    if n >= cap:
        raise ServiceError(f"this tenant already has {n} unfinished jobs (cap {cap})",
                           code="too_many_jobs", status=429,
                           hint="Wait for a job to finish, or cancel one, then submit again.")


def process_id() -> str:
    """``<host>:<pid>`` of this process (the owner of its in-process jobs)."""
    return f"{socket.gethostname()}:{os.getpid()}"[:128]


def _owner_alive(owner: str | None) -> bool:
    """Whether the serving process that owns a job still runs (on this host: its pid
    exists; another host's owner is taken as alive: it cannot be checked from here)."""
    if owner is None or owner == process_id():
        return False
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname():
        return True
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def fail_interrupted(engine: Engine) -> int:
    """At the start of an in-process runner: a job that a process which no longer runs left
    queued, running or cancelling can never finish (its thread died with it). Mark it failed
    (or cancelled) with the reason, so that nothing waits on it forever; returns how many.
    Jobs of other serving processes still alive (gunicorn workers) are left alone."""
    with session_scope(engine) as s:
        stale = [rec for rec in s.scalars(select(JobRecord).where(
            JobRecord.status.in_(("queued", "running", "cancelling"))))
            if not _owner_alive(rec.owner)]
        for rec in stale:
            was = rec.status
            rec.status = "cancelled" if was == "cancelling" else "failed"
            rec.error = (f"interrupted: the server stopped while this job was {was}; "
                         "submit it again")
            rec.finished_at = utcnow()
        return len(stale)


def job_view(rec: JobRecord) -> dict[str, Any]:
    """The public JSON shape of a job."""
    elapsed = None
    if rec.started_at is not None:
        end = rec.finished_at or utcnow()
        start = rec.started_at
        if start.tzinfo is None:
            start = start.replace(tzinfo=end.tzinfo)
        if end.tzinfo is None:
            end = end.replace(tzinfo=start.tzinfo)
        elapsed = round((end - start).total_seconds(), 3)
    return {
        "id": rec.id,
        "kind": rec.kind,
        "status": rec.status,
        "progress": rec.progress or {},
        "elapsed_s": elapsed,
        "result": rec.result,
        "error": rec.error,
    }
