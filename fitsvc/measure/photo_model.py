"""Photo-reading → girth model learned on rendered synthetic people, stacked on ANSUR.

The ANSUR regressor (``fitsvc.measure.estimator``) is trained on caliper breadths; a photo
silhouette gives slice extents, and the lab's bodies differ from ANSUR's (fuller hips,
natural rather than omphalion waist). This model learns, on people rendered by
``fitsvc.synth`` with exact ground truth, the map from the raw photo readings + stature
(+ weight, sex when given) + the ANSUR regressor's own predictions to the tape girths.
One model per feature set (front_side, front) and per availability of weight and sex;
split-conformal 90 % intervals from out-of-fold residuals. A target is replaced only where
the model beat the ANSUR prediction on the synthetic cross-validation (``use_``).

Only photo scans call :func:`refine`; the no-photo (ANSUR) path never changes. Without
``models/measure_photo/`` it is a no-op.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

FRONT = ("shoulder_breadth", "chest_breadth", "waist_breadth", "hip_breadth", "crotch_height",
         "thigh_breadth", "arm_length_keypoints")
SIDE = ("chest_depth", "waist_depth", "hip_depth")
TARGETS = ("chest_girth", "waist_girth", "hip_girth", "neck_girth", "thigh_girth",
           "upper_arm_girth", "shoulder_width", "arm_length", "inside_leg")
FEATURE_SETS = {"front_side": FRONT + SIDE, "front": FRONT}
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "measure_photo"


def ellipse_perimeter(a: float, b: float) -> float:
    """Ramanujan's perimeter of an ellipse with full axes a (breadth) and b (depth)."""
    x, y = a / 2, b / 2
    h = ((x - y) / (x + y)) ** 2
    return float(np.pi * (x + y) * (1 + 3 * h / (10 + np.sqrt(4 - 3 * h))))


def combo_key(feature_set: str, weight: bool, sex: bool) -> str:
    return "+".join([feature_set, *(["weight"] if weight else []), *(["sex"] if sex else [])])


def feature_vector(obs: Mapping[str, Any], ansur: Mapping[str, float], feature_set: str,
                   weight: bool, sex: bool) -> list[float]:
    """Engineered inputs of one person (raw readings in cm, ANSUR predictions in cm)."""
    st = float(obs["stature"])
    x = [st] + [float(obs[k]) for k in FEATURE_SETS[feature_set]]
    if feature_set == "front_side":
        x += [ellipse_perimeter(float(obs[f"{lv}_breadth"]), float(obs[f"{lv}_depth"]))
              for lv in ("chest", "waist", "hip")]
    if weight:
        w = float(obs["weight_kg"])
        x += [w, w / (st / 100) ** 2, np.sqrt(w / st)]
    if sex:
        fem = 1.0 if obs["sex"] == "female" else 0.0
        x += [fem] + [fem * float(obs[k]) for k in ("chest_breadth", "hip_breadth")]
    x += [float(ansur[t]) for t in TARGETS]
    return x


def make_regressor(kind: str, seed: int = 0) -> Any:
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.linear_model import RidgeCV
    from sklearn.multioutput import MultiOutputRegressor
    from sklearn.neural_network import MLPRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures, StandardScaler

    if kind == "ridge":
        return make_pipeline(StandardScaler(), RidgeCV(np.logspace(-3, 3, 25),
                                                       alpha_per_target=True))
    if kind == "ridge2":  # ridge on degree-2 interactions of the standardised inputs
        return make_pipeline(StandardScaler(), PolynomialFeatures(2, include_bias=False),
                             StandardScaler(), RidgeCV(np.logspace(-1, 4, 21),
                                                       alpha_per_target=True))
    if kind == "mlp":
        return make_pipeline(StandardScaler(), MLPRegressor(
            hidden_layer_sizes=(32,), alpha=1.0, max_iter=3000, learning_rate_init=3e-3, random_state=seed))
    if kind == "gbm":
        return MultiOutputRegressor(HistGradientBoostingRegressor(
            max_iter=200, learning_rate=0.05, max_leaf_nodes=8, random_state=seed))
    raise ValueError(f"unknown model kind {kind!r}")


