"""Hold-out accuracy of the ANSUR II measurement estimator (models/measure) vs the baseline.

Prints, per measurement, the MAE (cm) on the fixed 20 % hold-out for each feature set
(front+side, front, subject) with weight, sex and age known, the plain height+weight+sex
linear baseline, 90 % interval coverage and width, MAE with 1 cm noise on the photo
features, and the subject-only MAE from self-reported height and weight.

    .venv/bin/python bench/measure_ansur.py [--ansur ../shared/data/ansur2] [--model DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fitsvc.measure.ansur import load_ansur  # noqa: E402
from fitsvc.measure.estimator import load_default  # noqa: E402
from fitsvc.measure.train import GOALS, holdout_report  # noqa: E402

SETS = ("front_side", "front", "subject")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ansur", default=str(ROOT.parent / "shared" / "data" / "ansur2"))
    parser.add_argument("--model", default=None, help="artefact dir (default models/measure)")
    args = parser.parse_args()
    if not Path(args.ansur).is_dir():
        print(f"../shared not present: {args.ansur} missing", file=sys.stderr)
        return 2
    est = load_default(args.model)
    frame = load_ansur(args.ansur)
    mask = frame.holdout_mask()
    rep = holdout_report(est, frame.subset(~mask), frame.subset(mask))
    fs, base = rep["feature_sets"], rep["baseline_height_weight_sex_mae"]
    noisy, self_rep = rep["noisy_inputs_1cm"], rep["subject_self_reported"]
    print(f"ANSUR II hold-out: {rep['n_holdout']} people (train {rep['n_train']}); MAE in cm; "
          "all sets with weight, sex, age known")
    head = ("measurement", "front+side", "front", "subject", "h+w+sex LR", "f+s noisy1",
            "front noisy1", "subj self-rep", "cov f+s", "cov front", "cov subj", "w90 f+s",
            "w90 front", "w90 subj")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for t in est.targets:
        row = [fs[s][t]["mae"] for s in SETS] + [base[t], noisy["front_side"][t]["mae"],
                                                 noisy["front"][t]["mae"], self_rep[t]["mae"]]
        row += [fs[s][t]["coverage"] for s in SETS] + [fs[s][t]["width"] for s in SETS]
        print(f"| {t} | " + " | ".join(f"{v:.2f}" for v in row) + " |")
    print("\nIssue targets (front+side, caliper inputs + height, weight, sex):")
    for t, goal in GOALS.items():
        got = fs["front_side"][t]["mae"]
        print(f"  {t}: {got:.3f} cm (target <= {goal:.2f}: {'met' if got <= goal else 'NOT met'})")
    print("\nfront+side MAE by optional inputs present (chest / waist / hip):")
    for combo, maes in rep["combos_front_side_mae"].items():
        print(f"  {combo:18s} " + " / ".join(f"{maes[t]:.2f}" for t in GOALS))
    person: dict[str, float | str | None] = {
        "stature": 175.0, "weight_kg": 78.0, "sex": "male", "age": 30.0,
              "shoulder_breadth": 40.0, "chest_breadth": 32.0, "waist_breadth": 30.0,
              "hip_breadth": 35.0, "crotch_height": 82.0, "chest_depth": 25.0,
              "waist_depth": 23.0, "hip_depth": 25.0}
    start, n = time.perf_counter(), 2000
    for _ in range(n):
        est.predict(person)
    print(f"\npredict latency: {(time.perf_counter() - start) / n * 1000:.3f} ms per call")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
