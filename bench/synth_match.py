"""How well do sampled anny people match ANSUR II? Mean, SD and 10/50/90th percentiles.

    .venv/bin/python bench/synth_match.py --n 60 --seed 1   # per sex; needs ../shared

Notes: ANSUR's waist is at the navel (omphalion), ours is the natural waist (smallest
girth), so ours reads lower by design; ANSUR chest is at nipple level.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from tqdm import tqdm

from fitsvc.synth.body import make_bodies
from fitsvc.synth.calibrate import ansur_rows
from fitsvc.synth.measure_mesh import measure
from fitsvc.synth.sampling import sample_phenotype

# our name → (ANSUR column, divisor to cm)
PAIRS = {
    "stature": ("stature", 10), "weight_kg": ("weightkg", 10),
    "chest_girth": ("chestcircumference", 10), "waist_girth": ("waistcircumference", 10),
    "hip_girth": ("buttockcircumference", 10), "neck_girth": ("neckcircumference", 10),
    "thigh_girth": ("thighcircumference", 10), "shoulder_width": ("biacromialbreadth", 10),
    "crotch_height": ("crotchheight", 10), "chest_breadth": ("chestbreadth", 10),
    "chest_depth": ("chestdepth", 10), "hip_breadth": ("hipbreadth", 10),
    "upper_arm_girth": ("bicepscircumferenceflexed", 10),
}


def stats(x: np.ndarray) -> str:
    p10, p50, p90 = np.percentile(x, [10, 50, 90])
    return f"{x.mean():7.1f}{x.std():6.1f}{p10:7.1f}{p50:7.1f}{p90:7.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=60, help="people per sex")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ansur", type=Path, default=Path("../shared/data/ansur2"))
    args = ap.parse_args(argv)
    if not args.ansur.exists():
        print(f"{args.ansur} not present: nothing to compare with")
        return 0
    for sex in ("female", "male"):
        rows = ansur_rows(args.ansur, sex)
        rngs = [np.random.default_rng([args.seed, i, sex == "male"]) for i in range(args.n)]
        bodies = make_bodies([sample_phenotype(sex, r) for r in rngs])
        ours: dict[str, list[float]] = {k: [] for k in PAIRS}
        for b in tqdm(bodies, desc=sex, file=sys.stderr):
            m = measure(b)
            m["weight_kg"] = b.mass_kg()
            for k in PAIRS:
                ours[k].append(m[k])
        print(f"\n== {sex}: {args.n} synthetic vs {len(rows)} ANSUR ==")
        print(f"{'':<16}{'':>3}{'mean':>7}{'sd':>6}{'p10':>7}{'p50':>7}{'p90':>7}")
        for k, (col, div) in PAIRS.items():
            ref = np.array([float(r[col]) / div for r in rows])
            print(f"{k:<16}syn{stats(np.array(ours[k]))}")
            print(f"{'':<16}ANS{stats(ref)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
