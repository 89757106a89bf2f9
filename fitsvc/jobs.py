"""Job runner port and the in-process adapter.

A job is a named task (``kind``) registered with :func:`task`, run with JSON params.
The task receives a :class:`JobContext` to report progress and to notice cancellation.
State lives in the ``jobs`` table, so any process (API, CLI, a future Celery worker)
can read progress and results; the runner only decides *where* the task executes.
"""

from __future__ import annotations

import threading
import time
import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from fitsvc.db import DEFAULT_TENANT, session_scope, utcnow
from fitsvc.errors import NotFound, ServiceError
from fitsvc.jobs_fair import FairDispatcher
from fitsvc.jobs_records import JobRecord

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
    """What a running task may do: report progress, check for cancellation."""

    def __init__(self, engine: Engine, job_id: str, cancel_event: threading.Event) -> None:
        self.engine = engine
        self.job_id = job_id
        self._cancel = cancel_event

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
    """Port: where tasks execute. Adapters: in-process threads (default), Celery later."""

    def submit(self, kind: str, params: dict[str, Any], tenant_id: str = ...) -> str: ...

    def cancel(self, job_id: str, tenant_id: str = ...) -> dict[str, Any]: ...

    def get(self, job_id: str, tenant_id: str = ...) -> dict[str, Any]: ...


class JobReads:
    """Reading a job back from the table: the same whichever runner executes it."""

    engine: Engine

    def get(self, job_id: str, tenant_id: str = DEFAULT_TENANT) -> dict[str, Any]:
        with session_scope(self.engine) as s:
            rec = s.get(JobRecord, job_id)
            if rec is None or rec.tenant_id != tenant_id:
                raise NotFound(f"job {job_id} not found")
            return job_view(rec)

    def wait(self, job_id: str, timeout: float = 60.0, tenant_id: str = DEFAULT_TENANT) -> dict:
        """Block until the job is finished (tests, CLI)."""
        deadline = time.monotonic() + timeout
        while True:
            info = self.get(job_id, tenant_id)
            if info["status"] in TERMINAL or time.monotonic() > deadline:
                return info
            time.sleep(0.05)


class InProcessJobRunner(JobReads):
    """Runs tasks on a thread pool inside the serving process."""

    def __init__(self, engine: Engine, workers: int = 2, max_queued: int = 0,
                 max_running: int = 0) -> None:
        """``max_queued``: unfinished jobs one tenant may have (0 = no cap); ``max_running``:
        jobs of one tenant that run at once (0 = as many as there are workers)."""
        self.engine = engine
        self.max_queued = max_queued
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fitsvc-job")
        self._fair = FairDispatcher(self._pool, max_running or workers)
        self._cancel: dict[str, threading.Event] = {}
        self._submit_lock = threading.Lock()

    def submit(self, kind: str, params: dict[str, Any], tenant_id: str = DEFAULT_TENANT) -> str:
        if kind not in TASKS:
            raise ServiceError(f"unknown job kind {kind!r}", code="unknown_job_kind")
        job_id = str(uuid.uuid4())
        with self._submit_lock, session_scope(self.engine) as s:
            check_queue_cap(s, tenant_id, self.max_queued)
            s.add(JobRecord(id=job_id, kind=kind, tenant_id=tenant_id, params=params,
                            status="queued", progress={}))
        self._cancel[job_id] = threading.Event()
        self._fair.submit(tenant_id, lambda: self._run(job_id, kind, params))
        return job_id

    def _run(self, job_id: str, kind: str, params: dict[str, Any]) -> None:
        ctx = JobContext(self.engine, job_id, self._cancel[job_id])
        if ctx.cancelled:
            self._finish(job_id, "cancelled")
            return
        self._set(job_id, status="running", started_at=utcnow())
        try:
            result = TASKS[kind](ctx, params)
        except JobCancelled:
            self._finish(job_id, "cancelled")
        except ServiceError as exc:
            self._finish(job_id, "failed", error=f"{exc.code}: {exc.message}")
        except Exception:
            self._finish(job_id, "failed", error=traceback.format_exc(limit=5))
        else:
            self._finish(job_id, "succeeded", result=result)
        finally:
            self._cancel.pop(job_id, None)

    def _set(self, job_id: str, **fields: Any) -> None:
        with session_scope(self.engine) as s:
            rec = s.get(JobRecord, job_id)
            if rec is not None:
                for k, v in fields.items():
                    setattr(rec, k, v)

    def _finish(self, job_id: str, status: str, **fields: Any) -> None:
        self._set(job_id, status=status, finished_at=utcnow(), **fields)

    def cancel(self, job_id: str, tenant_id: str = DEFAULT_TENANT) -> dict[str, Any]:
        info = self.get(job_id, tenant_id)
        if info["status"] in TERMINAL:
            return info
        event = self._cancel.get(job_id)
        if event is not None:
            event.set()
        self._set(job_id, status="cancelling" if info["status"] == "running" else "cancelled")
        return self.get(job_id, tenant_id)

    def shutdown(self) -> None:
        self._fair.close()
        for ev in self._cancel.values():
            ev.set()
        self._pool.shutdown(wait=True, cancel_futures=True)


def check_queue_cap(s: Any, tenant_id: str, cap: int) -> None:
    """429 ``too_many_jobs`` when the tenant already has ``cap`` unfinished jobs."""
    if cap <= 0:
        return
    n = s.scalar(select(func.count()).select_from(JobRecord).where(
        JobRecord.tenant_id == tenant_id, JobRecord.status.notin_(tuple(TERMINAL))))
    if n >= cap:
        raise ServiceError(f"this tenant already has {n} unfinished jobs (cap {cap})",
                           code="too_many_jobs", status=429,
                           hint="Wait for a job to finish, or cancel one, then submit again.")


def fail_interrupted(engine: Engine) -> int:
    """At the start of an in-process runner: a job an earlier process left queued, running
    or cancelling can never finish (its thread died with that process). Mark it failed (or
    cancelled) with the reason, so that nothing waits on it forever; returns how many."""
    with session_scope(engine) as s:
        stale = s.scalars(select(JobRecord).where(
            JobRecord.status.in_(("queued", "running", "cancelling")))).all()
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
