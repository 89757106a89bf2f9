"""Avatar fit accuracy: girth error of the fitted anny avatar against the target measurements.

For each person of a synthetic truth file (default: the committed sample people) the avatar
is fitted to the person's true stature, chest, waist and hip (as a scan would give them,
sex known) and re-measured exactly on the mesh; prints per-person errors, phenotype-only
errors (before the local-shape step), the LM loss trace and wall time.

    .venv/bin/python bench/avatar_fit.py [--truth sample_data/people/truth.json] [--n 6]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from fitsvc.synth.avatar import GIRTHS, fit_avatar, fit_phenotype
from fitsvc.synth.body import load_model


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--truth", type=Path, default=Path("sample_data/people/truth.json"))
    ap.add_argument("--n", type=int, default=6)
    args = ap.parse_args(argv)
    people = list(json.loads(args.truth.read_text())["people"].values())[: args.n]
    load_model()
    keys = ("stature", *GIRTHS)
    errs: list[list[float]] = []
    phen_errs: list[list[float]] = []
    times: list[float] = []
    print(f"{'id':<10}{'sex':<7}" + "".join(f"{k[:5]:>8}" for k in keys)
          + f"{'phen-only c/w/h':>22}{'time s':>8}  LM loss")
    for p in people:
        targets = {k: p["measurements_cm"][k] for k in keys}
        t0 = time.perf_counter()
        fit = fit_avatar(p["sex"], targets)
        dt = time.perf_counter() - t0
        _, _, m, _ = fit_phenotype(p["sex"], targets)
        pe = [m[g] - targets[g] for g in GIRTHS]
        errs.append([fit.errors_cm[k] for k in keys])
        phen_errs.append(pe)
        times.append(dt)
        print(f"{p['id']:<10}{p['sex']:<7}" + "".join(f"{fit.errors_cm[k]:8.2f}" for k in keys)
              + "   " + " ".join(f"{e:6.2f}" for e in pe) + f"{dt:8.1f}  "
              + " ".join(f"{v:.1f}" for v in fit.losses))
    e, pe_abs = np.abs(np.array(errs)), np.abs(np.array(phen_errs))
    print("\nmean |error| cm:  " + "  ".join(f"{k} {v:.2f}" for k, v in zip(keys, e.mean(0),
                                                                          strict=True)))
    print("max  |error| cm:  " + "  ".join(f"{k} {v:.2f}" for k, v in zip(keys, e.max(0),
                                                                          strict=True)))
    print("phenotype only (before local shape), mean |error| cm: "
          + "  ".join(f"{k} {v:.2f}" for k, v in zip(GIRTHS, pe_abs.mean(0), strict=True)))
    print(f"fit time: median {np.median(times):.1f} s, max {max(times):.1f} s "
          f"(target ≤ 1 cm for chest, waist, hip)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
