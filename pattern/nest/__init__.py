"""Marker making: nest pattern pieces on a fabric strip (engine: sparrow via spyrrow).

Layers (jagua-rs/sparrow split): :mod:`instance` (garment request -> engine problem),
:mod:`engine` (port), :mod:`spyrrow_engine` (adapter), :mod:`validate` (independent
check), :mod:`solution` (figures), :mod:`marker` (orchestration), :mod:`esicup`, exports.
"""

from pattern.nest.engine import EngineItem, RawPlacement, StripProblem
from pattern.nest.errors import NestError, NestInputError, NestValidationError
from pattern.nest.instance import MarkerRequest, Piece, parse_grain, parse_ratio
from pattern.nest.marker import make_marker, solve_problem
from pattern.nest.solution import MarkerSolution

__all__ = [
    "EngineItem", "MarkerRequest", "MarkerSolution", "NestError", "NestInputError",
    "NestValidationError", "Piece", "RawPlacement", "StripProblem", "make_marker",
    "parse_grain", "parse_ratio", "solve_problem",
]
