"""Readiness checks of the measurement stack (cheap: no MediaPipe import)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any


def check(config: dict[str, Any]) -> dict[str, bool]:
    model_dir = Path(config.get("MEASURE_MODEL_DIR", ""))
    return {
        "database": True,
        "measure_model": (model_dir / "meta.json").exists(),
        "mediapipe_installed": importlib.util.find_spec("mediapipe") is not None,
    }
