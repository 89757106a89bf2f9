"""Optional parts of the service (tables, blueprints, CLI commands) found by module name."""

from __future__ import annotations

import importlib
from types import ModuleType


def import_optional(name: str) -> ModuleType | None:
    """Import `name`, or None when that module (or a parent package) does not exist.

    An ImportError raised *inside* an existing module still propagates.
    """
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if name == missing or name.startswith(missing + "."):
            return None
        raise
