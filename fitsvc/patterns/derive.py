"""Complete a customer's measurements: scan headline values + the estimator for the rest.

Blocks need more than the ten headline measurements (back waist length, crotch length,
wrist, ...). The ANSUR-trained estimator predicts them from stature, sex and weight; every
filled-in value is reported so the tailor knows which numbers were not measured.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fitsvc.errors import InvalidInput
from fitsvc.measure.estimator import load_default
from pattern.measurements import NAMES

SUBJECT_KEYS = ("stature", "sex", "weight_kg", "age")


def complete(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Return (cm mapping with every canonical name, {name: source}) for derived names."""
    out: dict[str, Any] = {k: v for k, v in data.items() if v is not None}
    missing = [n for n in NAMES if n not in out]
    if not missing or "stature" not in out:
        return out, {}
    query = {k: out.get(k) for k in SUBJECT_KEYS}
    try:
        predicted = load_default().predict(query)
    except ValueError as exc:
        raise InvalidInput(f"cannot derive the missing measurements: {exc}",
                           code="implausible_measurement",
                           hint="Check stature (cm), weight (kg) and sex.") from None
    derived: dict[str, str] = {}
    for name in missing:
        if name in predicted:
            out[name], derived[name] = round(predicted[name].value_cm, 1), "estimator"
    return out, derived
