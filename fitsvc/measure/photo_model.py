"""Photo/silhouette readings → tape girths with calibrated 90 % intervals.

Learned on the wide synthetic lab (:mod:`fitsvc.synth.lab`: general-population bodies, four
camera set-ups, arm poses from A-pose to hanging against the body, six clothing types, four
kinds of background), from the readings the service itself extracts
(:func:`fitsvc.measure.views.extract`), for photos (MediaPipe's masks) and silhouette scans
(exact masks with phone-segmenter noise) alike. One heteroscedastic network
(:mod:`photo_net`) serves every input combination: front only or front + side, with or
without weight, sex and the clothing the customer says they wear (tight / regular /
loose), pitch from the phone's sensor, estimated, or assumed level; missing inputs are
missing-indicator columns. Without the clothing the model must assume the lab's mix of
garments (a bare or tight-clad body then reads 1.5–2 cm small, a loose-clad one large), so
the app should ask. An extra output of the same network says whether the
outline looks like loose clothes (T-shirt, loose shirt or trousers, skirt), for the warning.

Intervals are split-conformal (Vovk et al. 2005; Lei et al. 2018) on the network's
normalised residuals |y − μ| / σ, calibrated on people held out of training, per input
combination, so a hard capture (large σ) gets a wide interval.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from fitsvc.measure.photo_net import HeteroscedasticNet, NetConfig

TARGETS = ("chest_girth", "waist_girth", "hip_girth", "neck_girth", "thigh_girth",
           "upper_arm_girth", "shoulder_width", "arm_length", "inside_leg")
PITCH_SOURCES = ("sensor", "estimated", "assumed_level")
LOOSE_CLOTHING = ("tshirt_shorts", "tshirt_jeans", "loose", "skirt")
# what a customer can say they wear ← the lab's garments
CLOTHING_CLASSES = {"tight": ("none", "tight"), "regular": ("tshirt_shorts", "tshirt_jeans"),
                    "loose": ("loose", "skirt")}


# Side-view band extremes jump when a hand or an elbow enters the band (a hip depth moved by
# 8 cm between two resolutions of one photo); the depth profile carries the same shape more
# steadily, and the lab's held-out error was no worse without them. Kept for the overlay.
UNSTABLE_READINGS = frozenset({"chest_d", "chest_dh", "waist_d", "waist_dh", "hip_d", "hip_dh",
                               "bust_f", "belly_f", "butt_b", "front_bump"})


def clothing_class(garment: str) -> str:
    return next(k for k, v in CLOTHING_CLASSES.items() if garment in v)
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "models" / "measure_photo"


def combo_key(views: str, weight: bool, sex: bool, pitch_source: str, clothing: bool = False) -> str:
    return "+".join([views, pitch_source, *(["weight"] if weight else []), *(["sex"] if sex else []),
                     *(["clothing"] if clothing else [])])


def ellipse_perimeter(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Ramanujan's perimeter of an ellipse with full axes a and b (NaN where either is)."""
    x, y = a / 2.0, b / 2.0
    with np.errstate(invalid="ignore", divide="ignore"):
        h = ((x - y) / (x + y)) ** 2
        return np.asarray(np.pi * (x + y) * (1 + 3 * h / (10 + np.sqrt(4 - 3 * h))))


def paired_keys(reading_keys: list[str]) -> list[tuple[str, str]]:
    """(front width, side depth) reading pairs at the same height: the tape is about the
    perimeter of their ellipse, which the network gets as a ready-made input."""
    pairs = [(k, "sd_" + k[3:]) for k in reading_keys if k.startswith("fw_")]
    pairs += [("waist_w", "waist_d"), ("hip_w", "hip_d"), ("neck_w", "neck_d")]
    return [(a, b) for a, b in pairs if a in reading_keys and b in reading_keys]


def subject_columns(stature: float, weight: float | None, sex: str | None) -> list[float]:
    w = float("nan") if weight is None else float(weight)
    fem = float("nan") if sex is None else (1.0 if sex == "female" else 0.0)
    return [float(stature), w, w / (stature / 100) ** 2 if weight is not None else float("nan"), fem]


