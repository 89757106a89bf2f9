"""The composition root's product: adapters chosen from config, shared by views and CLI."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from fitsvc.auth.key_reads import KeyReads
from fitsvc.auth.secret import load_secret_key
from fitsvc.db import make_engine
from fitsvc.fit.reads import FitReads
from fitsvc.jobs import JobRunner, fail_interrupted
from fitsvc.jobs_inprocess import InProcessJobRunner
from fitsvc.migrate import upgrade
from fitsvc.storage import ArtefactStore, build_store


@dataclass
class Services:
    """Adapters for one app/process. The detector is built on first use (MediaPipe is slow)."""

    config: dict[str, Any]
    engine: Engine
    jobs: JobRunner
    secret_key: str
    fit_reads: FitReads
    keys: KeyReads
    store: ArtefactStore
    _detector: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)

    def start_retention(self) -> None:
        """Queue the retention purge now and every RETENTION_CHECK_HOURS (``fitsvc serve``,
        the one serving process of the in-process runner; with Celery, beat schedules it:
        ``fitsvc.celery_app.beat_schedule``)."""
        days = float(self.config.get("RETENTION_DAYS", 0))
        if days <= 0 or self.config.get("JOB_RUNNER", "inprocess") == "celery":
            return
        from fitsvc.retention import PURGE_JOB

        every_s = float(self.config.get("RETENTION_CHECK_HOURS", 6)) * 3600
        params = {"days": days, "audit_days": float(self.config.get("AUDIT_RETENTION_DAYS", 0))}

        def loop() -> None:
            while not self._stop.is_set():
                self.jobs.submit(PURGE_JOB, params, "system")
                self._stop.wait(every_s)

        threading.Thread(target=loop, daemon=True, name="retention").start()

    def close(self) -> None:
        self._stop.set()
        self.jobs.shutdown()  # type: ignore[attr-defined]

    def detector(self) -> Any:
        """The keypoint detector; a test may inject one via config["DETECTOR"]."""
        with self._lock:
            if self._detector is None:
                choice = self.config.get("DETECTOR", "mediapipe")
                if isinstance(choice, str):
                    from fitsvc.measure.keypoints import build_detector

                    self._detector = build_detector(choice)
                else:
                    self._detector = choice
            return self._detector


def build_job_runner(config: dict[str, Any], engine: Engine,
                     store: ArtefactStore | None = None) -> JobRunner:
    """The job runner named by JOB_RUNNER: ``inprocess`` (default) or ``celery`` (Redis)."""
    runner_name = config.get("JOB_RUNNER", "inprocess")
    if runner_name == "celery":
        from fitsvc.celery_app import make_celery
        from fitsvc.jobs_celery import CeleryJobRunner

        return CeleryJobRunner(engine, make_celery(config),
                               max_queued=int(config.get("MAX_JOBS_QUEUED", 0)))
    if runner_name != "inprocess":
        raise ValueError(f"unknown JOB_RUNNER {runner_name!r} (supported: inprocess, celery)")
    # one serving process per database: what an earlier process left running is dead
    fail_interrupted(engine)
    return InProcessJobRunner(engine, workers=int(config.get("JOB_WORKERS", 2)),
                              max_queued=int(config.get("MAX_JOBS_QUEUED", 0)),
                              max_running=int(config.get("MAX_JOBS_RUNNING", 0)), store=store)


def build_services(config: dict[str, Any]) -> Services:
    """Wire the adapters named in config (database URL, job runner); migrate the schema."""
    engine = make_engine(config["DATABASE_URL"])
    upgrade(engine)
    store = build_store(config, engine)
    jobs = build_job_runner(config, engine, store)
    secret = load_secret_key(config.get("SECRET_KEY"), Path(config["SECRET_KEY_FILE"]))
    ttl_s = float(config.get("READ_CACHE_S", 2.0))
    return Services(config=config, engine=engine, jobs=jobs, secret_key=secret,
                    fit_reads=FitReads(engine, ttl_s), keys=KeyReads(engine, ttl_s), store=store)
