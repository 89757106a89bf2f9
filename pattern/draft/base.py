"""Declarative parts and blocks (FreeSewing style): inputs declared, draft functions pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pattern.errors import BadOption
from pattern.measurements import Measurements
from pattern.piece import Piece

#: Fit intent scales every ease option (ease is a % of the related measurement).
FIT_INTENTS = {"fitted": 0.7, "regular": 1.0, "relaxed": 1.5}


@dataclass(frozen=True)
class Option:
    """Numeric option: `pct` options are fractions of a measurement (0.1 = 10 %)."""

    default: float
    min: float
    max: float
    kind: str = "pct"  # pct | deg | mm | ratio
    ease: bool = False  # scaled by the fit intent


@dataclass
class DraftContext:
    """What a part's draft function receives."""

    m: Measurements
    opts: dict[str, float]
    store: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> float:
        return self.m[name]

    def o(self, name: str) -> float:
        return self.opts[name]


@dataclass(frozen=True)
class Part:
    """A part: its measurements, options and a pure draft function returning pieces."""

    name: str
    measurements: tuple[str, ...]
    options: Mapping[str, Option]
    draft: Callable[[DraftContext], list[Piece]]
    hidden: bool = False  # drafted for its store values only (e.g. bodice for a sleeve)


@dataclass(frozen=True)
class Block:
    """A block = ordered parts (later parts may read earlier parts' store)."""

    name: str
    title: str
    parts: tuple[Part, ...]
    checks: tuple[tuple[str, str], ...] = ()  # ("piece.edge+piece.edge", ...) sewn together
    girths: tuple[tuple[str, str, str], ...] = ()  # (level, measurement, ease option)

    @property
    def measurements(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for p in self.parts:
            seen.update(dict.fromkeys(p.measurements))
        return tuple(seen)

    @property
    def options(self) -> dict[str, Option]:
        out: dict[str, Option] = {}
        for p in self.parts:
            out.update(p.options)
        return out


def resolve_options(block: Block, given: Mapping[str, object]) -> dict[str, float]:
    """Defaults, fit intent, then user overrides (validated against min/max)."""
    opts = block.options
    fit = str(given.get("fit", "regular"))
    if fit not in FIT_INTENTS:
        raise BadOption(f"option fit={fit!r}; choose one of {', '.join(FIT_INTENTS)}")
    out = {k: (o.default * FIT_INTENTS[fit] if o.ease else o.default) for k, o in opts.items()}
    for k, raw in given.items():
        if k == "fit":
            continue
        if k not in opts:
            raise BadOption(f"unknown option {k!r} for block {block.name!r}; "
                            f"known: {', '.join(sorted(opts))}")
        try:
            v = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise BadOption(f"option {k!r} must be a number, got {raw!r}") from exc
        if not opts[k].min <= v <= opts[k].max:
            raise BadOption(f"option {k}={v:g} outside {opts[k].min:g}..{opts[k].max:g}")
        out[k] = v
    return out
