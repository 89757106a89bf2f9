"""Probability calibration and the metrics we report (macro AUC, log loss, ECE)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from sklearn.metrics import roc_auc_score


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


@dataclass
class TemperatureScaler:
    """Temperature + per-class bias on log-probabilities, fitted by NLL on a held-out fold."""

    temperature_: float = 1.0
    bias_: tuple[float, ...] = ()

    def fit(self, probs: np.ndarray, y: np.ndarray) -> TemperatureScaler:
        logp = np.log(np.clip(probs, 1e-9, 1.0))
        k = probs.shape[1]
        onehot = np.eye(k)[y]

        def nll(theta: np.ndarray) -> float:
            z = logp / np.exp(theta[0]) + np.r_[0.0, theta[1:]]
            z = z - z.max(axis=1, keepdims=True)
            lse = np.log(np.exp(z).sum(axis=1))
            return float(np.mean(lse - (z * onehot).sum(axis=1)))

        res = minimize(nll, np.zeros(k), method="L-BFGS-B")
        self.temperature_ = float(np.exp(res.x[0]))
        self.bias_ = (0.0, *(float(b) for b in res.x[1:]))
        return self

    def transform(self, probs: np.ndarray) -> np.ndarray:
        logp = np.log(np.clip(probs, 1e-9, 1.0))
        bias = np.asarray(self.bias_ or (0.0,) * probs.shape[1])
        return softmax(logp / self.temperature_ + bias)


def ece_top_label(probs: np.ndarray, y: np.ndarray, n_bins: int = 15) -> float:
    """Top-label expected calibration error with equal-width confidence bins."""
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == y).astype(float)
    return _binned_gap(conf, correct, n_bins)


def ece_classwise(probs: np.ndarray, y: np.ndarray, n_bins: int = 15) -> float:
    """Mean over classes of the binned |P(class) − frequency| gap (equal-width bins)."""
    return float(np.mean([_binned_gap(probs[:, k], (y == k).astype(float), n_bins)
                          for k in range(probs.shape[1])]))


def _binned_gap(p: np.ndarray, hit: np.ndarray, n_bins: int) -> float:
    bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        m = bins == b
        if m.any():
            total += m.sum() * abs(p[m].mean() - hit[m].mean())
    return float(total / max(len(p), 1))


def macro_auc(probs: np.ndarray, y: np.ndarray) -> float:
    """Mean one-vs-rest ROC AUC over the classes present."""
    aucs = [roc_auc_score(y == k, probs[:, k]) for k in range(probs.shape[1])
            if 0 < (y == k).sum() < len(y)]
    return float(np.mean(aucs))


def log_loss(probs: np.ndarray, y: np.ndarray) -> float:
    return float(-np.mean(np.log(np.clip(probs[np.arange(len(y)), y], 1e-15, 1.0))))


def report(probs: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """All reported metrics for one evaluation set."""
    aucs = {f"auc_{name}": float(roc_auc_score(y == k, probs[:, k]))
            for k, name in enumerate(("small", "fit", "large"))}
    return {"macro_auc": macro_auc(probs, y), **aucs, "log_loss": log_loss(probs, y),
            "ece_top_label_15": ece_top_label(probs, y), "ece_classwise_15":
            ece_classwise(probs, y), "n": float(len(y))}
