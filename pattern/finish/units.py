"""Length labels in the units a tailor reads: metric (cm, 1 mm steps) or imperial (1/8 in).

Drawings stay at 1:1 in mm whatever the units; only the text written on them changes.
"""

from __future__ import annotations

import math
import re

UNITS = ("metric", "imperial")
MM_PER_INCH = 25.4


def check_units(units: str) -> str:
    if units not in UNITS:
        raise ValueError(f"unknown units {units!r}; choose one of {', '.join(UNITS)}")
    return units


def eighths(mm: float) -> int:
    """A length in whole eighths of an inch (rounded half away from zero)."""
    return math.floor(abs(mm) / MM_PER_INCH * 8 + 0.5) * (1 if mm >= 0 else -1)


def format_length(mm: float, units: str = "metric") -> str:
    """``18.2 cm`` (rounded to the mm) or ``7 3/8"`` (rounded to 1/8 in). ASCII only."""
    if check_units(units) == "metric":
        n = math.floor(abs(mm) + 0.5) * (1 if mm >= 0 else -1)
        return f"{n / 10:.1f} cm"
    n = eighths(mm)
    sign, n = ("-" if n < 0 else ""), abs(n)
    whole, rest = divmod(n, 8)
    if rest == 0:
        return f'{sign}{whole}"'
    g = math.gcd(rest, 8)
    frac = f"{rest // g}/{8 // g}"
    return f'{sign}{whole} {frac}"' if whole else f'{sign}{frac}"'


_METRIC = re.compile(r"(-?\d+(?:\.\d+)?) cm$")
_IMPERIAL = re.compile(r'(-?)(?:(\d+) )?(?:(\d+)/(\d+)|(\d+))"$')


def parse_length(text: str) -> float:
    """The length (mm) of a label ending with :func:`format_length` text (a notch label's
    arrow aside); for round trips and tests."""
    s = text.strip().removeprefix("<-").removesuffix("->").strip()
    m = _METRIC.search(s)
    if m:
        return float(m.group(1)) * 10
    m = _IMPERIAL.search(s)
    if not m:
        raise ValueError(f"no length in {text!r}")
    sign, whole, num, den, only = m.groups()
    inches = float(only) if only else float(whole or 0) + float(num) / float(den)
    return (-inches if sign else inches) * MM_PER_INCH
