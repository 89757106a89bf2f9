"""General-population adult bodies for the synthetic lab: BMI 16–45, ages 18–80, varied shape.

ANSUR II soldiers are fitter and younger than customers, so this sampler does not use them
as bounds. Targets per person: sex (1:1), stature from a normal per sex (ANSUR II means − 1 cm, spread
× 1.15), BMI from a log-normal around 26.5
(general adult population; 5–95 % ≈ 19–36) mixed 1:4 with a uniform 16–45 so that the tails
are well covered. The body is anny with its local shape changes (belly, buttocks, bust,
waist, hips, torso depth, neck, thigh, upper arm, shoulders: shapes that anny's phenotype
space alone does not reach): a pool of random shapes (``population_pool.csv``, built by
``python -m fitsvc.synth.population``) is searched for the shapes nearest the target BMI,
one of them is picked and scaled to the target stature through anny's ``height``. Pool ages
are uniform over 18–80 years.
"""

from __future__ import annotations

import argparse
import csv
import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fitsvc.synth.body import Phenotype, make_bodies
from fitsvc.synth.sampling import STATURE_SLOPE, ansur_stats

POOL_PATH = Path(__file__).parent / "population_pool.csv"
REF_HEIGHT = 0.4
NEAREST = 8
# anny modifier → uniform range of its signed value (0 = anny's average shape)
LOCAL_RANGES: dict[str, tuple[float, float]] = {
    "stomach-pregnant-incr": (-0.3, 0.9),
    "buttocks-volume-incr": (-0.6, 0.8),
    "measure-waist-circ-incr": (-0.5, 0.5),
    "measure-hips-circ-incr": (-0.5, 0.5),
    "measure-bust-circ-incr": (-0.5, 0.6),
    "measure-underbust-circ-incr": (-0.4, 0.4),
    "torso-scale-depth-incr": (-0.4, 0.4),
    "torso-scale-horiz-incr": (-0.3, 0.3),
    "hip-scale-horiz-incr": (-0.4, 0.4),
    "hip-scale-depth-incr": (-0.4, 0.4),
    "measure-neck-circ-incr": (-0.5, 0.5),
    "measure-thigh-circ-incr": (-0.5, 0.5),
    "measure-upperarm-circ-incr": (-0.5, 0.5),
    "measure-shoulder-dist-incr": (-0.5, 0.5),
    "torso-vshape-incr": (-0.4, 0.5),
}
BASE = ("gender", "age", "muscle", "weight", "proportions", "cupsize", "firmness")
POOL_COLUMNS = (*BASE, *LOCAL_RANGES, "stature_m", "mass_kg")


@dataclass(frozen=True)
class Shape:
    """One sampled person: anny phenotype, extra phenotypes and local changes, age in years."""

    phenotype: Phenotype
    extra: dict[str, float]
    local_changes: dict[str, float]
    age_years: float
    target_stature_cm: float
    target_bmi: float


def anny_age(years: float) -> float:
    """anny's age parameter for an age in years (its anchors: 18 y → 0.77, 64 → 0.83, 110 → 1)."""
    if years <= 64:
        return 0.77 + (years - 18) / 46 * 0.06
    return 0.83 + (years - 64) / 46 * 0.17


def years_of(age_param: float) -> float:
    if age_param <= 0.83:
        return 18 + (age_param - 0.77) / 0.06 * 46
    return 64 + (age_param - 0.83) / 0.17 * 46


def random_shape_row(sex: str, rng: np.random.Generator) -> dict[str, float]:
    """A random pool shape at the reference height (no stature/mass yet); one in four is a
    heavy build (low muscle, weight extrapolated to 1.15 (men) or 1.3 (women), fuller belly,
    waist and hips)."""
    female = sex == "female"
    heavy = rng.random() < 0.25
    row = {"gender": 1.0 if female else 0.0, "age": anny_age(float(rng.uniform(18, 80))),
           "muscle": float(rng.uniform(0, 0.3) if heavy else rng.uniform(0, 1)),
           "weight": float(rng.uniform(0.7, 1.3 if female else 1.15) if heavy else rng.uniform(0, 1)),
           "proportions": float(rng.uniform(0, 1)),
           "cupsize": float(rng.uniform(0, 1)) if female else 0.5,
           "firmness": float(rng.uniform(0, 1)) if female else 0.5}
    scale = float(rng.uniform(0.3, 1.0))  # some people close to anny's average, some far
    for k, (lo, hi) in LOCAL_RANGES.items():
        row[k] = float(rng.uniform(lo, hi)) * scale
    if heavy:
        for k in ("stomach-pregnant-incr", "measure-waist-circ-incr", "measure-hips-circ-incr"):
            row[k] = abs(row[k])
    return row


