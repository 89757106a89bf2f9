"""Body-measurement estimator trained on ANSUR II: observed widths/depths + subject data -> tape
measurements with split-conformal 90 % prediction intervals.

One ridge model (ellipse perimeters, BMI, stature-scaled terms, sex interactions) per feature set
(front+side, front, subject) and per availability of weight/sex/age, so each prediction uses
exactly what is given. Interval half-widths are conformal quantiles of out-of-fold |residuals| of
the same model (Mondrian by sex when known): front-only intervals are wider because its residuals
are larger, not by a hand factor.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from fitsvc.measure.definitions import MEASUREMENTS, TARGETS

FRONT_FEATURES = ("shoulder_breadth", "chest_breadth", "waist_breadth", "hip_breadth",
                  "crotch_height")
SIDE_FEATURES = ("chest_depth", "waist_depth", "hip_depth")
SUBJECT_FEATURES = ("stature", "weight_kg", "sex", "age")
FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "front_side": FRONT_FEATURES + SIDE_FEATURES, "front": FRONT_FEATURES, "subject": ()}
OPTIONAL = ("weight_kg", "sex", "age")
COMBOS: tuple[tuple[bool, bool, bool], ...] = tuple(
    (w, s, a) for w in (True, False) for s in (True, False) for a in (True, False))
ANSUR_INPUTS = dict(zip(FRONT_FEATURES + SIDE_FEATURES + ("stature", "weight_kg", "age"), (
    "biacromialbreadth", "chestbreadth", "waistbreadth", "hipbreadth", "crotchheight",
    "chestdepth", "waistdepth", "buttockdepth", "stature", "weightkg", "age"), strict=True))
RANGES = {"stature": (100.0, 230.0), "weight_kg": (25.0, 300.0), "age": (10.0, 100.0)}
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "measure"


@dataclass(frozen=True)
class Estimate:
    """A measurement in cm with its 90 % prediction interval."""

    value_cm: float
    low_cm: float
    high_cm: float

    def to_dict(self) -> dict[str, float]:
        """JSON shape ``{"value_cm", "low_cm", "high_cm"}``."""
        return {"value_cm": self.value_cm, "low_cm": self.low_cm, "high_cm": self.high_cm}


def ellipse_perimeter(breadth: np.ndarray, depth: np.ndarray) -> np.ndarray:
    """Ramanujan's second approximation of the perimeter of an ellipse with these diameters."""
    a, b = breadth / 2.0, depth / 2.0
    h = ((a - b) / (a + b)) ** 2
    return np.pi * (a + b) * (1.0 + 3.0 * h / (10.0 + np.sqrt(4.0 - 3.0 * h)))


def design_matrix(obs: Mapping[str, np.ndarray], feature_set: str,
                  combo: tuple[bool, bool, bool]) -> np.ndarray:
    """Engineered features for one feature set and (weight, sex, age) availability."""
    has_w, has_sex, has_age = combo
    st = obs["stature"]
    cols = [st, st ** 2 / 100.0]
    if has_w:
        w = obs["weight_kg"]
        cols += [w, w / (st / 100.0) ** 2, 100.0 * np.sqrt(w / st), w * st / 100.0]
    if has_age:
        cols += [obs["age"], obs["age"] ** 2 / 100.0]
    if feature_set in ("front", "front_side"):
        front = [obs[k] for k in FRONT_FEATURES]
        cols += front + [b * st / 100.0 for b in front[:4]] + [b ** 2 / 10.0 for b in front[:4]]
        if has_w:
            cols += [b * np.sqrt(w / st) for b in front[:4]]
    if feature_set == "front_side":
        for b, d in zip(FRONT_FEATURES[1:4], SIDE_FEATURES, strict=True):
            cols += [obs[d], ellipse_perimeter(obs[b], obs[d]), np.sqrt(obs[b] * obs[d]) * 3.0,
                     obs[d] ** 2 / 10.0]
    m = np.column_stack(cols)
    if has_sex:
        male = (np.asarray(obs["sex"]) == "male").astype(float)[:, None]
        m = np.hstack([m, male, m * male])
    return m