class PhotoModel:
    """Stacked photo-reading regressor with conformal intervals, one model per input combo."""

    def __init__(self, kind: str = "ridge", coverage: float = 0.9, folds: int = 5,
                 seed: int = 0) -> None:
        self.kind = kind
        self.coverage = coverage
        self.folds = folds
        self.seed = seed

    def fit(self, data: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]) -> PhotoModel:
        """``data[key] = (X, Y_true, Y_ansur)``; Y columns follow ``TARGETS``."""
        from sklearn.model_selection import KFold, cross_val_predict

        self.models_: dict[str, Any] = {}
        self.halfwidth_: dict[str, list[float]] = {}
        self.use_: dict[str, list[bool]] = {}
        self.cv_: dict[str, dict[str, dict[str, float]]] = {}
        cv = KFold(self.folds, shuffle=True, random_state=self.seed)
        for key, (x, y, ya) in data.items():
            oof = cross_val_predict(make_regressor(self.kind, self.seed), x, y, cv=cv)
            res = np.abs(oof - y)
            n = len(y)
            k = min(n, int(np.ceil((n + 1) * self.coverage)))
            self.halfwidth_[key] = np.sort(res, axis=0)[k - 1].round(3).tolist()
            mae, mae_a = res.mean(0), np.abs(ya - y).mean(0)
            self.use_[key] = [bool(m < a) for m, a in zip(mae, mae_a, strict=True)]
            self.cv_[key] = {t: {"mae_photo": round(float(m), 3), "mae_ansur": round(float(a), 3),
                                 "bias_photo": round(float((oof - y)[:, i].mean()), 3),
                                 "bias_ansur": round(float((ya - y)[:, i].mean()), 3)}
                             for i, (t, m, a) in enumerate(zip(TARGETS, mae, mae_a, strict=True))}
            self.models_[key] = make_regressor(self.kind, self.seed).fit(x, y)
        return self

    def key_for(self, features: Mapping[str, Any], feature_set: str) -> str | None:
        """The combo this person's inputs select, or None when the photo model cannot apply."""
        if feature_set not in FEATURE_SETS:
            return None
        if any(features.get(k) is None for k in ("stature", *FEATURE_SETS[feature_set])):
            return None
        key = combo_key(feature_set, features.get("weight_kg") is not None,
                        features.get("sex") in ("female", "male"))
        return key if key in self.models_ else None

    def refine(self, features: Mapping[str, Any], measurements: dict[str, Any],
               feature_set: str) -> dict[str, Any]:
        """Measurements with the targets this model wins on replaced (value and interval)."""
        from fitsvc.measure.estimator import Estimate

        key = self.key_for(features, feature_set)
        if key is None or any(t not in measurements for t in TARGETS):
            return measurements
        ansur = {t: float(measurements[t].value_cm) for t in TARGETS}
        w, s = "+weight" in key, "+sex" in key
        x = np.asarray([feature_vector(features, ansur, feature_set, w, s)])
        pred = np.asarray(self.models_[key].predict(x))[0]
        out = dict(measurements)
        for i, t in enumerate(TARGETS):
            if self.use_[key][i]:
                p, h = float(pred[i]), self.halfwidth_[key][i]
                out[t] = Estimate(round(p, 2), round(max(p - h, 0.0), 2), round(p + h, 2))
        return out


@functools.lru_cache(maxsize=2)
def load_default(path: str | None = None) -> PhotoModel | None:
    """The committed model, or None when ``models/measure_photo/`` is absent."""
    directory = Path(path) if path else DEFAULT_DIR
    meta_path = directory / "meta.json"
    if not meta_path.exists():
        return None
    import joblib

    meta = json.loads(meta_path.read_text())
    model = joblib.load(directory / meta["artefact"])
    return model if isinstance(model, PhotoModel) else None


def refine(features: Mapping[str, Any], measurements: dict[str, Any],
           feature_set: str) -> dict[str, Any]:
    """Service hook: the photo model's refinement, or ``measurements`` unchanged."""
    model = load_default()
    return measurements if model is None else model.refine(features, measurements, feature_set)
