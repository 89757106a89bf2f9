"""JSON text from clients: refuse, before parsing, what would crash the parsers.

Python's ``json`` raises RecursionError (not a ValueError) for arrays or objects nested
deeper than the interpreter's stack, and a ValueError that is not a JSONDecodeError for an
integer of more than 4300 digits (``sys.get_int_max_str_digits``); Flask and webargs catch
neither, so either would be a 500. :func:`structure_problem` finds both without parsing
(strings skipped, brackets counted: a few ms for megabytes), cheaply enough to run on every
JSON request body.
:func:`loads_strict` is the parser for data imports: it also refuses ``NaN``/``Infinity``
(not JSON) and duplicate keys (ambiguous: parsers disagree on which one wins).
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

MAX_DEPTH = 64  # a catalog import is 5 deep; no request of this API needs more
MAX_DIGITS = 4300  # CPython's default limit for int("...")


def structure_problem(text: bytes | str) -> str | None:
    """Why this JSON text must not reach a parser, or None (it may still be invalid JSON).

    Escaped backslashes and quotes are dropped first, so every quote left opens or closes a
    string; a bracket or digit is outside strings when an even number of quotes precede it."""
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    if len(data) <= MAX_DIGITS and data.count(b"[") + data.count(b"{") <= MAX_DEPTH:
        return None  # too short for either problem (the usual request: no numpy needed)
    data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    chars = np.frombuffer(data, np.uint8)
    quotes = np.flatnonzero(chars == ord('"'))

    def outside(at: np.ndarray) -> np.ndarray:
        return np.asarray(np.searchsorted(quotes, at) % 2 == 0)

    digit = np.zeros(chars.size + 2, bool)
    digit[1:-1] = (chars >= ord("0")) & (chars <= ord("9"))
    edges = np.flatnonzero(digit[1:] != digit[:-1])  # starts and ends of digit runs
    starts, ends = edges[::2], edges[1::2]
    if outside(starts[ends - starts > MAX_DIGITS]).any():
        return f"a number has more than {MAX_DIGITS} digits"
    opens = (chars == ord("[")) | (chars == ord("{"))
    at = np.flatnonzero(opens | (chars == ord("]")) | (chars == ord("}")))
    at = at[outside(at)]
    if at.size and int(np.cumsum(np.where(opens[at], 1, -1)).max()) > MAX_DEPTH:
        return f"it is nested deeper than {MAX_DEPTH} levels"
    return None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"{literal[:20]} is too large a number")
    return value


def loads_strict(text: str) -> Any:
    """Parse JSON from a client; ValueError (a JSONDecodeError or our own) for anything
    invalid, too deep, too long a number, NaN/Infinity (or a float that overflows to it) or
    a duplicate key."""
    problem = structure_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant,
                      parse_float=_finite)
