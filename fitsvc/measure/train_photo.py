"""Train the photo→girth model on rendered synthetic people (``fitsvc train-photo``).

Step 1 (``--collect``): generate people with the lab (``fitsvc.synth``), run the photo
pipeline's detection and readings on each render and append one JSON line per person
(truth, phenotype, readings front+side and front-only) to ``DIR/readings.jsonl``.
Step 2: fit :class:`fitsvc.measure.photo_model.PhotoModel` on those lines and write
``models/measure_photo/``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

DEFAULT_DIR = Path("var/synth_train")
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "models" / "measure_photo"


def read_person(front: bytes, side: bytes, stature_cm: float, detector: Any) -> dict[str, Any]:
    """Readings of one person as the service takes them: front+side and front-only."""
    from fitsvc.errors import ServiceError
    from fitsvc.measure.readings import read_front, read_side
    from fitsvc.measure.service import _detect, _observed

    try:
        f_pose, f_mask, _ = _detect(detector, front, "front", 256)
        fr = read_front(f_mask, f_pose.points[:, :2], stature_cm)
        obs_f = _observed(fr, None)
        s_pose, s_mask, _ = _detect(detector, side, "side", 256)
        sr = read_side(s_mask, s_pose.points[:, :2], stature_cm, fr.levels_cm)
        obs_fs = _observed(fr, sr)
    except ServiceError as exc:
        return {"error": str(getattr(exc, "code", exc))}
    return {"front_side": obs_fs, "front_only": obs_f}


def collect(out_dir: Path, n: int, seed: int, start: int = 0, progress: bool = True) -> Path:
    """Append readings of people ``start..n-1`` of ``seed`` to ``out_dir/readings.jsonl``."""
    from fitsvc.measure.keypoints import build_detector
    from fitsvc.synth.people import generate

    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"readings_s{seed}.jsonl"
    done = set()
    if path.exists():
        done = {json.loads(line)["id"] for line in path.read_text().splitlines() if line}
    detector = build_detector("mediapipe")
    with path.open("a") as fh:
        for p in tqdm(generate(n, seed), total=n, desc=f"collect s{seed}", disable=not progress):
            if p.id in done:
                continue
            t = p.truth
            row = {k: t[k] for k in ("id", "sex", "phenotype", "stature_cm", "weight_kg",
                                     "measurements_cm", "levels_cm")}
            row.update(read_person(p.front_png, p.side_png, t["stature_cm"], detector))
            fh.write(json.dumps(row) + "\n")
            fh.flush()
    return path


def load_rows(paths: list[Path]) -> list[dict[str, Any]]:
    rows = []
    for p in paths:
        rows += [json.loads(line) for line in p.read_text().splitlines() if line.strip()]
    return rows


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_data(rows: list[dict[str, Any]]) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Per input combo: (X, Y_true, Y_ansur) over the people whose photos passed the gates."""
    from fitsvc.measure.estimator import load_default
    from fitsvc.measure.photo_model import TARGETS, combo_key, feature_vector

    est = load_default()
    data: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    ok = [r for r in rows if "error" not in r]
    for fs, reading in (("front_side", "front_side"), ("front", "front_only")):
        for w, s in itertools.product((True, False), (True, False)):
            xs, ys, yas = [], [], []
            for r in ok:
                subj = {"stature": r["stature_cm"], "weight_kg": r["weight_kg"] if w else None,
                        "sex": r["sex"] if s else None, "age": None}
                pred = est.predict({**subj, **r[reading]})
                ansur = {t: pred[t].value_cm for t in TARGETS}
                xs.append(feature_vector({**subj, **r[reading]}, ansur, fs, w, s))
                ys.append([r["measurements_cm"][t] for t in TARGETS])
                yas.append([ansur[t] for t in TARGETS])
            data[combo_key(fs, w, s)] = (np.array(xs), np.array(ys), np.array(yas))
    return data


