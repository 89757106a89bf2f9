"""Sample adult anny phenotypes whose stature and BMI follow ANSUR II, per sex.

Targets come from a bivariate normal of (stature, log BMI) per sex fitted to ANSUR II
(``ansur_stats.json``). A body shape (age, muscle, weight, proportions) is drawn among the
pool shapes (``shape_pool.csv``) whose BMI, carried to the target stature, is nearest the
target; anny's ``height`` parameter is then set from the pool shape's stature (stature is
close to linear in it). Chest, waist and hip then follow from anny's shape space; see
``bench/synth_match.py`` for how their distributions compare with ANSUR.
"""

from __future__ import annotations

import csv
import functools
import json

import numpy as np

from fitsvc.synth.body import Phenotype
from fitsvc.synth.calibrate import POOL_PATH, REF_HEIGHT, STATS_PATH

# stature(h) ≈ stature(REF_HEIGHT) · (1 + SLOPE · (h − REF_HEIGHT)), measured on anny
STATURE_SLOPE = {"male": 0.61, "female": 0.65}
BMI_STATURE_EXPONENT = 0.2  # BMI of a fixed shape grows about as stature^0.2 in anny
NEAREST = 6  # pick at random among this many closest pool shapes (variety)


@functools.lru_cache(maxsize=1)
def ansur_stats() -> dict[str, dict[str, float]]:
    data: dict[str, dict[str, float]] = json.loads(STATS_PATH.read_text())
    return data


@functools.lru_cache(maxsize=1)
def shape_pool() -> dict[str, np.ndarray]:
    """Pool rows per sex as an array with columns age, muscle, weight, proportions, S, M."""
    with open(POOL_PATH, newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for sex, g in (("male", "0"), ("female", "1")):
        sel = [r for r in rows if r["gender"] == g]
        cols = ("age", "muscle", "weight", "proportions", "stature_m", "mass_kg")
        out[sex] = np.array([[float(r[c]) for c in cols] for r in sel])
    return out


def draw_target(sex: str, rng: np.random.Generator) -> tuple[float, float]:
    """(stature_cm, bmi) from the ANSUR bivariate normal of stature and log BMI."""
    st = ansur_stats()[sex]
    cov = np.array(
        [
            [st["stature_sd"] ** 2, st["corr"] * st["stature_sd"] * st["log_bmi_sd"]],
            [st["corr"] * st["stature_sd"] * st["log_bmi_sd"], st["log_bmi_sd"] ** 2],
        ]
    )
    s, lb = rng.multivariate_normal([st["stature_mean"], st["log_bmi_mean"]], cov)
    return float(s), float(np.exp(lb))


def phenotype_for(sex: str, stature_cm: float, bmi: float, rng: np.random.Generator) -> Phenotype:
    """An anny phenotype near the target stature and BMI (exact values come from the mesh)."""
    pool = shape_pool()[sex]
    s0 = pool[:, 4]
    bmi_at_target = pool[:, 5] / s0**2 * (stature_cm / 100 / s0) ** BMI_STATURE_EXPONENT
    order = np.argsort(np.abs(np.log(bmi_at_target / bmi)))
    row = pool[order[rng.integers(0, NEAREST)]]
    height = REF_HEIGHT + (stature_cm / 100 / row[4] - 1.0) / STATURE_SLOPE[sex]
    return Phenotype(
        gender=0.0 if sex == "male" else 1.0,
        age=float(row[0]),
        muscle=float(row[1]),
        weight=float(row[2]),
        height=float(np.clip(height, 0.0, 1.0)),
        proportions=float(row[3]),
    )


def sample_phenotype(sex: str, rng: np.random.Generator) -> Phenotype:
    stature, bmi = draw_target(sex, rng)
    return phenotype_for(sex, stature, bmi, rng)
