"""Celery adapter of the job port: the API process queues a job id on Redis, a Celery worker
runs ``TASKS[kind]`` with the params stored in the jobs table.

Guarantees (see ``run_job``): a message may be delivered more than once (acks_late, a worker
killed mid-job, Redis restoring unacked messages after the visibility timeout), so

* a job already finished is never run again, and its outcome is written once: the final
  write is ``UPDATE jobs ... WHERE status IN (queued, running, cancelling)``;
* while one worker runs a job it holds a Redis lease (``SET NX EX``, refreshed by a heartbeat);
  a second delivery meanwhile retries later instead of running the job twice at once; when the
  lease holder dies, the lease expires and the next delivery runs the job again.
"""

from __future__ import annotations

import logging
import threading
import traceback
import uuid
from typing import Any, Protocol

from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError

from fitsvc.db import DEFAULT_TENANT, session_scope, utcnow
from fitsvc.errors import ServiceError
from fitsvc.jobs import TASKS, TERMINAL, JobCancelled, JobContext, JobReads, insert_job
from fitsvc.jobs_lock import tenant_job_lock
from fitsvc.jobs_records import JobRecord

log = logging.getLogger(__name__)
RUN_TASK = "fitsvc.run_job"
QUEUE = "fitsvc-jobs"
OPEN = ("queued", "running", "cancelling")
# errors after which the same job is worth another try (database or Redis briefly away)
TRANSIENT: tuple[type[BaseException], ...] = (OperationalError, DBAPIError, ConnectionError,
                                              TimeoutError)
try:  # redis-py's errors do not derive from the builtin ConnectionError
    import redis.exceptions as _rx

    TRANSIENT += (_rx.ConnectionError, _rx.TimeoutError)
except ImportError:  # pragma: no cover - redis is a dependency
    pass


class CeleryJobRunner(JobReads):
    """Queues jobs for Celery workers; state, progress and results stay in the jobs table."""

    def __init__(self, engine: Engine, celery: Any, max_queued: int = 0) -> None:
        self.engine = engine
        self.celery = celery
        self.max_queued = max_queued

    def submit(self, kind: str, params: dict[str, Any], tenant_id: str = DEFAULT_TENANT) -> str:
        job_id = insert_job(self.engine, kind, params, tenant_id, cap=self.max_queued)
        self._send(job_id)
        return job_id

    def spawn(self, parent_id: str, kind: str, params: dict[str, Any], tenant_id: str) -> str:
        """A helper job: queued for any free worker, outside the tenant's caps."""
        job_id = insert_job(self.engine, kind, params, tenant_id, parent_id=parent_id)
        self._send(job_id)
        return job_id

    def _send(self, job_id: str) -> None:
        try:
            self.celery.send_task(RUN_TASK, args=[job_id], queue=QUEUE, retry=True,
                                  retry_policy={"max_retries": 3, "interval_start": 0.2,
                                                "interval_step": 0.5, "interval_max": 2})
        except Exception as exc:
            store_outcome(self.engine, job_id, "failed", error=f"queue unavailable: {exc}")
            raise ServiceError("the job queue is unavailable", code="queue_unavailable",
                               status=503, hint="Try again in a minute.") from exc

    def cancel(self, job_id: str, tenant_id: str = DEFAULT_TENANT) -> dict[str, Any]:
        info = self.get(job_id, tenant_id)
        with self.engine.begin() as conn:  # a queued job never starts; a running one stops
            conn.execute(update(JobRecord).where(JobRecord.id == job_id, JobRecord.status == "queued")
                         .values(status="cancelled", finished_at=utcnow()))
            conn.execute(update(JobRecord).where(JobRecord.id == job_id, JobRecord.status == "running")
                         .values(status="cancelling"))
        return self.get(job_id, tenant_id) if info["status"] not in TERMINAL else info

    def shutdown(self) -> None:
        """Nothing runs here; queued jobs stay on Redis for the workers."""


class Lease(Protocol):
    def acquire(self, job_id: str) -> bool: ...

    def refresh(self, job_id: str) -> None: ...

    def release(self, job_id: str) -> None: ...


_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
_REFRESH = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
            "return redis.call('expire', KEYS[1], ARGV[2]) end return 0")


