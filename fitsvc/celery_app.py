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
from fitsvc.jobs_celery import (
    QUEUE,
    RUN_TASK,
    TRANSIENT,
    CeleryJobRunner,
    RedisLease,
    run_job,
    store_outcome,
)
from fitsvc.jobs_sweep import SWEEP_TASK, sweep

# modules whose @task functions a worker must know (the API imports them through its views)
RETENTION_TASK = "fitsvc.schedule_retention"
TASK_MODULES = ("fitsvc.markers.service", "fitsvc.markers.fanout", "fitsvc.fit.registry",
                "fitsvc.retention", "fitsvc.synth.avatars")


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
    app.conf.beat_schedule = beat_schedule(cfg)
    app.conf.fitsvc = cfg
    _register(app, cfg)
    _register_periodic(app, cfg)
    return app


def beat_schedule(cfg: dict[str, Any]) -> dict[str, Any]:
    """What ``celery beat`` (one per deployment: ``make run-scaled`` starts it) sends: the job
    sweep every JOB_SWEEP_S, the retention purge every RETENTION_CHECK_HOURS (when on)."""
    out: dict[str, Any] = {"fitsvc-sweep-jobs": {"task": SWEEP_TASK,
                                                 "schedule": float(cfg["JOB_SWEEP_S"])}}
    if float(cfg["RETENTION_DAYS"]) > 0:
        out["fitsvc-retention"] = {"task": RETENTION_TASK,
                                   "schedule": float(cfg["RETENTION_CHECK_HOURS"]) * 3600}
    return out


def _register_periodic(app: Celery, cfg: dict[str, Any]) -> None:
    import redis

    from fitsvc.db import make_engine

    state: dict[str, Any] = {}

    def engine() -> Any:
        if state.get("pid") != os.getpid():
            state.update(pid=os.getpid(), engine=make_engine(cfg["DATABASE_URL"]))
        return state["engine"]

    @app.task(name=SWEEP_TASK, ignore_result=True, shared=False)
    def sweep_task() -> list[str]:
        """Queue again the jobs whose message was lost (fitsvc/jobs_sweep.py)."""
        client = redis.Redis.from_url(cfg["REDIS_URL"])
        min_age = max(60.0, 2.0 * float(cfg["CELERY_VISIBILITY_TIMEOUT"]))
        return sweep(engine(), client, app, QUEUE, float(cfg.get("JOB_SWEEP_MIN_AGE_S") or min_age))

    @app.task(name=RETENTION_TASK, ignore_result=True, shared=False)
    def retention_task() -> str:
        """Queue the retention purge as a job (its progress and result in the jobs table)."""
        from fitsvc.retention import PURGE_JOB

        runner = CeleryJobRunner(engine(), app)
        return runner.submit(PURGE_JOB, {"days": float(cfg["RETENTION_DAYS"]),
                                         "audit_days": float(cfg["AUDIT_RETENTION_DAYS"])},
                             "system")


def _register(app: Celery, cfg: dict[str, Any]) -> None:
    lease_s = int(cfg["JOB_LEASE_S"])
    max_retries = int(cfg["JOB_MAX_RETRIES"])
    state: dict[str, Any] = {}

    max_running = int(cfg["MAX_JOBS_RUNNING"])
    wait_s = float(cfg["JOB_CAP_WAIT_S"])

    def worker_state() -> tuple[Any, RedisLease, CeleryJobRunner, Any]:
        """Engine, lease and runner (to spawn helper jobs) of this process (created after the
        prefork fork, once)."""
        if state.get("pid") != os.getpid():
            import redis

            from fitsvc.db import make_engine
            from fitsvc.storage import build_store

            engine = make_engine(cfg["DATABASE_URL"])
            state.update(pid=os.getpid(), engine=engine,
                         lease=RedisLease(redis.Redis.from_url(cfg["REDIS_URL"]), lease_s),
                         runner=CeleryJobRunner(engine, app), store=build_store(cfg, engine))
        return state["engine"], state["lease"], state["runner"], state["store"]

    @app.task(name=RUN_TASK, bind=True, acks_late=True, reject_on_worker_lost=True, shared=False,
              max_retries=None, ignore_result=True)
    def run_job_task(self: Any, job_id: str) -> str:
        engine, lease, runner, store = worker_state()
        try:
            outcome = run_job(engine, lease, job_id, heartbeat_s=max(0.5, lease_s / 3),
                              runner=runner, max_running=max_running, store=store)
        except TRANSIENT as exc:  # database or Redis away: again later, with backoff
            if self.request.retries >= max_retries:
                store_outcome(engine, job_id, "failed", error=f"gave up after retries: {exc}")
                return "failed"
            raise self.retry(exc=exc, countdown=min(60, 2 ** self.request.retries)) from exc
        if outcome == "busy":  # another worker runs it: look again when its lease could lapse
            self.apply_async(args=[job_id], countdown=lease_s)  # a fresh message, no retry count
        elif outcome == "wait":  # its tenant is at MAX_JOBS_RUNNING: back of the queue, later
            self.apply_async(args=[job_id], countdown=wait_s)
        return outcome


app = make_celery()