class PhotoModel:
    """scikit-learn style estimator over dict rows (see :meth:`fit`)."""

    def __init__(self, coverage: float = 0.9, calibration_fraction: float = 0.2,
                 config: NetConfig | None = None, seed: int = 0) -> None:
        self.coverage = coverage
        self.calibration_fraction = calibration_fraction
        self.config = config
        self.seed = seed

    def _matrix(self, rows: Sequence[Mapping[str, Any]]) -> np.ndarray:
        n_r, n_p = len(self.reading_keys_), len(PITCH_SOURCES)
        out = np.full((len(rows), n_r + 4 + n_p + len(CLOTHING_CLASSES)), np.nan)
        for i, r in enumerate(rows):
            rd = r["readings"]
            out[i, :n_r] = [np.nan if rd.get(k) is None else rd[k] for k in self.reading_keys_]
            out[i, n_r : n_r + 4] = subject_columns(r["stature"], r.get("weight_kg"), r.get("sex"))
            out[i, n_r + 4 : n_r + 4 + n_p] = [float(r["pitch_source"] == s) for s in PITCH_SOURCES]
            if r.get("clothing") is not None:  # unknown stays NaN: its own indicator column
                out[i, n_r + 4 + n_p :] = [float(r["clothing"] == c) for c in CLOTHING_CLASSES]
        col = {k: i for i, k in enumerate(self.reading_keys_)}
        pairs = paired_keys(self.reading_keys_)
        ell = np.column_stack([ellipse_perimeter(out[:, col[a]], out[:, col[b]]) for a, b in pairs])
        return np.hstack([out, ell]) if pairs else out

    def fit(self, rows: list[dict[str, Any]], progress: bool = False) -> PhotoModel:
        """Rows: ``readings`` (dict), ``stature``, ``weight_kg``/``sex`` (None when not given),
        ``pitch_source``, ``views``, ``person`` (id: calibration people are held out whole),
        ``truth`` (dict of TARGETS in cm)."""
        self.reading_keys_ = sorted({k for r in rows for k in r["readings"]} - UNSTABLE_READINGS)
        people = sorted({r["person"] for r in rows})
        rng = np.random.default_rng(self.seed)
        calib = set(rng.choice(people, int(len(people) * self.calibration_fraction), replace=False))
        fit_rows = [r for r in rows if r["person"] not in calib]
        cal_rows = [r for r in rows if r["person"] in calib]
        y = np.array([[r["truth"][t] for t in TARGETS] for r in fit_rows])
        loose = np.array([float(r["settings"]["clothing"] in LOOSE_CLOTHING)
                          if "clothing" in r.get("settings", {}) else np.nan for r in fit_rows])
        self.net_ = HeteroscedasticNet(self.config).fit(self._matrix(fit_rows), y, loose, progress)
        mu, sd = self.net_.predict(self._matrix(cal_rows))
        yc = np.array([[r["truth"][t] for t in TARGETS] for r in cal_rows])
        score = np.abs(yc - mu) / sd
        keys = [self._key(r) for r in cal_rows]
        self.q_: dict[str, list[float]] = {}
        for key in sorted(set(keys)):
            m = np.array([k == key for k in keys])
            self.q_[key] = _conformal(score[m], self.coverage).round(4).tolist()
        self.q_["*"] = _conformal(score, self.coverage).round(4).tolist()
        mae = np.abs(yc - mu).mean(0).round(3).tolist()
        self.calibration_ = {"people": len(calib), "rows": len(cal_rows),
                             "mae": dict(zip(TARGETS, mae, strict=True))}
        return self

    @staticmethod
    def _key(r: Mapping[str, Any]) -> str:
        return combo_key(r["views"], r.get("weight_kg") is not None, r.get("sex") is not None,
                         r["pitch_source"], r.get("clothing") is not None)

    def predict_rows(self, rows: list[Mapping[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(mean, low, high) arrays (n, len(TARGETS)) in cm."""
        mu, lo, hi, _ = self._predict_all(rows)
        return mu, lo, hi

    def _predict_all(self, rows: Sequence[Mapping[str, Any]]
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        mu, sd, flag = self.net_.predict_full(self._matrix(rows))
        q = np.array([self.q_.get(self._key(r), self.q_["*"]) for r in rows])
        return mu, mu - q * sd, mu + q * sd, flag

    def predict_with_flag(self, row: Mapping[str, Any]
                          ) -> tuple[dict[str, tuple[float, float, float]], float | None]:
        """Per target (mean, low, high) in cm, and P(the person wears loose clothes: T-shirt,
        loose shirt, skirt) from the outline (the network's extra logistic output, learned
        on the lab's clothing labels; None for a model trained without them)."""
        mu, lo, hi, flag = self._predict_all([row])
        pred = {t: (float(mu[0, i]), float(lo[0, i]), float(hi[0, i])) for i, t in enumerate(TARGETS)}
        return pred, None if flag is None else float(flag[0])


def _conformal(scores: np.ndarray, coverage: float) -> np.ndarray:
    n = scores.shape[0]
    k = min(n, math.ceil((n + 1) * coverage))
    return np.sort(scores, axis=0)[k - 1]


@functools.lru_cache(maxsize=2)
def load_default(path: str | None = None) -> PhotoModel:
    """The committed model (``models/measure_photo``); a missing artefact fails loudly."""
    import joblib

    directory = Path(path) if path else DEFAULT_DIR
    meta = json.loads((directory / "meta.json").read_text())
    model = joblib.load(directory / meta["artefact"])
    if not isinstance(model, PhotoModel):
        raise RuntimeError(f"{directory / meta['artefact']} is not a PhotoModel")
    return model
