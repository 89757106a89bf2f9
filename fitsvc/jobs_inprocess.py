"""The in-process adapter of the job port: tasks run on a thread pool of the serving process,
tenants take turns for its workers (``jobs_fair.py``); state stays in the jobs table."""

from __future__ import annotations

import threading
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.engine import Engine

from fitsvc.db import DEFAULT_TENANT, session_scope, utcnow
from fitsvc.errors import ServiceError
from fitsvc.jobs import (
    TASKS,
    TERMINAL,
    JobCancelled,
    JobContext,
    JobReads,
    insert_job,
    process_id,
)
from fitsvc.jobs_fair import FairDispatcher
from fitsvc.jobs_records import JobRecord
from fitsvc.storage import ArtefactStore


class InProcessJobRunner(JobReads):
    """Runs tasks on a thread pool inside the serving process."""

    def __init__(self, engine: Engine, workers: int = 2, max_queued: int = 0,
                 max_running: int = 0, store: ArtefactStore | None = None) -> None:
        """``max_queued``: unfinished jobs one tenant may have (0 = no cap); ``max_running``:
        jobs of one tenant that run at once (0 = as many as there are workers); ``store``:
        where tasks keep artefacts (and erase them)."""
        self.engine = engine
        self.store = store
        self.owner = process_id()
        self.max_queued = max_queued
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fitsvc-job")
        self._fair = FairDispatcher(self._pool, max_running or workers)
        self._cancel: dict[str, threading.Event] = {}

    def submit(self, kind: str, params: dict[str, Any], tenant_id: str = DEFAULT_TENANT) -> str:
        job_id = insert_job(self.engine, kind, params, tenant_id, cap=self.max_queued,
                            owner=self.owner)
        self._cancel[job_id] = threading.Event()
        self._fair.submit(tenant_id, lambda: self._run(job_id, kind, params, tenant_id))
        return job_id

    def spawn(self, parent_id: str, kind: str, params: dict[str, Any], tenant_id: str) -> str:
        """Straight to the pool: it runs on the next free worker thread, taking no turn of
        its tenant (its parent already holds one)."""
        job_id = insert_job(self.engine, kind, params, tenant_id, parent_id=parent_id,
                            owner=self.owner)
        self._cancel[job_id] = threading.Event()
        self._pool.submit(self._run, job_id, kind, params, tenant_id)
        return job_id

    def _run(self, job_id: str, kind: str, params: dict[str, Any], tenant_id: str) -> None:
        ctx = JobContext(self.engine, job_id, self._cancel[job_id], self, tenant_id, self.store)
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
