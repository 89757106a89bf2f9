"""A Gaussian body model from ANSUR II: the measurements a photo does not show, conditioned on
the ones it does.

Per sex (and pooled, when the sex is not given) and with or without the weight, the 29
measurements are regressed on stature (+ weight, BMI); their residuals are jointly normal
with covariance Σ. A scan's photo estimates ŷₒ (chest, hip, neck, thigh, shoulder width,
arm length, inside leg) with their own spread D enter by the Gaussian conditioning formula
(e.g. Bishop, *Pattern Recognition and Machine Learning*, §2.3.1, with observation noise):

    μᵣ|ₒ = μᵣ + Σᵣₒ (Σₒₒ + D)⁻¹ (ŷₒ − μₒ),   Σᵣ|ₒ = Σᵣᵣ − Σᵣₒ (Σₒₒ + D)⁻¹ Σₒᵣ

so a neck base follows the measured neck, a waist height the measured inside leg, and each
interval says how much the photo pinned it down. Interval half-widths are the conditional
sd × 1.645 × a calibration factor fitted on the ANSUR hold-out (coverage 90 %).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import numpy as np

from fitsvc.measure.definitions import MEASUREMENTS, TARGETS

PHOTO_OBSERVED = ("chest_girth", "hip_girth", "neck_girth", "thigh_girth", "shoulder_width",
                  "arm_length", "inside_leg")
GROUPS = ("female", "male", "any")
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "body_prior" / "body_prior.json"
Z90 = 1.6449


def design(stature: np.ndarray, weight: np.ndarray | None) -> np.ndarray:
    cols = [np.ones_like(stature), stature, stature**2 / 100.0]
    if weight is not None:
        cols += [weight, weight / (stature / 100.0) ** 2, np.sqrt(weight * stature)]
    return np.column_stack(cols)


def fit_prior(stature: np.ndarray, weight: np.ndarray, y: np.ndarray, with_weight: bool
              ) -> dict[str, list[Any]]:
    x = design(stature, weight if with_weight else None)
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ coef
    return {"coef": coef.tolist(), "cov": np.cov(resid, rowvar=False).tolist()}


class BodyPrior:
    """Loaded prior: ``condition`` gives (mean, sd) per measurement for one person."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.targets: list[str] = doc["targets"]
        self.models = {k: (np.asarray(v["coef"]), np.asarray(v["cov"]))
                       for k, v in doc["models"].items()}
        self.scale = float(doc.get("interval_scale", 1.0))

    def condition(self, stature: float, weight: float | None, sex: str | None,
                  observed: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        """(mean, sd) in cm for every target given the photo's (value, sd) observations."""
        key = f"{sex or 'any'}+{'weight' if weight is not None else 'stature'}"
        coef, cov = self.models[key]
        x = design(np.array([stature]), None if weight is None else np.array([weight]))
        mu = (x @ coef)[0]
        obs = [i for i, t in enumerate(self.targets) if t in observed]
        rest = [i for i in range(len(self.targets)) if i not in obs]
        mean, var = mu.copy(), np.diag(cov).copy()
        if obs:
            d = np.diag([observed[self.targets[i]][1] ** 2 for i in obs])
            gain = np.linalg.solve(cov[np.ix_(obs, obs)] + d, cov[np.ix_(obs, rest)]).T
            resid = np.array([observed[self.targets[i]][0] for i in obs]) - mu[obs]
            mean[rest] = mu[rest] + gain @ resid
            var[rest] = np.diag(cov[np.ix_(rest, rest)] - gain @ cov[np.ix_(obs, rest)])
            mean[obs] = [observed[self.targets[i]][0] for i in obs]
            var[obs] = [observed[self.targets[i]][1] ** 2 for i in obs]
        sd = np.sqrt(np.maximum(var, 1e-6))
        return {t: (float(mean[i]), float(sd[i])) for i, t in enumerate(self.targets)}


def train_prior(frame: Any) -> dict[str, Any]:
    """Priors for every group/weight variant from an ``AnsurFrame`` (see fitsvc.measure.ansur)."""
    y = np.column_stack([frame[MEASUREMENTS[t]["ansur_column"]] for t in TARGETS])
    models = {}
    for group in GROUPS:
        m = np.ones(len(frame), bool) if group == "any" else frame.sex == group
        for with_w in (True, False):
            key = f"{group}+{'weight' if with_w else 'stature'}"
            models[key] = fit_prior(frame["stature"][m], frame["weightkg"][m], y[m], with_w)
    return {"targets": list(TARGETS), "models": models}


@functools.lru_cache(maxsize=2)
def load_default(path: str | None = None) -> BodyPrior:
    return BodyPrior(json.loads(Path(path or DEFAULT_PATH).read_text()))
