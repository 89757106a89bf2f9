"""Photo → caliper calibration of silhouette readings.

A silhouette width is not a caliper breadth (mask edges, soft tissue, camera perspective).
A per-feature linear map, fitted on rendered people whose true caliper values are known
(`fitsvc.synth`), brings readings onto the scale the estimator was trained on. Without a
fitted file the map is the identity.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "measure" / "photo_calibration.json"


@lru_cache(maxsize=4)
def load(path: str | None = None) -> dict[str, tuple[float, float]]:
    """{feature: (slope, intercept_cm)}; empty when no calibration file exists."""
    p = Path(path) if path else DEFAULT_PATH
    if not p.exists():
        return {}
    data = json.loads(p.read_text())
    return {k: (float(v["slope"]), float(v["intercept_cm"])) for k, v in data["features"].items()}


def apply(values: dict[str, float], table: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Calibrated copy of `values` (features without an entry pass through)."""
    out = dict(values)
    for name, (slope, intercept) in table.items():
        if name in out:
            out[name] = slope * out[name] + intercept
    return out
