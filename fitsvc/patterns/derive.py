"""Complete a customer's measurements: scan headline values + estimator for the rest.

The ANSUR-trained estimator (`fitsvc.measure.estimator.load_default()`) predicts every
measurement from sex and stature (plus whatever is known); when it cannot be imported a
small proportional fallback table is used. Every filled-in value is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pattern.measurements import NAMES

#: Fallback ratios (value = ratio × reference measurement), typical adult proportions.
FALLBACK: dict[str, tuple[float, str]] = {
    "back_waist_length": (0.25, "stature"), "waist_height": (0.62, "stature"),
    "crotch_length": (0.70, "hip_girth"), "wrist_girth": (0.55, "upper_arm_girth"),
    "across_back": (0.38, "chest_girth"), "shoulder_length": (0.34, "shoulder_width"),
    "neck_base_girth": (1.08, "neck_girth"), "knee_height": (0.29, "stature"),
    "arm_length": (0.345, "stature"), "inside_leg": (0.46, "stature"),
    "upper_arm_girth": (0.31, "chest_girth"), "thigh_girth": (0.58, "hip_girth"),
    "neck_girth": (0.37, "chest_girth"), "shoulder_width": (0.40, "chest_girth"),
}


def _estimator() -> Callable[[dict[str, Any]], Mapping[str, Any]] | None:
    try:
        from fitsvc.measure.estimator import load_default
    except ImportError:
        return None
    try:
        est = load_default()
    except Exception:
        return None
    return est.predict


def _value_cm(est: Any) -> float | None:
    for attr in ("value_cm", "value"):
        if hasattr(est, attr):
            return float(getattr(est, attr))
        if isinstance(est, Mapping) and attr in est:
            return float(est[attr])
    return float(est) if isinstance(est, int | float) else None


def complete(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Return (cm mapping with every canonical name, {name: source}) for derived names."""
    out: dict[str, Any] = {k: v for k, v in data.items() if v is not None}
    missing = [n for n in NAMES if n not in out]
    derived: dict[str, str] = {}
    if not missing or "stature" not in out:
        return out, derived
    predict = _estimator()
    if predict is not None:
        query = {"stature": out["stature"], "sex": out.get("sex", "female"),
                 "weight_kg": out.get("weight_kg")}
        query.update({k: out[k] for k in NAMES if k in out})
        try:
            pred = predict(query)
        except Exception:
            pred = {}
        for n in missing:
            v = _value_cm(pred.get(n)) if n in pred else None
            if v is not None:
                out[n], derived[n] = round(v, 1), "estimator"
    for _ in range(2):  # second pass resolves fallbacks that need another fallback
        for n in missing:
            ratio, ref = FALLBACK.get(n, (0.0, ""))
            if n not in out and ref in out:
                out[n], derived[n] = round(ratio * float(out[ref]), 1), "fallback_ratio"
    return out, derived
