"""Jobs on real Celery workers and a real Redis: a job runs and stores its result; a worker
killed with -9 mid-job hands it to another worker and the result is stored exactly once;
Redis killed and restarted with jobs queued loses none of them."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.scale.celery_fixtures import db_url, redis_srv, runner, start_worker, wait_for
from tests.scale.celery_tasks import KIND

pytestmark = [pytest.mark.scale, pytest.mark.slow]
__all__ = ["db_url", "redis_srv", "runner", "start_worker"]  # fixtures used below


def stored(workers, job_id: str) -> int:
    """How many times a worker wrote the job's final outcome (its log line per write)."""
    return sum(len(re.findall(rf"job {job_id} stored: succeeded", w.text())) for w in workers)


def test_a_job_runs_on_a_celery_worker_with_progress(runner, start_worker, tmp_path: Path) -> None:
    w = start_worker("one")
    runs = tmp_path / "runs.log"
    job_id = runner.submit(KIND, {"runs_log": str(runs), "steps": 4, "step_s": 0.1})
    info = runner.wait(job_id, timeout=60)
    assert info["status"] == "succeeded", info
    assert info["result"] == {"pid": w.proc.pid, "steps": 4}
    assert info["progress"]["step"] == 4
    assert stored([w], job_id) == 1


def test_cancel_reaches_a_running_job_through_the_jobs_table(runner, start_worker,
                                                              tmp_path: Path) -> None:
    start_worker("one")
    job_id = runner.submit(KIND, {"runs_log": str(tmp_path / "r"), "steps": 100, "step_s": 0.1})
    wait_for(lambda: runner.get(job_id)["progress"].get("step"), 60, "the job to start")
    runner.cancel(job_id)
    assert runner.wait(job_id, timeout=30)["status"] == "cancelled"


def test_kill_9_of_a_worker_mid_job_finishes_it_elsewhere_exactly_once(runner, start_worker,
                                                                       tmp_path: Path) -> None:
    a, b = start_worker("a"), start_worker("b")
    runs = tmp_path / "runs.log"
    job_id = runner.submit(KIND, {"runs_log": str(runs), "steps": 12, "step_s": 0.25})
    pid = wait_for(lambda: runner.get(job_id)["progress"].get("pid"), 60, "the job to start")
    wait_for(lambda: runner.get(job_id)["progress"].get("step", 0) >= 2, 30, "progress")
    victim, survivor = (a, b) if pid == a.proc.pid else (b, a)
    victim.kill9()
    info = runner.wait(job_id, timeout=90)
    assert info["status"] == "succeeded", info
    assert info["result"]["pid"] == survivor.proc.pid
    assert runs.read_text().count(f"start {job_id}") == 2  # killed run + the finished run
    time.sleep(4)  # later redeliveries (visibility timeout 3 s) must not store it again
    assert stored([a, b], job_id) == 1
    assert runner.get(job_id)["result"]["pid"] == survivor.proc.pid


def test_redis_restart_loses_no_accepted_job(runner, start_worker, redis_srv,
                                             tmp_path: Path) -> None:
    runs = tmp_path / "runs.log"
    params = {"runs_log": str(runs), "steps": 2, "step_s": 0.2}
    queued = [runner.submit(KIND, params) for _ in range(4)]
    redis_srv.restart()  # kill -9, then start on the same data: queued jobs are on disk
    w = start_worker("one")
    wait_for(lambda: runner.get(queued[0])["status"] == "running", 60, "a job to start")
    more = [runner.submit(KIND, params) for _ in range(2)]
    redis_srv.restart()  # again while one runs and others wait
    for job_id in queued + more:
        info = runner.wait(job_id, timeout=120)
        assert info["status"] == "succeeded", (job_id, info)
    time.sleep(4)
    assert all(stored([w], j) == 1 for j in queued + more), w.text()[-3000:]