def build_pool(n_per_sex: int, seed: int) -> list[dict[str, float]]:
    rng = np.random.default_rng(seed)
    rows = [random_shape_row(sex, rng) for sex in ("male", "female") for _ in range(n_per_sex)]
    phens = [Phenotype(r["gender"], r["age"], r["muscle"], r["weight"], REF_HEIGHT,
                       r["proportions"]) for r in rows]
    bodies = make_bodies(phens, local_changes=[{k: r[k] for k in LOCAL_RANGES} for r in rows],
                         extra=[{"cupsize": r["cupsize"], "firmness": r["firmness"]} for r in rows])
    for r, b in zip(rows, bodies, strict=True):
        r["stature_m"], r["mass_kg"] = b.stature, b.mass_kg()
    return rows


@functools.lru_cache(maxsize=1)
def pool() -> dict[str, np.ndarray]:
    with open(POOL_PATH, newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {sex: np.array([[float(r[c]) for c in POOL_COLUMNS] for r in rows
                           if r["gender"] == g]) for sex, g in (("male", "0"), ("female", "1"))}


def draw_targets(sex: str, rng: np.random.Generator) -> tuple[float, float]:
    """(stature cm, BMI) for one general-population adult (age comes with the pool shape)."""
    st = ansur_stats()[sex]
    stature = float(rng.normal(st["stature_mean"] - 1.0, st["stature_sd"] * 1.15))
    bmi = float(rng.uniform(16, 45)) if rng.random() < 0.2 else float(
        np.exp(rng.normal(np.log(26.5), 0.19)))
    return float(np.clip(stature, 140, 205)), float(np.clip(bmi, 16, 46))


def sample_shape(sex: str, rng: np.random.Generator) -> Shape:
    """A person near the drawn stature and BMI; the mesh gives the exact values."""
    stature, bmi = draw_targets(sex, rng)
    p = pool()[sex]
    idx = {c: i for i, c in enumerate(POOL_COLUMNS)}
    s0, m0 = p[:, idx["stature_m"]], p[:, idx["mass_kg"]]
    bmi_at_target = m0 / s0**2 * (stature / 100 / s0) ** 0.2
    order = np.argsort(np.abs(np.log(bmi_at_target / bmi)))
    row = p[order[rng.integers(0, NEAREST)]]
    height = REF_HEIGHT + (stature / 100 / row[idx["stature_m"]] - 1.0) / STATURE_SLOPE[sex]
    phen = Phenotype(gender=float(row[idx["gender"]]), age=float(row[idx["age"]]),
                     muscle=float(row[idx["muscle"]]), weight=float(row[idx["weight"]]),
                     height=float(np.clip(height, 0.0, 1.0)),
                     proportions=float(row[idx["proportions"]]))
    return Shape(phen, {k: float(row[idx[k]]) for k in ("cupsize", "firmness")},
                 {k: float(row[idx[k]]) for k in LOCAL_RANGES}, years_of(phen.age), stature, bmi)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build population_pool.csv (deterministic).")
    ap.add_argument("--per-sex", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    rows = build_pool(args.per_sex, args.seed)
    with open(POOL_PATH, "w", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow(POOL_COLUMNS)
        for r in rows:
            wr.writerow([f"{r[c]:.5g}" for c in POOL_COLUMNS])
    bmi = np.array([r["mass_kg"] / r["stature_m"] ** 2 for r in rows])
    print(f"wrote {POOL_PATH}: {len(rows)} shapes, BMI 1/50/99 %: "
          f"{np.percentile(bmi, [1, 50, 99]).round(1).tolist()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
