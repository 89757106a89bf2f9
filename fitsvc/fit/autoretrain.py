"""Learning as feedback arrives: schedule a retrain job every N new feedback rows.

The job (`registry.retrain_job` with ``promote="if_better"``) fits a new version and makes it
active only when it beats the active version on the newest 20 % of feedback (or when there
is too little feedback for a hold-out), so a bad batch of feedback cannot silently replace a
good model; every version stays in the registry for review, promote and rollback.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from fitsvc.db import session_scope
from fitsvc.errors import ServiceError
from fitsvc.fit.records import FitFeedbackRecord, FitModelRecord
from fitsvc.fit.registry import RETRAIN_JOB
from fitsvc.jobs import JobRunner
from fitsvc.jobs_records import JobRecord

IN_FLIGHT = ("queued", "running", "cancelling")


def pending_feedback(engine: Engine, tenant: str) -> int:
    """Feedback rows stored since the newest model version was trained."""
    with session_scope(engine) as s:
        total = s.scalar(select(func.count()).select_from(FitFeedbackRecord).where(
            FitFeedbackRecord.tenant_id == tenant)) or 0
        latest = s.scalars(select(FitModelRecord).where(FitModelRecord.tenant_id == tenant)
                           .order_by(FitModelRecord.version.desc())).first()
        seen = int((latest.metrics or {}).get("n_feedback_rows", 0)) if latest else 0
    return int(total) - seen


def retrain_in_flight(engine: Engine, tenant: str) -> bool:
    with session_scope(engine) as s:
        return s.scalars(select(JobRecord.id).where(
            JobRecord.tenant_id == tenant, JobRecord.kind == RETRAIN_JOB,
            JobRecord.status.in_(IN_FLIGHT))).first() is not None


def maybe_schedule(engine: Engine, jobs: JobRunner, tenant: str, every: int) -> dict[str, Any]:
    """Submit a guarded retrain when ``every`` (> 0) new rows have arrived and none is running."""
    if every <= 0:
        return {"auto_retrain": "off"}
    pending = pending_feedback(engine, tenant)
    if pending < every:
        return {"auto_retrain": f"{pending}/{every} new rows"}
    if retrain_in_flight(engine, tenant):
        return {"auto_retrain": "a retrain is already running"}
    try:
        job_id = jobs.submit(RETRAIN_JOB, {"tenant": tenant, "promote": "if_better",
                                           "trigger": f"{pending} new feedback rows"}, tenant)
    except ServiceError as exc:  # the tenant's job queue is full: try at the next row
        return {"auto_retrain": f"not scheduled: {exc.code}"}
    return {"auto_retrain": "scheduled", "retrain_job_id": job_id,
            "status_url": f"/v1/fit/jobs/{job_id}"}
