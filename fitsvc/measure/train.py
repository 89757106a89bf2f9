"""Train the ANSUR II measurement estimator, evaluate it on the fixed hold-out, write the artefact.

``fitsvc train-measure --ansur DIR [--out models/measure] [--seed 0] [--input-noise-cm 0]``
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path
from typing import Any

import numpy as np

from fitsvc.measure.ansur import AnsurFrame, file_sha256, load_ansur
from fitsvc.measure.definitions import MEASUREMENTS
from fitsvc.measure.estimator import (
    COMBOS,
    FEATURE_SETS,
    MeasurementEstimator,
    apply_model,
    design_matrix,
    frame_inputs,
)

ARTEFACT = "estimator.joblib"
FULL = (True, True, True)
GOALS = {"chest_girth": 1.45, "waist_girth": 1.10, "hip_girth": 0.95}


def targets_matrix(frame: AnsurFrame, targets: tuple[str, ...]) -> np.ndarray:
    """Hold-out truth, one column per target."""
    return np.column_stack([frame[MEASUREMENTS[t]["ansur_column"]] for t in targets])


def evaluate(est: MeasurementEstimator, frame: AnsurFrame, feature_set: str,
             combo: tuple[bool, bool, bool] = FULL, noise_cm: float = 0.0, seed: int = 0,
             self_report: bool = False) -> dict[str, dict[str, float]]:
    """MAE, 90 % interval coverage and mean width per target on ``frame`` (cm)."""
    obs = frame_inputs(frame)
    if self_report:
        obs["stature"], obs["weight_kg"] = frame["height_self_cm"], frame["weight_self_kg"]
    keep = np.isfinite(obs["stature"]) & np.isfinite(obs["weight_kg"])
    obs = {k: v[keep] for k, v in obs.items()}
    rng = np.random.default_rng(seed)
    if noise_cm > 0:
        for k in FEATURE_SETS[feature_set]:
            obs[k] = obs[k] + rng.normal(0.0, noise_cm, obs[k].shape)
    y = targets_matrix(frame, est.targets)[keep]
    key = est.key(feature_set, combo)
    pred = apply_model(est.models_[key], design_matrix(obs, feature_set, combo))
    half = np.empty_like(pred)
    for group, width in est.halfwidth_[key].items():
        half[(obs["sex"] == group) | (group == "all")] = width
    inside = (y >= pred - half) & (y <= pred + half)
    return {t: {"mae": round(float(np.abs(pred[:, i] - y[:, i]).mean()), 4),
                "coverage": round(float(inside[:, i].mean()), 4),
                "width": round(float(2 * half[:, i].mean()), 3)}
            for i, t in enumerate(est.targets)}


def baseline_mae(train: AnsurFrame, holdout: AnsurFrame,
                 targets: tuple[str, ...]) -> dict[str, float]:
    """Hold-out MAE of plain linear regression on height + weight + sex (the no-photo baseline)."""
    from sklearn.linear_model import LinearRegression

    def x(f: AnsurFrame) -> np.ndarray:
        return np.column_stack([f["stature"], f["weightkg"], (f.sex == "male").astype(float)])

    y_tr, y_ho = targets_matrix(train, targets), targets_matrix(holdout, targets)
    pred = LinearRegression().fit(x(train), y_tr).predict(x(holdout))
    return {t: round(float(v), 4) for t, v in zip(targets, np.abs(pred - y_ho).mean(0),
                                                   strict=True)}


def holdout_report(est: MeasurementEstimator, train: AnsurFrame,
                   holdout: AnsurFrame) -> dict[str, Any]:
    """All hold-out figures stored in meta.json and printed by the bench."""
    combos = {est.key("x", c)[2:] or "stature_only": c for c in COMBOS}
    return {
        "n_train": len(train), "n_holdout": len(holdout),
        "baseline_height_weight_sex_mae": baseline_mae(train, holdout, est.targets),
        "feature_sets": {fs: evaluate(est, holdout, fs) for fs in FEATURE_SETS},
        "noisy_inputs_1cm": {fs: evaluate(est, holdout, fs, noise_cm=1.0)
                             for fs in ("front_side", "front")},
        "subject_self_reported": evaluate(est, holdout, "subject", self_report=True),
        "combos_front_side_mae": {name: {t: m["mae"] for t, m in
                                         evaluate(est, holdout, "front_side", c).items()}
                                  for name, c in combos.items()},
    }


def train(ansur_dir: str | Path, out_dir: str | Path = "models/measure", seed: int = 0,
          input_noise_cm: float = 0.0, command: str | None = None) -> dict[str, Any]:
    """Fit on the 80 % train split, evaluate on the hold-out, write artefact + meta.json."""
    import joblib
    import sklearn

    frame = load_ansur(ansur_dir)
    mask = frame.holdout_mask()
    tr, ho = frame.subset(~mask), frame.subset(mask)
    est = MeasurementEstimator(input_noise_cm=input_noise_cm, seed=seed, verbose=True).fit(tr)
    est.verbose = False
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(est, out / ARTEFACT, compress=3)
    meta = {
        "artefact": ARTEFACT,
        "train_command": command or (f"fitsvc train-measure --ansur {ansur_dir} --out {out_dir} "
                                     f"--seed {seed} --input-noise-cm {input_noise_cm}"),
        "data_sha256": file_sha256(ansur_dir),
        "split": "hold-out = sha1(f'{sex}:{subject_id}') mod 5 == 0 (20 %); model fit on the rest",
        "features": {"front": list(FEATURE_SETS["front"]), "side": list(FEATURE_SETS["front_side"][5:]),
                     "subject": ["stature", "weight_kg", "sex", "age"]},
        "targets": {t: MEASUREMENTS[t]["ansur_column"] for t in est.targets},
        "params": {"coverage": est.coverage, "n_folds": est.n_folds, "seed": seed,
                   "input_noise_cm": input_noise_cm, "noise_copies": est.noise_copies},
        "library_versions": {"python": platform.python_version(), "numpy": np.__version__,
                             "scikit-learn": sklearn.__version__, "joblib": joblib.__version__},
        "holdout": holdout_report(est, tr, ho),
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def _handle(args: argparse.Namespace) -> int:
    try:
        meta = train(args.ansur, args.out, args.seed, args.input_noise_cm)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    fs = meta["holdout"]["feature_sets"]["front_side"]
    print(f"wrote {Path(args.out) / ARTEFACT}; hold-out MAE front+side: "
          + ", ".join(f"{t} {fs[t]['mae']:.2f}" for t in GOALS))
    return 0


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ansur", required=True, help="directory with the two ANSUR II CSVs")
    parser.add_argument("--out", default="models/measure", help="artefact directory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--input-noise-cm", type=float, default=0.0,
                        help="sd of Gaussian noise added to photo features in training")
    parser.set_defaults(func=_handle)


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``train-measure`` on the ``fitsvc`` CLI."""
    _arguments(sub.add_parser("train-measure", help="train the ANSUR II measurement estimator"))
