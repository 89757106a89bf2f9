"""Exceptions of the nesting package (pattern never imports flask/fitsvc)."""

from __future__ import annotations


class NestError(Exception):
    """Base class of nesting errors."""


class NestInputError(NestError, ValueError):
    """The marker request cannot be nested as given (bad piece, ratio, width...)."""


class NestValidationError(NestError):
    """An engine returned a layout that fails the independent check."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message + ": " + "; ".join(problems[:5]))
        self.problems = problems