def _fit_ridge(x: np.ndarray, y: np.ndarray, alphas: np.ndarray) -> dict[str, np.ndarray]:
    """Standardised multi-output ridge with a per-target alpha chosen by efficient LOO."""
    from sklearn.linear_model import RidgeCV

    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    model = RidgeCV(alphas=alphas, alpha_per_target=True).fit((x - mean) / scale, y)
    return {"mean": mean, "scale": scale, "coef": np.asarray(model.coef_).T.copy(),
            "intercept": np.asarray(model.intercept_), "alpha": np.atleast_1d(model.alpha_)}


def apply_model(model: Mapping[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """Predictions of a fitted ridge record for a design matrix."""
    return ((x - model["mean"]) / model["scale"]) @ model["coef"] + model["intercept"]


def conformal_quantile(abs_residuals: np.ndarray, coverage: float) -> np.ndarray:
    """Split-conformal half-width: the ceil((n+1)*coverage)-th smallest |residual| per column."""
    n = abs_residuals.shape[0]
    k = min(n, math.ceil((n + 1) * coverage))
    return np.sort(abs_residuals, axis=0)[k - 1]


def frame_inputs(frame: Any) -> dict[str, np.ndarray]:
    """Observed-input arrays (our names) from an ``AnsurFrame``."""
    obs = {k: np.asarray(frame[c], dtype=float) for k, c in ANSUR_INPUTS.items()}
    obs["sex"] = np.asarray(frame.sex)
    return obs


class MeasurementEstimator:
    """Ridge ensemble over feature sets x optional-input combos with conformal intervals."""

    def __init__(self, targets: tuple[str, ...] = TARGETS, coverage: float = 0.9,
                 n_folds: int = 5, input_noise_cm: float = 0.0, noise_copies: int = 4,
                 seed: int = 0, verbose: bool = False) -> None:
        self.targets = targets
        self.coverage = coverage
        self.n_folds = n_folds
        self.input_noise_cm = input_noise_cm
        self.noise_copies = noise_copies
        self.seed = seed
        self.verbose = verbose

    def _noisy(self, obs: Mapping[str, np.ndarray], rng: np.random.Generator,
               copies: int) -> dict[str, np.ndarray]:
        """Repeat rows ``copies`` times and add N(0, input_noise_cm) to the photo features."""
        out = {k: np.concatenate([v] * copies) for k, v in obs.items()}
        if self.input_noise_cm > 0:
            for k in FRONT_FEATURES + SIDE_FEATURES:
                out[k] = out[k] + rng.normal(0.0, self.input_noise_cm, out[k].shape)
        return out

    def _train(self, obs: Mapping[str, np.ndarray], y: np.ndarray, fs: str,
               combo: tuple[bool, bool, bool], rng: np.random.Generator) -> dict[str, np.ndarray]:
        copies = self.noise_copies if self.input_noise_cm > 0 else 1
        noisy = self._noisy(obs, rng, copies)
        alphas = np.logspace(-3, 3, 13)
        return _fit_ridge(design_matrix(noisy, fs, combo), np.tile(y, (copies, 1)), alphas)

    def fit(self, frame: Any) -> MeasurementEstimator:
        """Fit on an ``AnsurFrame`` (see fitsvc.measure.ansur); returns self."""
        obs = frame_inputs(frame)
        y = np.column_stack([frame[MEASUREMENTS[t]["ansur_column"]] for t in self.targets])
        n = y.shape[0]
        rng = np.random.default_rng(self.seed)
        folds = rng.permutation(n) % self.n_folds
        sex = obs["sex"]
        self.models_: dict[str, dict[str, np.ndarray]] = {}
        self.halfwidth_: dict[str, dict[str, np.ndarray]] = {}
        self.oof_mae_: dict[str, np.ndarray] = {}
        from tqdm import tqdm

        jobs = list(itertools.product(FEATURE_SETS, COMBOS))
        for fs, combo in tqdm(jobs, desc="train-measure", disable=not self.verbose):
            key = self.key(fs, combo)
            resid = np.empty_like(y)
            for k in range(self.n_folds):
                tr, va = folds != k, folds == k
                model = self._train({a: v[tr] for a, v in obs.items()}, y[tr], fs, combo, rng)
                va_obs = self._noisy({a: v[va] for a, v in obs.items()}, rng, 1)
                resid[va] = y[va] - apply_model(model, design_matrix(va_obs, fs, combo))
            groups = {"all": np.ones(n, bool)}
            if combo[1]:
                groups = {s: sex == s for s in ("female", "male")}
            self.halfwidth_[key] = {g: conformal_quantile(np.abs(resid[m]), self.coverage)
                                    for g, m in groups.items()}
            self.oof_mae_[key] = np.abs(resid).mean(0)
            self.models_[key] = self._train(obs, y, fs, combo, rng)
        return self

    @staticmethod
    def key(feature_set: str, combo: tuple[bool, bool, bool]) -> str:
        """Model key such as ``front_side+weight_kg+sex``."""
        return "+".join([feature_set, *(n for n, h in zip(OPTIONAL, combo, strict=True) if h)])

    def feature_set(self, observed: Mapping[str, float | str | None]) -> str:
        """``front_side`` | ``front`` | ``subject``: the largest complete set in ``observed``."""
        present = {k for k, v in observed.items() if v is not None}
        if set(FRONT_FEATURES) <= present:
            return "front_side" if set(SIDE_FEATURES) <= present else "front"
        return "subject"

    def predict(self, observed: Mapping[str, float | str | None]) -> dict[str, Estimate]:
        """Estimates (cm, 90 % interval) for every target from one person's observations."""
        fs = self.feature_set(observed)
        obs = _validate(observed, FEATURE_SETS[fs])
        combo = (obs.get("weight_kg") is not None, obs.get("sex") is not None,
                 obs.get("age") is not None)
        key = self.key(fs, combo)
        arrays = {k: np.asarray([v]) for k, v in obs.items() if v is not None}
        pred = apply_model(self.models_[key], design_matrix(arrays, fs, combo))[0]
        half = self.halfwidth_[key][str(obs["sex"]) if combo[1] else "all"]
        return {t: Estimate(round(float(p), 2), round(max(float(p - h), 0.0), 2),
                            round(float(p + h), 2))
                for t, p, h in zip(self.targets, pred, half, strict=True)}


def _validate(observed: Mapping[str, float | str | None],
              needed: tuple[str, ...]) -> dict[str, float | str | None]:
    """Check and convert the inputs a prediction uses; ValueError names the problem."""
    if observed.get("stature") is None:
        raise ValueError("stature (height in cm) is required")
    out: dict[str, float | str | None] = {}
    for name in ("stature", "weight_kg", "age", *needed):
        value = observed.get(name)
        if value is None:
            out[name] = None
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number, got {value!r}") from None
        low, high = RANGES.get(name, (0.5, 150.0))
        if not (math.isfinite(number) and low <= number <= high):
            raise ValueError(f"{name}={number} is outside the plausible range {low}-{high}")
        out[name] = number
    sex = observed.get("sex")
    if sex is not None and sex not in ("female", "male"):
        raise ValueError(f"sex must be 'female', 'male' or None, got {sex!r}")
    out["sex"] = sex
    return out


@functools.lru_cache(maxsize=4)
def load_default(path: str | Path | None = None) -> MeasurementEstimator:
    """Load (once) the committed estimator from ``models/measure`` (or ``path``)."""
    import json

    import joblib
    import sklearn

    directory = Path(path) if path is not None else DEFAULT_DIR
    meta = json.loads((directory / "meta.json").read_text())
    want = str(meta["library_versions"]["scikit-learn"]).split(".")[:2]
    have = sklearn.__version__.split(".")[:2]
    if want != have:
        raise RuntimeError(f"{directory}: artefact built with scikit-learn {'.'.join(want)}, "
                           f"running {'.'.join(have)}; rebuild it with: {meta['train_command']}")
    model = joblib.load(directory / meta["artefact"])
    if not isinstance(model, MeasurementEstimator):
        raise RuntimeError(f"{directory / meta['artefact']} is not a MeasurementEstimator")
    return model
