"""Find and re-queue Celery jobs whose message is gone (``fitsvc.sweep_jobs``, run by beat).

A job row is written before its message is sent, and a message lives in Redis until the job
ends (acks late). Redis without its append-only file (or restored from an old snapshot), or
a send that failed half-way, can leave a row ``queued`` or ``running`` with no message: no
worker would ever run it. The sweep looks for such rows (older than ``min_age_s``, no
worker's lease, no message waiting in the queue nor delivered and unacked) and sends their
message again. Sending one twice is harmless: ``run_job`` never runs a job twice at once and
never again once it has ended.
"""

from __future__ import annotations

import ast
import json
import logging
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.engine import Engine

from fitsvc.db import session_scope, utcnow
from fitsvc.jobs_celery import RUN_TASK
from fitsvc.jobs_records import JobRecord

log = logging.getLogger(__name__)
SWEEP_TASK = "fitsvc.sweep_jobs"
UNACKED = "unacked"  # kombu's Redis hash of delivered, unacknowledged messages


def _job_id(message: Any) -> str | None:
    """The job id a Celery message carries, if it is one of ours."""
    if not isinstance(message, dict):
        return None
    headers = message.get("headers") or {}
    if headers.get("task") != RUN_TASK:
        return None
    try:
        args = ast.literal_eval(str(headers.get("argsrepr", "")))
    except (ValueError, SyntaxError):
        return None
    return str(args[0]) if isinstance(args, list | tuple) and args else None


def ids_with_a_message(client: Any, queue: str) -> set[str]:
    """Job ids with a message in Redis: waiting in the queue (and its priority lists), or
    delivered to a worker and not yet acknowledged (running, or held for a countdown)."""
    messages: list[Any] = []
    for key in client.scan_iter(match=f"{queue}*"):
        if client.type(key) in (b"list", "list"):
            messages.extend(_decoded(raw) for raw in client.lrange(key, 0, -1))
    for raw in client.hvals(UNACKED):  # [message, exchange, routing key]
        entry = _decoded(raw)
        messages.append(entry[0] if isinstance(entry, list) and entry else None)
    return {job_id for m in messages if (job_id := _job_id(m)) is not None}


def _decoded(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def open_jobs_older_than(engine: Engine, min_age_s: float) -> list[str]:
    cutoff = utcnow() - timedelta(seconds=min_age_s)
    with session_scope(engine) as s:
        return list(s.scalars(select(JobRecord.id).where(
            JobRecord.status.in_(("queued", "running")),
            or_(JobRecord.started_at.is_(None), JobRecord.started_at < cutoff),
            JobRecord.created_at < cutoff)))


def lost_jobs(engine: Engine, client: Any, queue: str, min_age_s: float) -> list[str]:
    """Open jobs older than ``min_age_s`` with neither a lease nor a message."""
    candidates = open_jobs_older_than(engine, min_age_s)
    if not candidates:
        return []
    held = {j for j in candidates if client.exists(f"fitsvc:job-lease:{j}")}
    present = ids_with_a_message(client, queue)
    return [j for j in candidates if j not in held and j not in present]


def sweep(engine: Engine, client: Any, celery: Any, queue: str, min_age_s: float) -> list[str]:
    """Send the message of every lost job again; returns their ids."""
    lost = lost_jobs(engine, client, queue, min_age_s)
    for job_id in lost:
        log.warning("job %s: no message in Redis and no worker holds it; queued again", job_id)
        celery.send_task(RUN_TASK, args=[job_id], queue=queue)
    return lost
