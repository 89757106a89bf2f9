"""Best-of-N markers across workers: one marker job, N seeds at once on N workers.

A marker job with ``workers`` = N > 1 spawns N − 1 helper jobs (``marker.attempt``, seeds
seed+1 … seed+N−1) through the job port, runs seed itself, and keeps the shortest layout.
Every helper gets the same wall-clock deadline as its parent (start + ``seconds``), so the
whole marker still takes ``seconds``: the gain is more draws in the same time, not more time.
A helper that no worker has picked up by the time the parent's own run ends is cancelled
(on a busy cluster N buys less); one that started is awaited (it ends by the deadline, plus a
grace for its validation). The winner is validated again here, against this job's own
problem, before it is returned: results from other processes are not trusted blindly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from fitsvc.jobs import TERMINAL, JobContext, task
from pattern.nest.engine import RawPlacement
from pattern.nest.instance import MarkerRequest, to_problem
from pattern.nest.solution import MarkerSolution
from pattern.nest.validate import assert_valid, layout_length

ATTEMPT_JOB = "marker.attempt"
MAX_WORKERS = 8
MIN_ATTEMPT_S = 3.0  # a helper with less time left than this does not start a run
GRACE_S = 30.0  # after the deadline: a started helper's last layout and its validation


def spawn_attempts(ctx: JobContext, params: dict[str, Any], workers: int, seed: int,
                   deadline: float) -> list[str]:
    """Queue the helpers (seeds seed+1 … seed+workers−1, all ending at ``deadline``)."""
    base = {k: v for k, v in params.items() if k not in ("workers", "seed")}
    return [ctx.spawn(ATTEMPT_JOB, {**base, "seed": seed + k, "deadline_unix": deadline})
            for k in range(1, workers)]


def helpers_best(ctx: JobContext, ids: list[str]) -> float | None:
    """The shortest length (mm) any helper has reported so far."""
    lengths = [ctx.job(i)["progress"].get("best_length_mm") for i in ids]
    found = [x for x in lengths if isinstance(x, int | float)]
    return min(found) if found else None


def gather(ctx: JobContext, ids: list[str], deadline: float,
           sleep: Callable[[float], None] = time.sleep) -> list[dict[str, Any]]:
    """After the parent's own run: cancel helpers not yet started, wait for the others;
    one entry per helper: {id, status, seed, result}."""
    for i in ids:
        if ctx.job(i)["status"] == "queued":
            ctx.cancel_job(i)
    out: dict[str, dict[str, Any]] = {}
    while len(out) < len(ids):
        for i in ids:
            if i not in out and (info := ctx.job(i))["status"] in TERMINAL:
                out[i] = info
        if len(out) < len(ids):
            if time.time() > deadline + GRACE_S or ctx.cancelled:
                for i in ids:
                    if i not in out:
                        ctx.cancel_job(i)
                        out[i] = {**ctx.job(i), "status": "abandoned"}
                break
            sleep(0.25)
    return [{"id": i, "status": out[i]["status"], "result": out[i].get("result")} for i in ids]


def revalidate(req: MarkerRequest, data: dict[str, Any]) -> MarkerSolution:
    """A helper's stored layout, checked against this request's own problem."""
    problem, labels = to_problem(req)
    placements = tuple(RawPlacement(str(p["item"]), float(p["rotation_deg"]),
                                    (float(p["translation"][0]), float(p["translation"][1])))
                       for p in data["placements"])
    length = layout_length(problem, placements)
    report = assert_valid(problem, placements, length)
    return MarkerSolution(problem, placements, length, report, float(data.get("elapsed_s", 0.0)),
                          int(data.get("seed", 0)), str(data.get("engine", "")),
                          bool(data.get("stopped_early", False)), folded=req.folded,
                          end_allowance=req.end_allowance, labels=dict(labels))


@task(ATTEMPT_JOB)
def attempt_task(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """One helper seed of a best-of-N marker, ending at the parent's deadline."""
    from fitsvc.markers.service import build_request, progress_reporter, run_marker

    left = float(params["deadline_unix"]) - time.time()
    if left < MIN_ATTEMPT_S:
        return {"skipped": f"started {MIN_ATTEMPT_S - left:.1f} s too late for its deadline"}
    req = build_request(params)
    sol = run_marker(req, left, int(params["seed"]), progress_reporter(ctx, left),
                     lambda: ctx.cancelled)
    return sol.to_dict()
