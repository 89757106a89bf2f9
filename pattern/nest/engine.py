"""Engine port: a strip-packing problem in, raw placements out (jagua-rs/sparrow split).

The problem is the engine-level form: items with demand and allowed orientations, a fixed
strip width (y extent) and a minimum separation. Garment concepts (sizes, mirrored pairs,
folded fabric) are resolved before this layer by :mod:`pattern.nest.instance`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

Point = tuple[float, float]


@dataclass(frozen=True)
class EngineItem:
    """A shape to place ``demand`` times; ``orientations=None`` means free rotation."""

    key: str
    outline: tuple[Point, ...]
    demand: int
    orientations: tuple[float, ...] | None = (0.0, 180.0)


@dataclass(frozen=True)
class StripProblem:
    """Place every copy inside [0, L] x [0, strip_width] without overlap, minimising L."""

    items: tuple[EngineItem, ...]
    strip_width: float
    spacing: float = 0.0
    name: str = "marker"

    def item(self, key: str) -> EngineItem:
        for it in self.items:
            if it.key == key:
                return it
        raise KeyError(key)


@dataclass(frozen=True)
class RawPlacement:
    """Rotate the item about its own origin by ``rotation_deg`` (CCW), then translate."""

    key: str
    rotation_deg: float
    translation: Point


@dataclass(frozen=True)
class Progress:
    """A progress report: seconds since start, best feasible length/density so far."""

    elapsed_s: float
    phase: str
    best_length: float | None
    best_density: float | None


@dataclass(frozen=True)
class EngineResult:
    """The engine's best feasible layout (length as the engine reports it)."""

    placements: tuple[RawPlacement, ...]
    length: float
    elapsed_s: float
    seed: int
    stopped_early: bool = False
    engine: str = ""
    history: tuple[Progress, ...] = field(default=())


ProgressFn = Callable[[Progress], None]
StopFn = Callable[[], bool]


class NestEngine(Protocol):
    """Port implemented by engine adapters (spyrrow today)."""

    name: str

    def solve(
        self,
        problem: StripProblem,
        seconds: float,
        seed: int = 0,
        on_progress: ProgressFn | None = None,
        should_stop: StopFn | None = None,
    ) -> EngineResult:
        """Return the best feasible layout found within about ``seconds``."""
        ...
