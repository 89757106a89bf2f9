"""Build the two small committed tables that sampling uses (run once; deterministic).

``ansur_stats.json``: per sex, mean/sd of stature (cm) and log BMI and their correlation,
from ANSUR II (``../shared/data/ansur2``). ``shape_pool.csv``: random adult anny shapes at
the reference ``height`` parameter with their stature and mass, so that sampling can pick a
shape by BMI without running anny many times.

Rebuild: ``.venv/bin/python -m fitsvc.synth.calibrate --ansur ../shared/data/ansur2``
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import numpy as np

from fitsvc.synth.body import Phenotype, make_bodies

HERE = Path(__file__).parent
STATS_PATH = HERE / "ansur_stats.json"
POOL_PATH = HERE / "shape_pool.csv"
REF_HEIGHT = 0.4
POOL_COLUMNS = ("gender", "age", "muscle", "weight", "proportions", "stature_m", "mass_kg")


def ansur_rows(ansur_dir: Path, sex: str) -> list[dict[str, str]]:
    name = "ANSUR II FEMALE Public.csv" if sex == "female" else "ANSUR II MALE Public.csv"
    with open(ansur_dir / name, encoding="latin-1", newline="") as fh:
        return [{k.lower(): v for k, v in row.items()} for row in csv.DictReader(fh)]


def ansur_stats(ansur_dir: Path) -> dict[str, dict[str, float]]:
    out = {}
    for sex in ("female", "male"):
        rows = ansur_rows(ansur_dir, sex)
        s = np.array([float(r["stature"]) / 10 for r in rows])
        w = np.array([float(r["weightkg"]) / 10 for r in rows])
        lb = np.log(w / (s / 100) ** 2)
        out[sex] = {
            "n": len(rows),
            "stature_mean": round(float(s.mean()), 3),
            "stature_sd": round(float(s.std()), 3),
            "log_bmi_mean": round(float(lb.mean()), 5),
            "log_bmi_sd": round(float(lb.std()), 5),
            "corr": round(float(np.corrcoef(s, lb)[0, 1]), 4),
        }
    return out


def shape_pool(n_per_sex: int, seed: int) -> list[dict[str, float]]:
    rng = np.random.default_rng(seed)
    phens = [
        Phenotype(
            gender=g,
            age=float(rng.uniform(0.77, 0.83)),
            muscle=float(rng.uniform(0, 1)),
            weight=float(rng.uniform(0, 1)),
            height=REF_HEIGHT,
            proportions=float(rng.uniform(0, 1)),
        )
        for g in (0.0, 1.0)
        for _ in range(n_per_sex)
    ]
    rows = []
    for p, b in zip(phens, make_bodies(phens), strict=True):
        rows.append({**p.as_dict(), "stature_m": b.stature, "mass_kg": b.mass_kg()})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ansur", type=Path, default=Path("../shared/data/ansur2"))
    ap.add_argument("--pool", type=int, default=400, help="shapes per sex")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    STATS_PATH.write_text(json.dumps(ansur_stats(args.ansur), indent=1) + "\n")
    rows = shape_pool(args.pool, args.seed)
    with open(POOL_PATH, "w", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow(POOL_COLUMNS)
        for r in rows:
            wr.writerow([f"{r[c]:.5g}" if c != "gender" else int(r[c]) for c in POOL_COLUMNS])
    print(f"wrote {STATS_PATH} and {POOL_PATH} ({len(rows)} shapes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
