"""The composition root's product: adapters chosen from config, shared by views and CLI."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from fitsvc.db import create_all, make_engine
from fitsvc.jobs import InProcessJobRunner, JobRunner, fail_interrupted


@dataclass
class Services:
    """Adapters for one app/process. The detector is built on first use (MediaPipe is slow)."""

    config: dict[str, Any]
    engine: Engine
    jobs: JobRunner
    _detector: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def tenant(self) -> str:
        return str(self.config.get("DEFAULT_TENANT", "default"))

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


def build_services(config: dict[str, Any]) -> Services:
    """Wire the adapters named in config (database URL, job runner)."""
    engine = make_engine(config["DATABASE_URL"])
    create_all(engine)
    runner_name = config.get("JOB_RUNNER", "inprocess")
    if runner_name != "inprocess":
        raise ValueError(f"unknown JOB_RUNNER {runner_name!r} (supported: inprocess)")
    # one serving process per database: what an earlier process left running is dead
    fail_interrupted(engine)
    jobs = InProcessJobRunner(engine, workers=int(config.get("JOB_WORKERS", 2)))
    return Services(config=config, engine=engine, jobs=jobs)
