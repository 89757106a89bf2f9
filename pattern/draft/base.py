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
    """A declared option. Numeric kinds: `pct` (a fraction of a measurement, 0.1 = 10 %),
    `deg`, `mm`, `ratio`; `choice` takes one of ``choices`` (``default`` is its index);
    `bool` is 0/1. ``description`` is the one line users see (CLI, OpenAPI, docs)."""

    default: float
    min: float
    max: float
    kind: str = "pct"  # pct | deg | mm | ratio | choice | bool
    ease: bool = False  # scaled by the fit intent
    description: str = ""
    choices: tuple[str, ...] = ()

    def default_value(self, fit: float = 1.0) -> float | str:
        if self.kind == "choice":
            return self.choices[int(self.default)]
        return self.default * fit if self.ease else self.default

    def parse(self, name: str, raw: object) -> float | str:
        """A user's value, checked (BadOption otherwise)."""
        if self.kind == "choice":
            if raw not in self.choices:
                raise BadOption(f"option {name}={raw!r}; choose one of {', '.join(self.choices)}")
            return str(raw)
        if self.kind == "bool":
            if raw in (True, False, 0, 1, "true", "false", "yes", "no", "0", "1"):
                return 1.0 if raw in (True, 1, "true", "yes", "1") else 0.0
            raise BadOption(f"option {name} must be true or false, got {raw!r}")
        try:
            v = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise BadOption(f"option {name!r} must be a number, got {raw!r}") from exc
        if not self.min <= v <= self.max:
            raise BadOption(f"option {name}={v:g} outside {self.min:g}..{self.max:g}")
        return v

    def describe(self) -> dict[str, Any]:
        """Name-less public view: type, default, range or choices, description."""
        out: dict[str, Any] = {"type": self.kind, "default": self.default_value(),
                               "description": self.description}
        if self.kind == "choice":
            out["choices"] = list(self.choices)
        elif self.kind != "bool":
            out.update(min=self.min, max=self.max, scaled_by_fit=self.ease)
        return out


@dataclass
class DraftContext:
    """What a part's draft function receives."""

    m: Measurements
    opts: dict[str, Any]
    store: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def __getitem__(self, name: str) -> float:
        return self.m[name]

    def o(self, name: str) -> float:
        return float(self.opts[name])

    def choice(self, name: str) -> str:
        """The chosen value of a `choice` option."""
        return str(self.opts[name])

    def flag(self, name: str) -> bool:
        return bool(self.opts[name])


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


FIT = Option(1, 0, 2, kind="choice", choices=tuple(FIT_INTENTS),
             description="fit intent: scales every ease option (fitted 0.7×, relaxed 1.5×)")


def resolve_options(block: Block, given: Mapping[str, object]) -> dict[str, Any]:
    """Defaults, fit intent, then user overrides (validated against their declarations)."""
    opts = block.options
    fit = str(FIT.parse("fit", given.get("fit", "regular")))
    out: dict[str, Any] = {k: o.default_value(FIT_INTENTS[fit]) for k, o in opts.items()}
    for k, raw in given.items():
        if k == "fit":
            continue
        if k not in opts:
            raise BadOption(f"unknown option {k!r} for block {block.name!r}; "
                            f"known: {', '.join(sorted(opts))}")
        out[k] = opts[k].parse(k, raw)
    return out


def describe_options(block: Block) -> dict[str, dict[str, Any]]:
    """Every option of a block (``fit`` first) with its type, default, range, description."""
    return {"fit": FIT.describe(), **{k: o.describe() for k, o in sorted(block.options.items())}}
