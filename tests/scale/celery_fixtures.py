"""Fixtures of the Celery scale tests: Redis, a SQLite jobs table, the runner, real workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.scale.redis_server import RedisServer

ROOT = Path(__file__).resolve().parents[2]
# short timings so that a dead worker's job comes back within seconds
FAST = {"CELERY_VISIBILITY_TIMEOUT": "3", "JOB_LEASE_S": "2", "JOB_MAX_RETRIES": "5",
        "MAX_JOBS_RUNNING": "1", "JOB_CAP_WAIT_S": "1"}


@dataclass
class Worker:
    name: str
    proc: subprocess.Popen[bytes]
    log: Path

    def kill9(self) -> None:
        """kill -9 the worker's whole process group (main process and pool)."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill9()

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
def redis_srv(tmp_path: Path) -> Iterator[RedisServer]:
    srv = RedisServer(tmp_path / "redis")
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    from fitsvc.db import Base, import_models, make_engine

    url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    import_models()
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    return url


@pytest.fixture
def runner(redis_srv: RedisServer, db_url: str) -> Iterator[Any]:
    import tests.scale.celery_tasks  # noqa: F401  (registers the test job kind here too)
    from fitsvc.celery_app import make_celery
    from fitsvc.db import make_engine
    from fitsvc.jobs_celery import CeleryJobRunner

    cfg = {"DATABASE_URL": db_url, "REDIS_URL": redis_srv.url, "MAX_JOBS_QUEUED": 0,
           **{k: int(v) for k, v in FAST.items()}}
    engine = make_engine(db_url)
    yield CeleryJobRunner(engine, make_celery(cfg))
    engine.dispose()


@pytest.fixture
def start_worker(tmp_path: Path, redis_srv: RedisServer,
                 db_url: str) -> Iterator[Callable[..., Worker]]:
    workers: list[Worker] = []

    def start(name: str, pool: str = "solo", beat: bool = False,
              env_extra: dict[str, str] | None = None) -> Worker:
        """A worker process: ``pool`` "solo" (runs jobs itself) or "prefork" (one pool child);
        ``beat``: with the beat scheduler embedded (-B)."""
        env = {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": redis_srv.url,
               "FITSVC_CELERY_IMPORTS": "tests.scale.celery_tasks", "PYTHONPATH": str(ROOT),
               **{f"FITSVC_{k}": v for k, v in FAST.items()}, **(env_extra or {})}
        log = tmp_path / f"worker-{name}.log"
        cmd = [sys.executable, "-m", "celery", "-A", "fitsvc.celery_app", "worker", "-P", pool,
               "-n", f"{name}@localhost", "--without-gossip", "--without-mingle",
               "--without-heartbeat", "--loglevel=INFO", f"--logfile={log}"]
        if pool == "prefork":
            cmd += ["-c", "1"]
        if beat:
            cmd += ["-B", f"--schedule={tmp_path / f'beat-{name}'}"]
        with (tmp_path / f"{name}.err").open("wb") as err_file:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True,
                                    stdout=subprocess.DEVNULL, stderr=err_file)
        w = Worker(name, proc, log)
        workers.append(w)
        deadline = time.monotonic() + 60
        while "ready." not in w.text():
            if proc.poll() is not None or time.monotonic() > deadline:
                err = (tmp_path / f"{name}.err").read_text(errors="replace")
                raise RuntimeError(f"celery worker {name} did not start:\n{w.text()[-3000:]}\n{err[-3000:]}")
            time.sleep(0.1)
        return w

    yield start
    for w in workers:
        w.stop()


def wait_for(pred: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = pred()
        if out:
            return out
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
