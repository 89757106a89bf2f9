"""Pattern-library exceptions (the service maps them to problem+json codes)."""

from __future__ import annotations


class PatternError(Exception):
    """Base class; `code` is a stable machine-readable identifier."""

    code = "pattern_error"


class MissingMeasurement(PatternError):
    """A block needs a measurement that was not given."""

    code = "missing_measurement"

    def __init__(self, name: str, block: str = "") -> None:
        self.name = name
        self.block = block
        where = f" for block {block!r}" if block else ""
        super().__init__(f"measurement {name!r} is required{where}")


class ImplausibleMeasurement(PatternError):
    """A measurement lies outside the plausible human range (or is inconsistent)."""

    code = "implausible_measurement"

    def __init__(self, name: str, value_cm: float, low_cm: float, high_cm: float,
                 reason: str = "") -> None:
        self.name = name
        self.value_cm = value_cm
        self.low_cm = low_cm
        self.high_cm = high_cm
        why = reason or f"outside the plausible range {low_cm:g}–{high_cm:g} cm"
        super().__init__(f"measurement {name!r} = {value_cm:g} cm is {why}")


class UnknownBlock(PatternError):
    code = "unknown_block"

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        super().__init__(f"unknown block {name!r}; known blocks: {', '.join(known)}")


class BadOption(PatternError):
    code = "bad_option"


class BadSizeChart(PatternError):
    code = "bad_size_chart"


class DraftError(PatternError):
    """Drafting produced geometry that cannot be sewn (e.g. a fitting loop failed)."""

    code = "draft_error"
