"""The Celery job body without Celery: redeliveries never run a finished job or store twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fitsvc.db import Base, import_models, make_engine, session_scope
from fitsvc.jobs import TASKS, JobContext
from fitsvc.jobs_celery import run_job, store_outcome
from fitsvc.jobs_records import JobRecord

CALLS: list[str] = []


class MemLease:
    def __init__(self) -> None:
        self.held: set[str] = set()

    def acquire(self, job_id: str) -> bool:
        if job_id in self.held:
            return False
        self.held.add(job_id)
        return True

    def refresh(self, job_id: str) -> None:
        pass

    def release(self, job_id: str) -> None:
        self.held.discard(job_id)


def _count(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    CALLS.append(ctx.job_id)
    return {"n": params["n"]}


@pytest.fixture
def engine(tmp_path: Path):
    import_models()
    eng = make_engine(f"sqlite:///{tmp_path / 'j.sqlite3'}")
    Base.metadata.create_all(eng)
    TASKS["unit_count"] = _count
    CALLS.clear()
    yield eng
    TASKS.pop("unit_count", None)
    eng.dispose()


def _queue(engine, job_id: str) -> None:
    with session_scope(engine) as s:
        s.add(JobRecord(id=job_id, kind="unit_count", params={"n": 3}, status="queued", progress={}))


def test_a_second_delivery_of_a_finished_job_does_nothing(engine) -> None:
    _queue(engine, "j1")
    lease = MemLease()
    assert run_job(engine, lease, "j1") == "done"
    assert run_job(engine, lease, "j1") == "done"
    assert CALLS == ["j1"]
    with session_scope(engine) as s:
        rec = s.get(JobRecord, "j1")
        assert (rec.status, rec.result) == ("succeeded", {"n": 3})
    assert store_outcome(engine, "j1", "failed", error="late") is False  # final write once


def test_a_delivery_while_another_worker_holds_the_lease_is_busy(engine) -> None:
    _queue(engine, "j2")
    lease = MemLease()
    lease.acquire("j2")
    assert run_job(engine, lease, "j2") == "busy"
    assert CALLS == []
    lease.release("j2")  # the holder died: its lease lapsed
    assert run_job(engine, lease, "j2") == "done"
    assert CALLS == ["j2"]


def test_a_job_cancelled_while_queued_never_starts(engine) -> None:
    _queue(engine, "j3")
    store_outcome(engine, "j3", "cancelled")
    assert run_job(engine, MemLease(), "j3") == "done"
    assert CALLS == []
