"""The Celery app of the job workers (``FITSVC_JOB_RUNNER=celery``).

``make_celery(config)`` builds it from fitsvc's config (broker ``REDIS_URL``); the module-level
``app`` exists only for ``celery -A fitsvc.celery_app worker``: building it connects to
nothing. A worker process opens its database engine and Redis client on its first job.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery

from fitsvc import config as config_mod
from fitsvc.jobs_celery import QUEUE, RUN_TASK, TRANSIENT, RedisLease, run_job, store_outcome

# modules whose @task functions a worker must know (the API imports them through its views)
TASK_MODULES = ("fitsvc.markers.service", "fitsvc.fit.registry", "fitsvc.retention")


def make_celery(config: dict[str, Any] | None = None) -> Celery:
    """A Celery app for fitsvc's config (defaults, ``FITSVC_*``/``REDIS_URL``, overrides)."""
    cfg = config_mod.build(config)
    visibility = int(cfg["CELERY_VISIBILITY_TIMEOUT"])
    app = Celery("fitsvc", broker=cfg["REDIS_URL"], set_as_current=False)
    extra = [m.strip() for m in str(cfg.get("CELERY_IMPORTS") or "").split(",") if m.strip()]
    app.conf.update(
        imports=(*TASK_MODULES, *extra),
        task_default_queue=QUEUE,
        task_acks_late=True,  # a job is acked when it ends, not when a worker takes it
        task_reject_on_worker_lost=True,  # a pool process killed mid-job: requeue the job
        task_ignore_result=True,  # state and results live in the jobs table
        worker_prefetch_multiplier=1,  # a worker reserves no job it cannot start now
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            # unacked jobs of a worker that died come back after this many seconds
            "visibility_timeout": visibility,
            "unacked_restore_interval": max(1, min(10, visibility // 3)),
            "unacked_restore_throttle": 1,
        },
    )
    app.conf.fitsvc = cfg
    _register(app, cfg)
    return app


def _register(app: Celery, cfg: dict[str, Any]) -> None:
    lease_s = int(cfg["JOB_LEASE_S"])
    max_retries = int(cfg["JOB_MAX_RETRIES"])
    state: dict[str, Any] = {}

    def worker_state() -> tuple[Any, RedisLease]:
        """Engine and lease of this process (created after the prefork fork, once)."""
        if state.get("pid") != os.getpid():
            import redis

            from fitsvc.db import make_engine

            state.update(pid=os.getpid(), engine=make_engine(cfg["DATABASE_URL"]),
                         lease=RedisLease(redis.Redis.from_url(cfg["REDIS_URL"]), lease_s))
        return state["engine"], state["lease"]

    @app.task(name=RUN_TASK, bind=True, acks_late=True, reject_on_worker_lost=True,
              max_retries=None, ignore_result=True)
    def run_job_task(self: Any, job_id: str) -> str:
        engine, lease = worker_state()
        try:
            outcome = run_job(engine, lease, job_id, heartbeat_s=max(0.5, lease_s / 3))
        except TRANSIENT as exc:  # database or Redis away: again later, with backoff
            if self.request.retries >= max_retries:
                store_outcome(engine, job_id, "failed", error=f"gave up after retries: {exc}")
                return "failed"
            raise self.retry(exc=exc, countdown=min(60, 2 ** self.request.retries)) from exc
        if outcome == "busy":  # another worker runs it: look again when its lease could lapse
            self.apply_async(args=[job_id], countdown=lease_s)  # a fresh message, no retry count
        return outcome


app = make_celery()
