"""Marker service: request parsing, running the nest with progress, and the job task.

Parameters (API body / job params): ``pieces`` (JSON pieces, see :mod:`pieces_io`) or
``block`` + ``size_chart`` (draft e.g. the shirt in the ratio's sizes of a sample chart),
``ratio`` ("S:1,M:2" or {"S": 1}), ``width_cm``, ``seconds`` (default 30), ``seed``,
``spacing_mm``, ``grain`` ("0,180" | "0,90,180,270" | "free"), ``folded``,
``end_allowance_mm`` (default 20), ``name``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fitsvc.db import session_scope
from fitsvc.errors import InvalidInput, NotFound, ServiceError
from fitsvc.jobs import JobCancelled, JobContext, task
from fitsvc.jobs_records import JobRecord
from fitsvc.markers import fanout
from fitsvc.markers.fanout import MAX_WORKERS
from fitsvc.markers.pieces_io import pieces_from_json
from fitsvc.storage import ArtefactStore, artefact_key, cached
from pattern.nest.engine import NestEngine, Progress
from pattern.nest.errors import NestError, NestInputError
from pattern.nest.export import FILE_FORMATS, marker_bytes
from pattern.nest.instance import MarkerRequest, Piece, parse_grain, parse_ratio, to_problem
from pattern.nest.marker import make_marker
from pattern.nest.solution import MarkerSolution

MAX_SECONDS = 3600.0
MAX_SEED = 2**32 - 1  # sparrow takes an unsigned seed; restarts add to it
SIZE_CHARTS = Path(__file__).resolve().parents[2] / "sample_data" / "size_charts"
JOB_KIND = "marker"


def _ratio(value: Any) -> dict[str, int]:
    if isinstance(value, dict):
        value = ",".join(f"{k}:{v}" for k, v in value.items())
    if not isinstance(value, str):
        raise NestInputError("ratio must be a string like 'S:1,M:2' or an object")
    return parse_ratio(value)


def build_request(params: dict[str, Any], pieces: list[Piece] | None = None) -> MarkerRequest:
    """A :class:`MarkerRequest` from plain parameters (raises NestInputError)."""
    if pieces is None and params.get("block"):
        pieces = drafted_pieces(str(params["block"]), str(params.get("size_chart", "mens_eu")),
                                list(_ratio(params.get("ratio", ""))))
    if pieces is None:
        pieces = pieces_from_json({"units": params.get("units", "mm"),
                                   "pieces": params.get("pieces") or []})
    try:
        width_mm = float(params["width_cm"]) * 10.0
    except (KeyError, TypeError, ValueError) as exc:
        raise NestInputError("width_cm (fabric width in cm) is required") from exc
    req = MarkerRequest(
        pieces=tuple(pieces), ratio=_ratio(params.get("ratio", "")), fabric_width=width_mm,
        spacing=float(params.get("spacing_mm", 0.0)),
        orientations=parse_grain(str(params.get("grain", "0,180"))),
        folded=bool(params.get("folded", False)),
        end_allowance=float(params.get("end_allowance_mm", 20.0)),
        name=str(params.get("name", "marker")))
    to_problem(req)  # fail fast on bad input (piece wider than fabric, unknown sizes...)
    return req


def drafted_pieces(block: str, chart: str, sizes: list[str]) -> list[Piece]:
    """Draft a block in the given sizes of a sample size chart (by name)."""
    from pattern.errors import PatternError
    from pattern.nest.from_pattern import graded_marker_pieces

    path = SIZE_CHARTS / f"{chart}.json"
    if not chart.replace("_", "").isalnum() or not path.exists():
        known = sorted(p.stem for p in SIZE_CHARTS.glob("*.json"))
        raise NestInputError(f"unknown size chart {chart!r}; known: {known}")
    try:
        return graded_marker_pieces(block, str(path), sizes)
    except PatternError as exc:
        raise NestInputError(f"cannot draft {block!r}: {exc}") from exc


def budget(params: dict[str, Any]) -> tuple[float, int, int]:
    """(seconds, seed, workers) from parameters, checked."""
    seconds = float(params.get("seconds", 30))
    if not 1 <= seconds <= MAX_SECONDS:
        raise NestInputError(f"seconds must be between 1 and {MAX_SECONDS:g}")
    seed = int(params.get("seed", 0))
    workers = params.get("workers", 1)
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise NestInputError(f"workers must be a whole number from 1 to {MAX_WORKERS}")
    if not 0 <= seed <= MAX_SEED - (workers - 1):
        raise NestInputError(f"seed must be between 0 and {MAX_SEED - (workers - 1)}")
    return seconds, seed, workers


def run_marker(req: MarkerRequest, seconds: float, seed: int = 0,
               on_progress: Callable[[dict[str, Any]], None] | None = None,
               should_stop: Callable[[], bool] | None = None,
               engine: NestEngine | None = None) -> MarkerSolution:
    """Nest the request; progress dicts carry elapsed_s, phase, best length/efficiency."""
    problem, _ = to_problem(req)
    area = sum(abs(_area(it.outline)) * it.demand for it in problem.items)

    def relay(p: Progress) -> None:
        if on_progress is None:
            return
        eff = area / (problem.strip_width * p.best_length) if p.best_length else None
        on_progress({"elapsed_s": round(p.elapsed_s, 1), "phase": p.phase,
                     "best_length_mm": None if p.best_length is None else round(p.best_length, 1),
                     "best_efficiency": None if eff is None else round(eff, 4)})

    try:
        return make_marker(req, seconds, seed, engine, relay, should_stop)
    except NestInputError as exc:
        raise InvalidInput(str(exc)) from exc
    except NestError as exc:
        raise ServiceError(str(exc), code="nesting_failed", status=500) from exc


def _area(outline: tuple[tuple[float, float], ...]) -> float:
    pts = list(outline)
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=False)) / 2


def check_params(params: dict[str, Any]) -> dict[str, Any]:
    """Validate marker parameters up front (so bad input is a 422, not a failed job)."""
    try:
        build_request(params)
        budget(params)
    except (NestInputError, ValueError, TypeError) as exc:
        raise InvalidInput(str(exc), hint="See docs/markers.md for the marker request.") from exc
    return params


def progress_reporter(ctx: JobContext, seconds: float,
                      extra: Callable[[], dict[str, Any]] | None = None
                      ) -> Callable[[dict[str, Any]], None]:
    """Progress to the jobs table about once a second (plus ``extra()``'s fields)."""
    last = [0.0]

    def progress(fields: dict[str, Any]) -> None:
        if time.monotonic() - last[0] >= 1.0:
            last[0] = time.monotonic()
            ctx.progress(**fields, budget_s=seconds, **(extra() if extra else {}))

    return progress


@task(JOB_KIND)
def marker_task(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Job body: nest (with ``workers`` > 1, best of that many seeds on as many workers),
    report progress about once a second, honour cancel."""
    req = build_request(params)
    seconds, seed, workers = budget(params)
    deadline = time.time() + seconds
    helpers = fanout.spawn_attempts(ctx, params, workers, seed, deadline) if workers > 1 else []

    def helpers_progress() -> dict[str, Any]:
        return {"helpers_best_length_mm": fanout.helpers_best(ctx, helpers)} if helpers else {}

    try:
        sol = run_marker(req, seconds, seed, progress_reporter(ctx, seconds, helpers_progress),
                         lambda: ctx.cancelled)
    except ServiceError:
        if ctx.cancelled:  # stopped before a first layout: a cancel, not a failure
            for helper_id in helpers:
                ctx.cancel_job(helper_id)
            raise JobCancelled(ctx.job_id) from None
        raise
    attempts = [{"seed": seed, "status": "succeeded", "length": round(sol.length, 4)}]
    for h in fanout.gather(ctx, helpers, deadline):
        res = h["result"] or {}
        attempts.append({"seed": seed + len(attempts), "status": h["status"],
                         "length": res.get("length"), **({"skipped": res["skipped"]}
                                                         if "skipped" in res else {})})
        if h["status"] == "succeeded" and "placements" in res and res["length"] < sol.length:
            sol = fanout.revalidate(req, res)
    if ctx.cancelled:
        raise JobCancelled(ctx.job_id)
    ctx.progress(elapsed_s=round(time.time() - (deadline - seconds), 1), phase="done",
                 best_length_mm=round(sol.length, 1), best_efficiency=round(sol.efficiency, 4),
                 budget_s=seconds)
    return {**sol.to_dict(), "workers": workers, "attempts": attempts}


def submit_marker(jobs: Any, params: dict[str, Any], tenant: str) -> dict[str, Any]:
    """Check the parameters and queue a marker job; returns the job view."""
    check_params(params)
    job_id = jobs.submit(JOB_KIND, params, tenant)
    return dict(jobs.get(job_id, tenant))


def marker_status(jobs: Any, job_id: str, tenant: str) -> dict[str, Any]:
    """The job view of a marker job (404 for other kinds or tenants)."""
    info = dict(jobs.get(job_id, tenant))
    if info.get("kind") != JOB_KIND:
        raise NotFound(f"marker {job_id} not found")
    return info


def marker_file(jobs: Any, store: ArtefactStore, job_id: str, tenant: str,
                fmt: str) -> tuple[bytes, str]:
    """A finished marker as svg | pdf | dxf | png: rebuilt from its stored result (checked
    again against its request) on the first download, then kept in the artefact store."""
    if fmt not in FILE_FORMATS:
        raise NotFound(f"unknown marker format {fmt!r}", code="unknown_format",
                       hint=f"Use one of {', '.join(FILE_FORMATS)}.")
    info = marker_status(jobs, job_id, tenant)
    if info["status"] != "succeeded":
        raise ServiceError(f"marker {job_id} is {info['status']}, it has no layout",
                           code="marker_not_ready", status=409,
                           hint="Download it once GET /v1/markers/{id} says succeeded.")
    key = artefact_key(tenant, "markers", job_id, f"marker.{fmt}")

    def make() -> dict[str, bytes]:
        with session_scope(jobs.engine) as s:
            params = dict(s.get(JobRecord, job_id).params or {})  # type: ignore[union-attr]
        sol = fanout.revalidate(build_request(params), info["result"])
        return {key: marker_bytes(sol, fmt)}

    return cached(store, key, make, lambda: True), FILE_FORMATS[fmt]


def cancel_marker(jobs: Any, job_id: str, tenant: str) -> dict[str, Any]:
    """Cancel a marker job; the engine's child process is stopped within a second."""
    marker_status(jobs, job_id, tenant)
    return dict(jobs.cancel(job_id, tenant))
