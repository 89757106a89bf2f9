"""Engine strategies: RestartingEngine (budget left → new seeds) and PortfolioEngine (side by side)."""

from __future__ import annotations

import time

from pattern.nest.engine import EngineItem, EngineResult, Progress, RawPlacement, StripProblem
from pattern.nest.restarts import RestartingEngine

PROBLEM = StripProblem(items=(EngineItem("a", ((0, 0), (1, 0), (1, 1), (0, 1)), 1),),
                       strip_width=1.0)


class FakeEngine:
    """Ends each run after ``run_s`` with a length that depends on the seed."""

    name = "fake"

    def __init__(self, lengths: dict[int, float], run_s: float = 0.05,
                 stop_at_seed: int | None = None) -> None:
        self.lengths = lengths
        self.run_s = run_s
        self.stop_at_seed = stop_at_seed
        self.calls: list[tuple[int, float]] = []

    def solve(self, problem, seconds, seed=0, on_progress=None, should_stop=None):  # type: ignore[no-untyped-def]
        self.calls.append((seed, seconds))
        time.sleep(self.run_s)
        length = self.lengths.get(seed, 10.0)
        if on_progress is not None:
            on_progress(Progress(self.run_s, "exploring", length, 1.0 / length))
        return EngineResult(placements=(RawPlacement("a", 0.0, (float(seed), 0.0)),),
                            length=length, elapsed_s=self.run_s, seed=seed,
                            stopped_early=seed == self.stop_at_seed, engine=self.name)


def test_restarts_fill_the_budget_and_keep_the_best() -> None:
    inner = FakeEngine({0: 12.0, 1: 9.0, 2: 11.0})
    seen: list[Progress] = []
    res = RestartingEngine(inner, min_run_s=0.02, max_runs=3).solve(
        PROBLEM, seconds=3.0, seed=0, on_progress=seen.append)
    assert [s for s, _ in inner.calls] == [0, 1, 2]
    assert all(b < a for (_, a), (_, b) in zip(inner.calls, inner.calls[1:], strict=False))
    assert res.length == 9.0 and res.seed == 1
    best = [p.best_length for p in seen]
    assert best == [12.0, 9.0, 9.0]  # never reports a worse "best so far"
    assert "restart 2" in seen[-1].phase and seen[-1].best_density == 1.0 / 9.0
    assert [p.elapsed_s for p in seen] == sorted(p.elapsed_s for p in seen)


def test_no_restart_without_enough_time_left() -> None:
    inner = FakeEngine({}, run_s=0.05)
    RestartingEngine(inner, min_run_s=0.5).solve(PROBLEM, seconds=0.3)
    assert len(inner.calls) == 1


def test_stop_request_or_reached_target_ends_the_restarts() -> None:
    inner = FakeEngine({}, stop_at_seed=1)  # seed 1 reports a stop (target density reached)
    RestartingEngine(inner, min_run_s=0.01).solve(PROBLEM, seconds=5.0)
    assert [s for s, _ in inner.calls] == [0, 1]
    inner = FakeEngine({})
    RestartingEngine(inner, min_run_s=0.01).solve(PROBLEM, seconds=5.0, should_stop=lambda: True)
    assert len(inner.calls) == 1


def test_portfolio_runs_members_side_by_side_and_keeps_the_best() -> None:
    from pattern.nest.portfolio import PortfolioEngine

    made: list[FakeEngine] = []

    def make() -> FakeEngine:
        made.append(FakeEngine({0: 12.0, 1: 9.5}, run_s=0.3))
        return made[-1]

    seen: list[Progress] = []
    t0 = time.monotonic()
    res = PortfolioEngine(make, n=2).solve(PROBLEM, seconds=1.0, seed=0, on_progress=seen.append)
    assert time.monotonic() - t0 < 0.55  # concurrent, not 2 × 0.3 s
    assert [m.calls[0][0] for m in made] == [0, 1]
    assert res.length == 9.5 and res.seed == 1
    assert min(p.best_length for p in seen if p.best_length) == 9.5


def test_portfolio_member_reaching_its_target_stops_the_others() -> None:
    from pattern.nest.portfolio import PortfolioEngine

    class Patient(FakeEngine):
        def solve(self, problem, seconds, seed=0, on_progress=None, should_stop=None):  # type: ignore[no-untyped-def]
            if seed == 1:  # waits for a stop request
                while should_stop is not None and not should_stop():
                    time.sleep(0.01)
            return super().solve(problem, seconds, seed, on_progress, should_stop)

    t0 = time.monotonic()
    res = PortfolioEngine(lambda: Patient({0: 8.0}, stop_at_seed=0), n=2).solve(PROBLEM, 30.0)
    assert time.monotonic() - t0 < 2.0 and res.length == 8.0