def train_and_save(rows: list[dict[str, Any]], paths: list[Path], out: Path,
                   kinds: tuple[str, ...] = ("ridge", "ridge2")) -> dict[str, Any]:
    """Fit each model kind, keep the one with the lowest CV chest/waist/hip MAE, save it."""
    import joblib
    import sklearn

    from fitsvc.measure.photo_model import PhotoModel

    data = build_data(rows)
    scores, models = {}, {}
    for kind in tqdm(kinds, desc="model kinds"):
        m = PhotoModel(kind=kind).fit(data)
        scores[kind] = float(np.mean([m.cv_[k][t]["mae_photo"] for k in m.cv_
                                      for t in ("chest_girth", "waist_girth", "hip_girth")]))
        models[kind] = m
    best = min(scores, key=lambda k: scores[k])
    out.mkdir(parents=True, exist_ok=True)
    joblib.dump(models[best], out / "photo_model.joblib", compress=3)
    (out / "avatar_init.json").write_text(json.dumps(fit_init_map(rows), indent=1) + "\n")
    n_ok = sum("error" not in r for r in rows)
    meta = {
        "artefact": "photo_model.joblib", "avatar_init": "avatar_init.json", "kind": best,
        "train_command": " && ".join(
            f"fitsvc train-photo --data var/synth_train --collect 600 --seed {p.stem[10:]}"
            for p in paths),
        "data_sha256": {p.name: sha256(p) for p in paths},
        "people": len(rows), "people_passed_gates": n_ok,
        "ansur_estimator_meta_sha256": sha256(Path(__file__).resolve().parents[2]
                                              / "models" / "measure" / "meta.json"),
        "features": {"front_side": "stature + FRONT + SIDE + ellipse perimeters",
                     "front": "stature + FRONT", "weight": "weight, BMI, sqrt(w/stature)",
                     "sex": "female flag + female×chest/hip breadth",
                     "stacked": "ANSUR estimator predictions of TARGETS"},
        "model_selection_cv_mae_chest_waist_hip": scores,
        "library_versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
        "metrics": {"cv": models[best].cv_, "use": models[best].use_,
                    "halfwidth90": models[best].halfwidth_},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def fit_init_map(rows: list[dict[str, Any]], alpha: float = 1.0) -> dict[str, Any]:
    """Per-sex ridge map [1, stature, chest, waist, hip] (cm) → phenotype logits."""
    from fitsvc.synth.avatar import FREE, INIT_INPUTS, _logit

    out: dict[str, Any] = {"inputs": list(INIT_INPUTS), "outputs": list(FREE)}
    for sex in ("female", "male"):
        sel = [r for r in rows if r["sex"] == sex]
        x = np.array([[r["measurements_cm"][k] for k in INIT_INPUTS] for r in sel])
        y = _logit(np.array([[r["phenotype"][k] for k in FREE] for r in sel]))
        mu, sd = x.mean(0), x.std(0) + 1e-9
        z = np.hstack([np.ones((len(x), 1)), (x - mu) / sd])
        reg = alpha * np.eye(z.shape[1])
        reg[0, 0] = 0.0
        coef = np.linalg.solve(z.T @ z + reg, z.T @ y)
        out[sex] = {"mean": mu.tolist(), "scale": sd.tolist(), "coef": coef.tolist()}
    return out


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train-photo", help="train the photo→girth model on synthetic people")
    p.add_argument("--data", type=Path, default=DEFAULT_DIR, help="readings folder")
    p.add_argument("--collect", type=int, default=0, metavar="N",
                   help="first generate N synthetic people and collect their readings")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.set_defaults(func=run_train_photo)


def run_train_photo(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    if args.collect:
        collect(args.data, args.collect, args.seed)
    paths = sorted(args.data.glob("readings_s*.jsonl"))
    if not paths:
        print(f"no readings in {args.data}; run with --collect N first")
        return 2
    report = train_and_save(load_rows(paths), paths, args.out)
    print(f"model kind {report['kind']} (CV chest/waist/hip MAE by kind: "
          f"{report['model_selection_cv_mae_chest_waist_hip']})")
    for key, cv in report["metrics"]["cv"].items():
        print(f"{key:<24}" + "  ".join(f"{t[:5]} {cv[t]['mae_photo']:.2f} (ANSUR {cv[t]['mae_ansur']:.2f})"
                                      for t in ("chest_girth", "waist_girth", "hip_girth")))
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s")
    return 0