class RedisLease:
    """``fitsvc:job-lease:<id>`` held by one worker process while it runs the job."""

    def __init__(self, client: Any, ttl_s: int) -> None:
        self.client, self.ttl_s = client, max(1, ttl_s)
        self._tokens: dict[str, str] = {}

    def acquire(self, job_id: str) -> bool:
        token = str(uuid.uuid4())
        if self.client.set(f"fitsvc:job-lease:{job_id}", token, nx=True, ex=self.ttl_s):
            self._tokens[job_id] = token
            return True
        return False

    def refresh(self, job_id: str) -> None:
        self.client.eval(_REFRESH, 1, f"fitsvc:job-lease:{job_id}", self._tokens.get(job_id, ""),
                         self.ttl_s)

    def release(self, job_id: str) -> None:
        token = self._tokens.pop(job_id, "")
        try:
            self.client.eval(_RELEASE, 1, f"fitsvc:job-lease:{job_id}", token)
        except TRANSIENT:
            log.warning("job %s: lease not released (Redis away); it expires by itself", job_id)


def store_outcome(engine: Engine, job_id: str, status: str, **fields: Any) -> bool:
    """The one final write of a job; False when it was already finished (nothing written)."""
    with engine.begin() as conn:
        n = conn.execute(update(JobRecord).where(JobRecord.id == job_id, JobRecord.status.in_(OPEN))
                         .values(status=status, finished_at=utcnow(), **fields)).rowcount
    if n:
        log.info("job %s stored: %s", job_id, status)
    return bool(n)


def run_job(engine: Engine, lease: Lease, job_id: str, heartbeat_s: float = 10.0,
            runner: Any = None, max_running: int = 0, store: Any = None) -> str:
    """Run one delivery of a job; returns ``done`` (finished now or before), ``busy`` (another
    worker holds the lease: try again later), ``wait`` (its tenant already runs
    ``max_running`` jobs: try again later) or ``missing``. Transient errors propagate."""
    if not lease.acquire(job_id):
        return "done" if _status(engine, job_id) in TERMINAL else "busy"
    stop = threading.Event()
    try:
        with session_scope(engine) as s:
            rec = s.get(JobRecord, job_id)
            if rec is None:
                log.warning("job %s: not in the jobs table; dropped", job_id)
                return "missing"
            status, kind, params = rec.status, rec.kind, dict(rec.params or {})
            tenant, parent = rec.tenant_id, rec.parent_id
        if status in TERMINAL:
            return "done"  # a redelivery of a finished job: never run again
        if status == "cancelling":
            store_outcome(engine, job_id, "cancelled")
            return "done"
        if not _start(engine, job_id, tenant, max_running if parent is None else 0):
            return "wait"
        threading.Thread(target=_heartbeat, args=(lease, job_id, stop, heartbeat_s),
                         daemon=True, name=f"lease-{job_id[:8]}").start()
        _execute(JobContext(engine, job_id, threading.Event(), runner, tenant, store), kind,
                 params)
        return "done"
    finally:
        stop.set()
        lease.release(job_id)


def _start(engine: Engine, job_id: str, tenant: str, max_running: int) -> bool:
    """Mark the job running, unless its tenant already runs ``max_running`` jobs (helper
    jobs not counted; 0 = no cap): checked and set under the tenant's job lock."""
    with tenant_job_lock(engine, tenant) as s:
        if max_running > 0:
            running = int(s.scalar(select(func.count()).select_from(JobRecord).where(
                JobRecord.tenant_id == tenant, JobRecord.status.in_(("running", "cancelling")),
                JobRecord.parent_id.is_(None), JobRecord.id != job_id)) or 0)
            if running >= max_running:
                return False
        s.execute(update(JobRecord).where(JobRecord.id == job_id,
                                          JobRecord.status.in_(("queued", "running")))
                  .values(status="running", started_at=utcnow(), error=None))
    return True


def _execute(ctx: JobContext, kind: str, params: dict[str, Any]) -> None:
    engine, job_id = ctx.engine, ctx.job_id
    if kind not in TASKS:
        store_outcome(engine, job_id, "failed", error=f"unknown_job_kind: {kind!r} not in this worker")
        return
    try:  # cancel: JobContext reads it from the jobs table
        result = TASKS[kind](ctx, params)
    except JobCancelled:
        store_outcome(engine, job_id, "cancelled")
    except ServiceError as exc:
        store_outcome(engine, job_id, "failed", error=f"{exc.code}: {exc.message}")
    except TRANSIENT:
        raise
    except Exception:
        store_outcome(engine, job_id, "failed", error=traceback.format_exc(limit=5))
    else:
        store_outcome(engine, job_id, "succeeded", result=result)


def _heartbeat(lease: Lease, job_id: str, stop: threading.Event, every_s: float) -> None:
    while not stop.wait(every_s):
        try:
            lease.refresh(job_id)
        except Exception as exc:  # Redis away for a moment: try at the next beat
            log.warning("job %s: lease refresh failed: %s", job_id, exc)


def _status(engine: Engine, job_id: str) -> str | None:
    with session_scope(engine) as s:
        rec = s.get(JobRecord, job_id)
        return rec.status if rec else None
