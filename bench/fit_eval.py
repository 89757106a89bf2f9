"""RTR fit evaluation: macro AUC, log loss, ECE on a random (user, item) split and a date split.

Run: .venv/bin/python bench/fit_eval.py [--rtr ../shared/data/fit/rtr_fit.csv.gz] [--json OUT]
Trains RtrFitModel on each train part (a few minutes per split on one core) and also reports
the storefront model family on RTR (thresholds + shrunken item offsets only).
ECE: top-label and classwise, 15 equal-width bins.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _row(name: str, m: dict[str, float]) -> str:
    return (f"{name:<28} {m['macro_auc']:.4f}  {m['auc_small']:.4f} {m['auc_fit']:.4f} "
            f"{m['auc_large']:.4f}  {m['log_loss']:.4f}  {m['ece_top_label_15']:.4f}  "
            f"{m['ece_classwise_15']:.4f}  {int(m['n'])}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rtr", default=str(ROOT.parent / "shared/data/fit/rtr_fit.csv.gz"))
    ap.add_argument("--json", default=None, help="write all metrics to this JSON file")
    ap.add_argument("--splits", default="random,date")
    args = ap.parse_args()
    from fitsvc.fit.rtr import load_rtr
    from fitsvc.fit.rtr_calibrate import calibrate
    from fitsvc.fit.rtr_eval import evaluate

    if not Path(args.rtr).exists():
        print(f"RTR file not found: {args.rtr}", file=sys.stderr)
        return 2
    table = load_rtr(args.rtr)
    out: dict[str, Any] = {}
    for split in args.splits.split(","):
        t0 = time.time()
        out[split] = evaluate(table, split)
        out[split]["seconds"] = round(time.time() - t0, 1)
    out["storefront_family"] = calibrate(table)
    print(f"{'model / split':<28} macroAUC  AUC_s  AUC_f  AUC_l   logloss  ECE_top ECE_cls  n")
    for split in args.splits.split(","):
        for variant in ("static", "online"):
            if variant in out[split]:
                print(_row(f"gbm {split} {variant}", out[split][variant]))
    print(_row("storefront-family random", out["storefront_family"]
               ["rtr_random_split_item_offsets_only"]))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
