"""Several processes submitting jobs for one tenant at the same moment (the cap race)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def _submit(url: str, tenant: str, n: int, cap: int, barrier: Any) -> int:
    import fitsvc.markers.service  # noqa: F401  (registers the "marker" job kind)
    from fitsvc.db import make_engine
    from fitsvc.errors import ServiceError
    from fitsvc.jobs import insert_job

    engine = make_engine(url)
    barrier.wait(60)
    accepted = 0
    for _ in range(n):
        try:
            insert_job(engine, "marker", {}, tenant, cap=cap)
            accepted += 1
        except ServiceError as exc:
            assert exc.code == "too_many_jobs", exc
    engine.dispose()
    return accepted


def race(url: str, tenant: str, processes: int, per_process: int, cap: int) -> int:
    """Jobs accepted in all when ``processes`` processes each submit ``per_process`` at once."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(processes)
        with ProcessPoolExecutor(processes, mp_context=ctx) as pool:
            futures = [pool.submit(_submit, url, tenant, per_process, cap, barrier)
                       for _ in range(processes)]
            return sum(f.result(timeout=180) for f in futures)
