"""RtrFitModel: gradient-boosted P(small / fit / large) for RTR rentals with history features.

Inputs per row: body (height, weight, bust band/cup, body type, age), category, size, occasion,
plus per-user and per-item history statistics that never include the row's own label
(K-fold out-of-fold for training rows; stored statistics of the training set at scoring time).
Probabilities are calibrated by temperature + class bias on a held-out fold.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

from fitsvc.fit.calibration import TemperatureScaler
from fitsvc.fit.rtr import RtrTable, body_matrix, encode_categorical, fit_vocab, subset
from fitsvc.fit.rtr_history import (
    GroupStats,
    history_features,
    out_of_fold,
    row_values,
    strictly_earlier,
)

Progress = Callable[[str, float], None]
GROUP_KEYS = ("user", "item", "item_size")


def group_ids(t: RtrTable) -> dict[str, np.ndarray]:
    """History group of each row: customer, item, and item × rented size."""
    size = np.nan_to_num(t.num["size"], nan=99.0).round().astype(np.int64)
    return {"user": t.user, "item": t.item, "item_size": t.item * 128 + size}


def _silent(stage: str, frac: float) -> None:
    return None


class RtrFitModel:
    """Scikit-learn style estimator; `fit(table)` / `predict_proba(table)` on `RtrTable`s."""

    def __init__(self, history: str = "oof", n_folds: int = 10, max_iter: int = 600,
                 learning_rate: float = 0.08, max_leaf_nodes: int = 7,
                 min_samples_leaf: int = 800, calib_fraction: float = 0.1,
                 user_strength: float = 2.0, item_strength: float = 10.0,
                 n_threads: int | None = 1, random_state: int = 0) -> None:
        self.history = history
        self.n_folds = n_folds
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.calib_fraction = calib_fraction
        self.user_strength = user_strength
        self.item_strength = item_strength
        self.n_threads = n_threads  # OpenMP threads; 1 avoids oversubscription on shared CPUs
        self.random_state = random_state

    # -- features ---------------------------------------------------------------------------
    def _base(self, t: RtrTable) -> tuple[dict[str, np.ndarray], np.ndarray]:
        codes = encode_categorical(t, self.vocab_)
        body = np.column_stack([body_matrix(t), codes["body_type"]])
        size_hat = self.size_model_.predict(body)
        size = t.num["size"]
        resid = size - size_hat
        b = body_matrix(t)
        feats = {"size": size, "height_in": b[:, 0], "weight_lbs": b[:, 1],
                 "bust_band": b[:, 2], "bust_cup": b[:, 3], "age": b[:, 4], "bmi": b[:, 5],
                 "category": codes["category"], "body_type": codes["body_type"],
                 "rented_for": codes["rented_for"], "size_hat": size_hat, "resid": resid}
        return feats, resid

    def _matrix(self, t: RtrTable, sums: dict[str, np.ndarray]) -> np.ndarray:
        feats, resid = self._base(t)
        size = t.num["size"]
        for key in GROUP_KEYS:
            strength = self.user_strength if key == "user" else self.item_strength
            feats |= history_features(key, sums[key], size, resid, self.prior_, strength)
        feats["user_minus_item_fit_resid"] = feats["item_d_fit_resid"] - feats["user_d_resid"]
        if not hasattr(self, "feature_names_"):
            self.feature_names_ = list(feats)
        return np.column_stack([feats[k] for k in self.feature_names_])

    def row_values(self, t: RtrTable) -> np.ndarray:
        """History contributions of labelled rows (used to build/update stored statistics)."""
        assert t.y is not None
        _, resid = self._base(t)
        return row_values(t.num["size"], resid, t.y)

    # -- fitting ----------------------------------------------------------------------------
    def fit(self, t: RtrTable, y: None = None, progress: Progress = _silent) -> RtrFitModel:
        with threadpool_limits(self.n_threads):
            return self._fit(t, progress)

    def _fit(self, t: RtrTable, progress: Progress) -> RtrFitModel:
        assert t.y is not None and (t.y >= 0).all(), "training rows need fit labels"
        rng = np.random.default_rng(self.random_state)
        self.vocab_ = fit_vocab(t)
        self.prior_ = (float(np.mean(t.y == 0)), float(np.mean(t.y == 2)))
        progress("size model", 0.02)
        codes = encode_categorical(t, self.vocab_)
        body = np.column_stack([body_matrix(t), codes["body_type"]])
        ok = np.isfinite(t.num["size"])
        self.size_model_ = HistGradientBoostingRegressor(
            max_iter=100, random_state=self.random_state).fit(body[ok], t.num["size"][ok])
        progress("history", 0.08)
        if self.history == "earlier":  # calibration fold = the latest rows
            order = np.argsort(t.day, kind="stable")
            calib = np.zeros(t.n, bool)
            calib[order[int(t.n * (1 - self.calib_fraction)):]] = True
        else:
            calib = rng.random(t.n) < self.calib_fraction
        tr, ca = subset(t, np.flatnonzero(~calib)), subset(t, np.flatnonzero(calib))
        v_tr = self.row_values(tr)
        g_tr, g_ca = group_ids(tr), group_ids(ca)
        folds = rng.integers(0, self.n_folds, tr.n)
        if self.history == "earlier":
            s_tr = {k: strictly_earlier(g, tr.day, v_tr) for k, g in g_tr.items()}
        else:
            s_tr = {k: out_of_fold(g, v_tr, folds) for k, g in g_tr.items()}
        x_tr = self._matrix(tr, s_tr)
        stats_tr = {k: GroupStats.build(g, v_tr) for k, g in g_tr.items()}
        x_ca = self._matrix(ca, {k: stats_tr[k].lookup(g_ca[k]) for k in GROUP_KEYS})
        self.gbm_ = HistGradientBoostingClassifier(
            learning_rate=self.learning_rate, max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf, l2_regularization=1.0, max_iter=1,
            warm_start=True, early_stopping=False, random_state=self.random_state)
        step = 50
        for it in range(step, self.max_iter + step, step):
            self.gbm_.set_params(max_iter=min(it, self.max_iter))
            self.gbm_.fit(x_tr, tr.y)
            progress("boosting", 0.1 + 0.85 * min(it, self.max_iter) / self.max_iter)
        assert ca.y is not None
        self.calibrator_ = TemperatureScaler().fit(self.gbm_.predict_proba(x_ca), ca.y)
        v_all = self.row_values(t)
        self.stats_ = {k: GroupStats.build(g, v_all) for k, g in group_ids(t).items()}
        progress("done", 1.0)
        return self

    # -- scoring ----------------------------------------------------------------------------
    def predict_proba_with(self, t: RtrTable, sums: dict[str, np.ndarray]) -> np.ndarray:
        """Calibrated probabilities given explicit history sums (evaluation helper)."""
        with threadpool_limits(getattr(self, "n_threads", 1)):
            raw = self.gbm_.predict_proba(self._matrix(t, sums))
        return self.calibrator_.transform(raw)

    def predict_proba(self, t: RtrTable) -> np.ndarray:
        """Calibrated (n, 3) probabilities of small / fit / large using stored history."""
        if t.n == 0:
            return np.zeros((0, 3))
        g = group_ids(t)
        return self.predict_proba_with(t, {k: self.stats_[k].lookup(g[k]) for k in GROUP_KEYS})
