"""Scale-out on real Celery workers and Redis: a marker's seeds fanned out to two workers,
the per-tenant running cap across workers, a prefork pool child killed mid-job, and beat's
sweep re-queueing a job whose message was lost."""

from __future__ import annotations

import os
import re
import signal
import time
from itertools import pairwise
from pathlib import Path

import pytest

import fitsvc.markers.service  # noqa: F401  (registers the marker job kinds here)
from fitsvc.jobs import insert_job
from tests.scale.celery_fixtures import db_url, redis_srv, runner, start_worker, wait_for
from tests.scale.celery_tasks import KIND

pytestmark = [pytest.mark.scale, pytest.mark.slow]
__all__ = ["db_url", "redis_srv", "runner", "start_worker"]  # fixtures used below

RECT = [[0, 0], [240, 0], [240, 520], [0, 520]]
FRONT = [[0, 0], [220, 0], [260, 450], [120, 520], [0, 500]]


def _stored_by(workers, job_id: str) -> list[str]:
    return [w.name for w in workers if re.search(rf"job {job_id} stored: succeeded", w.text())]


def _spans(runs: Path) -> dict[str, tuple[int, int]]:
    """Job id → (line of its start, line of its end) in the shared runs log."""
    out: dict[str, list[int]] = {}
    for n, line in enumerate(runs.read_text().splitlines()):
        what, job_id, _ = line.split()
        out.setdefault(job_id, [n, n])[0 if what == "start" else 1] = n
    return {k: (v[0], v[1]) for k, v in out.items()}


def test_a_markers_seeds_run_on_two_workers_at_once(runner, start_worker) -> None:
    a, b = start_worker("a"), start_worker("b")
    pieces = [{"name": "back", "size": s, "outline": RECT, "grain_deg": 90} for s in "SM"]
    pieces += [{"name": "front", "size": s, "outline": FRONT, "grain_deg": 90,
                "mirrored_pair": True} for s in "SM"]
    params = {"pieces": pieces, "ratio": "S:1,M:2", "width_cm": 100, "seconds": 6, "seed": 3,
              "workers": 2}
    t0 = time.monotonic()
    job_id = runner.submit("marker", params)
    info = runner.wait(job_id, timeout=180)
    assert info["status"] == "succeeded", info
    res = info["result"]
    assert [x["seed"] for x in res["attempts"]] == [3, 4]
    assert [x["status"] for x in res["attempts"]] == ["succeeded", "succeeded"]
    assert res["length"] == pytest.approx(min(x["length"] for x in res["attempts"]), abs=1e-3)
    assert time.monotonic() - t0 < 6 + 60  # both seeds in the same wall time, not one by one
    helper = re.search(r"job (\S+) stored: succeeded", (b if _stored_by([a], job_id) else a)
                       .text())
    assert helper is not None  # the other worker ran (and stored) the helper seed
    assert sorted(_stored_by([a, b], job_id) + _stored_by([a, b], helper.group(1))) == ["a", "b"]


def test_one_tenant_runs_one_job_at_a_time_while_another_tenant_gets_a_worker(
        runner, start_worker, tmp_path: Path) -> None:
    workers = [start_worker(n) for n in ("a", "b", "c")]  # MAX_JOBS_RUNNING=1 (FAST)
    runs = tmp_path / "runs.log"
    params = {"runs_log": str(runs), "steps": 6, "step_s": 0.25}
    shop = [runner.submit(KIND, params, "shop-a") for _ in range(3)]
    other = runner.submit(KIND, params, "shop-b")
    for job_id, tenant in [*((j, "shop-a") for j in shop), (other, "shop-b")]:
        info = runner.wait(job_id, 120, tenant)
        assert info["status"] == "succeeded", (info, workers[0].text()[-2000:])
    spans = _spans(runs)
    ordered = sorted(spans[j] for j in shop)
    assert all(prev[1] < nxt[0] for prev, nxt in pairwise(ordered))  # never overlap
    first_end = ordered[0][1]
    assert spans[other][0] < first_end  # shop-b did not wait for shop-a's queue


def test_a_killed_prefork_pool_child_hands_its_job_back_and_it_is_stored_once(
        runner, start_worker, tmp_path: Path) -> None:
    w = start_worker("p", pool="prefork")
    runs = tmp_path / "runs.log"
    job_id = runner.submit(KIND, {"runs_log": str(runs), "steps": 12, "step_s": 0.25})
    child = wait_for(lambda: runner.get(job_id)["progress"].get("pid"), 60, "the job to start")
    assert child != w.proc.pid  # the pool child runs it, not the worker's main process
    wait_for(lambda: runner.get(job_id)["progress"].get("step", 0) >= 2, 30, "progress")
    os.kill(child, signal.SIGKILL)  # the child only: the main process sees WorkerLostError
    info = runner.wait(job_id, timeout=120)
    assert info["status"] == "succeeded", (info, w.text()[-3000:])
    assert info["result"]["pid"] not in (child, w.proc.pid)  # a new pool child finished it
    assert runs.read_text().count(f"start {job_id}") == 2
    time.sleep(4)
    assert len(re.findall(rf"job {job_id} stored: succeeded", w.text())) == 1


def test_beats_sweep_queues_again_a_job_whose_message_was_lost(runner, start_worker,
                                                               tmp_path: Path) -> None:
    runs = tmp_path / "runs.log"
    params = {"runs_log": str(runs), "steps": 2, "step_s": 0.1}
    waiting = runner.submit(KIND, params)  # a message in Redis: must be left alone
    lost = insert_job(runner.engine, KIND, params, "default")  # row written, message lost
    time.sleep(1.5)
    from fitsvc.jobs_sweep import lost_jobs

    client = runner.celery.connection_for_write().channel().client
    assert lost_jobs(runner.engine, client, "fitsvc-jobs", 1.0) == [lost]
    start_worker("beat", beat=True, env_extra={"FITSVC_JOB_SWEEP_S": "1",
                                               "FITSVC_JOB_SWEEP_MIN_AGE_S": "1"})
    for job_id in (waiting, lost):
        assert runner.wait(job_id, timeout=90)["status"] == "succeeded", job_id
    time.sleep(3)  # more sweeps: nothing runs twice
    assert runs.read_text().count(f"start {waiting}") == 1
    assert runs.read_text().count(f"start {lost}") == 1
