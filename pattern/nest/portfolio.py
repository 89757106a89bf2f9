"""Run several engine copies side by side with different seeds and keep the best layout.

sparrow's own threads evaluate several candidate moves per separation step (a best-of-n
local search); a portfolio instead runs independent searches, one per core. Which is the
better use of a few cores is an empirical question: `bench/nest_esicup.py --strategy`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from pattern.nest.engine import (
    EngineResult,
    NestEngine,
    Progress,
    ProgressFn,
    StopFn,
    StripProblem,
)
from pattern.nest.errors import NestError


class PortfolioEngine:
    """``n`` engines from ``make_inner`` on seeds seed … seed+n−1 at once; the best wins.

    A stop request stops every member; when one member reaches its target density (it ends
    with ``stopped_early`` while no stop was requested) the others are stopped too.
    """

    def __init__(self, make_inner: Callable[[], NestEngine], n: int = 2) -> None:
        self.members = [make_inner() for _ in range(n)]
        self.name = self.members[0].name

    def solve(self, problem: StripProblem, seconds: float, seed: int = 0,
              on_progress: ProgressFn | None = None,
              should_stop: StopFn | None = None) -> EngineResult:
        t0 = time.monotonic()
        lock = threading.Lock()
        best: dict[str, float | None] = {"length": None, "density": None}
        results: list[EngineResult | BaseException | None] = [None] * len(self.members)
        done = threading.Event()

        def stop() -> bool:
            return done.is_set() or (should_stop is not None and should_stop())

        def relay(k: int) -> ProgressFn:
            def report(p: Progress) -> None:
                with lock:
                    if p.best_length is not None and (best["length"] is None
                                                      or p.best_length < best["length"]):
                        best["length"], best["density"] = p.best_length, p.best_density
                    rep = Progress(round(time.monotonic() - t0, 3), f"{p.phase} [seed +{k}]",
                                   best["length"], best["density"])
                    if on_progress is not None:
                        on_progress(rep)
            return report

        def run(k: int, engine: NestEngine) -> None:
            try:
                res = engine.solve(problem, seconds, seed + k, relay(k), stop)
                results[k] = res
                if res.stopped_early and not (should_stop is not None and should_stop()):
                    done.set()  # a member reached its target: no need to go on
            except BaseException as exc:  # reported below if no member succeeded
                results[k] = exc

        threads = [threading.Thread(target=run, args=(k, e), daemon=True)
                   for k, e in enumerate(self.members)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        ok = [r for r in results if isinstance(r, EngineResult)]
        if not ok:
            err = next((r for r in results if isinstance(r, BaseException)), None)
            raise NestError(f"every portfolio member failed: {err!r}")
        win = min(ok, key=lambda r: r.length)
        return replace(win, elapsed_s=round(time.monotonic() - t0, 3))
