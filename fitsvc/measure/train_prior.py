"""``fitsvc train-body-prior``: build ``models/body_prior`` from ANSUR II and check it.

Fits :mod:`fitsvc.measure.body_prior` on the 80 % train split (the estimator's fixed
hash split) and, on the 20 % hold-out, conditions every person on their own photo-visible
measurements blurred with the photo model's typical error (``PHOTO_SD_CM``), then reports
MAE and 90 % interval coverage of the other measurements, with and without the photo
observations. The interval scale is set so that the hold-out coverage is 90 %.
"""

from __future__ import annotations

import argparse
import json
import platform
from pathlib import Path
from typing import Any

import numpy as np

from fitsvc.measure.body_prior import DEFAULT_PATH, PHOTO_OBSERVED, Z90, BodyPrior, train_prior
from fitsvc.measure.definitions import MEASUREMENTS, TARGETS

PHOTO_SD_CM = {"chest_girth": 1.5, "hip_girth": 1.3, "neck_girth": 0.8, "thigh_girth": 1.3,
               "shoulder_width": 1.0, "arm_length": 1.0, "inside_leg": 1.0}


def holdout_z(prior: BodyPrior, frame: Any, with_photo: bool, seed: int = 0
              ) -> tuple[np.ndarray, np.ndarray]:
    """(errors, z-scores) (n, targets) on a frame: weight and sex given."""
    rng = np.random.default_rng(seed)
    y = np.column_stack([frame[MEASUREMENTS[t]["ansur_column"]] for t in TARGETS])
    err, z = np.empty_like(y), np.empty_like(y)
    for i in range(len(frame)):
        obs = {}
        if with_photo:
            obs = {t: (y[i, TARGETS.index(t)] + rng.normal(0, PHOTO_SD_CM[t]), PHOTO_SD_CM[t])
                   for t in PHOTO_OBSERVED}
        post = prior.condition(float(frame["stature"][i]), float(frame["weightkg"][i]),
                               str(frame.sex[i]), obs)
        mean = np.array([post[t][0] for t in TARGETS])
        sd = np.array([post[t][1] for t in TARGETS])
        err[i], z[i] = mean - y[i], (mean - y[i]) / sd
    return err, z


def train(ansur_dir: Path, out: Path) -> dict[str, Any]:
    from fitsvc.measure.ansur import file_sha256, load_ansur

    frame = load_ansur(ansur_dir)
    ho = frame.holdout_mask()
    doc = train_prior(frame.subset(~ho))
    prior = BodyPrior(doc)
    rest = [i for i, t in enumerate(TARGETS) if t not in PHOTO_OBSERVED and t != "stature"]
    err_p, z_p = holdout_z(prior, frame.subset(ho), True)
    err_0, _ = holdout_z(prior, frame.subset(ho), False)
    scale = float(np.quantile(np.abs(z_p[:, rest]), 0.9) / Z90)
    doc["interval_scale"] = round(scale, 4)
    cover = (np.abs(z_p) <= Z90 * scale).mean(0)
    out.mkdir(parents=True, exist_ok=True)
    (out / DEFAULT_PATH.name).write_text(json.dumps(doc) + "\n")
    meta = {
        "artefact": DEFAULT_PATH.name,
        "train_command": f"fitsvc train-body-prior --ansur {ansur_dir}",
        "data_sha256": file_sha256(ansur_dir),
        "split": "hold-out = sha1(f'{sex}:{subject_id}') mod 5 == 0 (20 %); fit on the rest",
        "features": {"design": ["1", "stature", "stature²", "weight", "BMI", "√(weight·stature)"],
                     "observed_from_photos": list(PHOTO_OBSERVED), "photo_sd_cm": PHOTO_SD_CM},
        "library_versions": {"python": platform.python_version(), "numpy": np.__version__},
        "metrics": {"holdout_n": int(ho.sum()), "interval_scale": doc["interval_scale"],
                    "mae_with_photo": {TARGETS[i]: round(float(np.abs(err_p[:, i]).mean()), 3) for i in rest},
                    "mae_height_weight_sex": {TARGETS[i]: round(float(np.abs(err_0[:, i]).mean()), 3)
                                              for i in rest},
                    "coverage90_with_photo": {TARGETS[i]: round(float(cover[i]), 3) for i in rest}},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train-body-prior", help="build the ANSUR II body prior (models/body_prior)")
    p.add_argument("--ansur", type=Path, required=True, help="directory with the two ANSUR II CSVs")
    p.add_argument("--out", type=Path, default=DEFAULT_PATH.parent)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    meta = train(args.ansur, args.out)
    m = meta["metrics"]
    for t, v in m["mae_with_photo"].items():
        print(f"{t:<28} MAE {v:5.2f} cm (no photo {m['mae_height_weight_sex'][t]:5.2f}), "
              f"90 % coverage {m['coverage90_with_photo'][t]:.3f}")
    print(f"interval scale {m['interval_scale']}; wrote {args.out}")
    return 0
