"""``fitsvc train-avatar-init``: the avatar fit's starting point (``models/avatar``).

A per-sex ridge map [1, stature, chest, waist, hip] (cm, standardised) → logits of anny's
age, muscle, weight, height and proportions, learned on bare synthetic people of the
default anny model (the one the avatar fit optimises), measured exactly on their meshes.
The fit (:mod:`fitsvc.synth.avatar`) starts from it and reaches the targets in a few
Levenberg–Marquardt steps.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
from pathlib import Path
from typing import Any

import numpy as np

from fitsvc.synth.avatar import FREE, INIT_INPUTS, INIT_PATH, _logit


def fit_init_map(rows: list[dict[str, Any]], alpha: float = 1.0) -> dict[str, Any]:
    """Per-sex ridge map [1, stature, chest, waist, hip] (cm) → phenotype logits."""
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


def people(n: int, seed: int) -> list[dict[str, Any]]:
    """Bare default-anny people (phenotype + exact measurements), no rendering."""
    from tqdm import tqdm

    from fitsvc.synth.body import make_bodies
    from fitsvc.synth.measure_mesh import measure
    from fitsvc.synth.people import person_rng, sex_of
    from fitsvc.synth.sampling import sample_phenotype

    phens = [sample_phenotype(sex_of(i), person_rng(seed, i)) for i in range(n)]
    rows = []
    for i, body in enumerate(tqdm(make_bodies(phens), desc="avatar-init people")):
        rows.append({"sex": sex_of(i), "phenotype": body.phenotype.as_dict(),
                     "measurements_cm": measure(body)})
    return rows


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train-avatar-init", help="rebuild models/avatar (the avatar fit's start)")
    p.add_argument("--n", type=int, default=2400)
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--out", type=Path, default=INIT_PATH.parent)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    rows = people(args.n, args.seed)
    doc = fit_init_map(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, indent=1) + "\n"
    (args.out / INIT_PATH.name).write_text(text)
    meta = {"artefact": INIT_PATH.name,
            "train_command": f"fitsvc train-avatar-init --n {args.n} --seed {args.seed}",
            "data": f"{args.n} synthetic people (fitsvc.synth.people sampler, seed {args.seed})",
            "data_sha256": hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest(),
            "features": list(INIT_INPUTS), "outputs": list(FREE),
            "library_versions": {"python": platform.python_version(), "numpy": np.__version__},
            "metrics": "see models/avatar/MODEL_CARD.md (bench/avatar_fit.py)"}
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"wrote {args.out / INIT_PATH.name} from {len(rows)} people")
    return 0
