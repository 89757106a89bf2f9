"""Run an engine on a problem or a marker request, and check the result before returning."""

from __future__ import annotations

from pattern.nest.engine import NestEngine, ProgressFn, StopFn, StripProblem
from pattern.nest.instance import MarkerRequest, to_problem
from pattern.nest.solution import MarkerSolution
from pattern.nest.validate import assert_valid, layout_length


def default_engine() -> NestEngine:
    """The production engine: sparrow via spyrrow in a cancellable child process, restarted
    with new seeds while budget is left."""
    from pattern.nest.restarts import RestartingEngine
    from pattern.nest.spyrrow_engine import SpyrrowEngine

    return RestartingEngine(SpyrrowEngine())


def solve_problem(problem: StripProblem, seconds: float, seed: int = 0,
                  engine: NestEngine | None = None, on_progress: ProgressFn | None = None,
                  should_stop: StopFn | None = None) -> MarkerSolution:
    """Solve an engine-level problem; the layout is always independently validated."""
    eng = engine or default_engine()
    res = eng.solve(problem, seconds, seed, on_progress, should_stop)
    length = layout_length(problem, res.placements)
    report = assert_valid(problem, res.placements, length)
    return MarkerSolution(problem, res.placements, length, report, res.elapsed_s, res.seed,
                          res.engine, res.stopped_early)


def make_marker(req: MarkerRequest, seconds: float, seed: int = 0,
                engine: NestEngine | None = None, on_progress: ProgressFn | None = None,
                should_stop: StopFn | None = None) -> MarkerSolution:
    """Nest a marker request: sizes x ratio, pairs, fold; checked before it is returned."""
    problem, labels = to_problem(req)
    sol = solve_problem(problem, seconds, seed, engine, on_progress, should_stop)
    return MarkerSolution(sol.problem, sol.placements, sol.length, sol.report, sol.elapsed_s,
                          sol.seed, sol.engine, sol.stopped_early, folded=req.folded,
                          end_allowance=req.end_allowance, labels=dict(labels))
