"""Child-process side of :class:`SpyrrowEngine`: runs spyrrow and streams progress.

Run as a script (``python spyrrow_worker.py``: request JSON on stdin, one JSON message
per line on stdout), it imports nothing of ours, so it starts fast and never re-imports
the caller's main module. Messages put on ``out``:
``("progress", elapsed, phase, width, density, placements_or_None)`` and
``("done", elapsed, width, placements)`` or ``("error", text)``; placements are
``[(key, rotation_deg, (x, y)), ...]`` of the best feasible layout.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from typing import Any

FEASIBLE = {"ReportType.ExplFeas", "ReportType.CmprFeas", "ReportType.Final"}


def _placements(sol: Any) -> list[tuple[str, float, tuple[float, float]]]:
    return [
        (p.id, float(p.rotation), (float(p.translation[0]), float(p.translation[1])))
        for p in sol.placed_items
    ]


def spyrrow_config(seconds: float, seed: int, spacing: float, workers: int | None,
                   early_termination: bool = True) -> Any:
    """spyrrow's config for a wall budget: whole seconds, 80 % exploration, 20 % compression.

    ``early_termination`` ends exploration once a strip width has failed many disruptions in a
    row (sparrow's ``max_conseq_failed_attempts``); off, exploration uses its whole share.
    """
    import spyrrow

    total = max(2, round(seconds))
    explore = max(1, round(0.8 * total))
    return spyrrow.StripPackingConfig(
        early_termination=early_termination,
        min_items_separation=spacing if spacing > 0 else None,
        total_computation_time=None,
        exploration_time=explore,
        compression_time=max(1, total - explore),
        num_workers=workers,
        seed=seed,
    )


def build_instance(problem: dict[str, Any]) -> Any:
    """spyrrow instance from the plain-dict problem made by the engine adapter."""
    import spyrrow

    items = [
        spyrrow.Item(
            it["key"],
            [tuple(p) for p in it["outline"]],
            demand=int(it["demand"]),
            allowed_orientations=it["orientations"],
        )
        for it in problem["items"]
    ]
    return spyrrow.StripPackingInstance(problem["name"], float(problem["strip_width"]), items)


def run(problem: dict[str, Any], settings: dict[str, Any], out: Any, poll_s: float = 0.2) -> None:
    """Solve and stream the best feasible layout found so far through ``out``."""
    try:
        import spyrrow

        inst = build_instance(problem)
        cfg = spyrrow_config(settings["seconds"], settings["seed"], problem["spacing"],
                             settings.get("workers"), settings.get("early_termination", True))
        queue = spyrrow.ProgressQueue()
        box: dict[str, Any] = {}

        def target() -> None:
            try:
                box["sol"] = inst.solve(cfg, progress=queue)
            except BaseException as exc:  # spyrrow panics raise PanicException (BaseException)
                box["err"] = repr(exc)

        t0 = time.monotonic()
        th = threading.Thread(target=target, daemon=True)
        th.start()
        best = float("inf")
        while True:
            alive = th.is_alive()
            batch = queue.drain()
            new_best = None
            phase = "exploring"
            for rtype, sol in batch:
                phase = rtype.phase_name()
                if str(rtype) in FEASIBLE and sol.width < best:
                    best, new_best = sol.width, sol
            if batch:
                dens = new_best.density if new_best is not None else None
                out.put(("progress", time.monotonic() - t0, phase,
                         best if best < float("inf") else None, dens,
                         _placements(new_best) if new_best is not None else None))
            if not alive:
                break
            th.join(poll_s)
        if "err" in box or "sol" not in box:
            out.put(("error", box.get("err", "solver ended without a solution")))
            return
        sol = box["sol"]
        out.put(("done", time.monotonic() - t0, float(sol.width), _placements(sol)))
    except Exception as exc:
        out.put(("error", repr(exc)))


class _LineOut:
    """``put`` writes one JSON line to stdout (the parent reads them)."""

    def put(self, msg: Any) -> None:
        sys.stdout.write(json.dumps(msg) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _req = json.loads(sys.stdin.read())
    run(_req["problem"], _req["settings"], _LineOut())
