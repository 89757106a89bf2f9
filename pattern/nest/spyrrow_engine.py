"""Engine adapter for spyrrow (Python binding of sparrow, built on jagua-rs).

By default the solver runs in a child process (``python spyrrow_worker.py``, JSON lines
over pipes): spyrrow's ``solve`` cannot be
interrupted, so a child is the only way to honour a cancel (terminate it and keep the best
feasible layout streamed so far). ``isolate=False`` runs it in a thread instead (no
start-up cost, but stop requests and ``target_density`` are ignored: the thread cannot be
stopped, and leaving it running makes spyrrow panic at interpreter exit).
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from typing import Any

from pattern.nest import spyrrow_worker
from pattern.nest.engine import (
    EngineResult,
    Progress,
    ProgressFn,
    RawPlacement,
    StopFn,
    StripProblem,
)
from pattern.nest.errors import NestError
from pattern.nest.instance import min_height

EDGE_SLACK = 2e-6  # relative; far inside the validator's 1e-5 length tolerance


def engine_strip_width(problem: StripProblem) -> float:
    """The strip width handed to sparrow: a piece exactly as wide as the strip (counting the
    spacing sparrow keeps from both strip edges) makes it panic ("strip-width is running
    away"), so such problems get a sliver of slack."""
    w = problem.strip_width
    tight = any(min_height(it.outline, it.orientations) + 2 * problem.spacing
                >= w * (1.0 - EDGE_SLACK) for it in problem.items)
    return w * (1.0 + EDGE_SLACK) if tight else w


def problem_payload(problem: StripProblem) -> dict[str, Any]:
    """Plain, picklable form of the problem for the worker."""
    d = asdict(problem)
    d["strip_width"] = engine_strip_width(problem)
    for it in d["items"]:
        it["outline"] = [list(p) for p in it["outline"]]
        it["orientations"] = None if it["orientations"] is None else list(it["orientations"])
    return d


def _raw(pl: list[Any]) -> tuple[RawPlacement, ...]:
    return tuple(
        RawPlacement(key, float(rot) % 360.0, (float(t[0]), float(t[1]))) for key, rot, t in pl
    )


class SpyrrowEngine:
    """sparrow via spyrrow; see module doc for ``isolate``.

    ``target_density`` stops early once a feasible layout reaches it (e.g. the area
    bound, or a customer's target efficiency); ``workers`` = solver threads (None: all).
    """

    name = "spyrrow"

    def __init__(self, isolate: bool = True, workers: int | None = None,
                 target_density: float | None = None, poll_s: float = 0.2,
                 early_termination: bool = True) -> None:
        self.isolate = isolate
        self.early_termination = early_termination
        self.workers = workers
        self.target_density = target_density
        self.poll_s = poll_s

    def solve(self, problem: StripProblem, seconds: float, seed: int = 0,
              on_progress: ProgressFn | None = None,
              should_stop: StopFn | None = None) -> EngineResult:
        """Run spyrrow for about ``seconds`` and return its best feasible layout."""
        settings = {"seconds": seconds, "seed": int(seed), "workers": self.workers,
                    "early_termination": self.early_termination}
        payload = problem_payload(problem)
        out: queue.Queue[Any] = queue.Queue()
        worker: Any
        if self.isolate:
            worker = _ChildWorker({"problem": payload, "settings": settings}, out)
        else:
            worker = threading.Thread(target=spyrrow_worker.run,
                                      args=(payload, settings, out), daemon=True)
        t0 = time.monotonic()
        worker.start()
        try:
            return self._collect(out, worker, t0, seconds, int(seed), on_progress, should_stop)
        finally:
            if self.isolate:
                worker.terminate()

    def _collect(self, out: Any, worker: Any, t0: float, seconds: float, seed: int,
                 on_progress: ProgressFn | None, should_stop: StopFn | None) -> EngineResult:
        best: tuple[float, tuple[RawPlacement, ...]] | None = None
        history: list[Progress] = []
        hard_limit = 1.5 * max(seconds, 2.0) + 20.0
        while True:
            try:
                msg = out.get(timeout=self.poll_s)
            except queue.Empty:
                msg = None
            elapsed = time.monotonic() - t0
            if msg is not None and msg[0] == "error":
                raise NestError(f"spyrrow failed: {msg[1]}")
            if msg is not None and msg[0] == "done":
                _, _, width, pl = msg
                if best is None or width <= best[0]:
                    best = (width, _raw(pl))
                return self._result(best, elapsed, seed, False, history)
            if msg is not None:
                _, _, phase, width, dens, pl = msg
                if pl is not None and (best is None or width < best[0]):
                    best = (width, _raw(pl))
                rep = Progress(round(elapsed, 3), phase, best[0] if best else None,
                               dens if pl is not None else None)
                history.append(rep)
                if on_progress is not None:
                    on_progress(rep)
                if (self.isolate and self.target_density is not None and dens is not None
                        and dens >= self.target_density and best is not None):
                    return self._result(best, elapsed, seed, True, history)
            stop = should_stop() if should_stop is not None and self.isolate else False
            if stop or (self.isolate and elapsed > hard_limit):
                if best is None:
                    raise NestError("stopped before the engine found a first feasible layout")
                return self._result(best, elapsed, seed, True, history)
            if msg is None and not worker.is_alive() and out.empty():
                raise NestError("spyrrow worker ended without a result")

    def _result(self, best: tuple[float, tuple[RawPlacement, ...]], elapsed: float, seed: int,
                stopped: bool, history: list[Progress]) -> EngineResult:
        return EngineResult(placements=best[1], length=best[0], elapsed_s=round(elapsed, 3),
                            seed=seed, stopped_early=stopped, engine=self.name,
                            history=tuple(history[-200:]))


class _ChildWorker:
    """The worker script in a child process; its JSON lines are put on ``out``."""

    def __init__(self, request: dict[str, Any], out: queue.Queue) -> None:
        self._request = json.dumps(request)
        self._out = out
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    def start(self) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, spyrrow_worker.__file__], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True)
        assert self._proc.stdin is not None
        self._proc.stdin.write(self._request)
        self._proc.stdin.close()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        for line in self._proc.stdout:
            if line.strip():
                self._out.put(json.loads(line))

    def is_alive(self) -> bool:
        reading = self._reader is not None and self._reader.is_alive()
        return reading or (self._proc is not None and self._proc.poll() is None)

    def terminate(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait(5)
