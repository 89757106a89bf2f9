"""CLI: train-fit, fit-score (RTR artefact); retrain-fit, fit-models (storefront registry)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

RTR_DEFAULT = "../shared/data/fit/rtr_fit.csv.gz"


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train-fit", help="train the RTR fit model artefact (models/fit/)")
    p.add_argument("--rtr", default=RTR_DEFAULT, help="RTR-format CSV(.gz) with fit labels")
    p.add_argument("--out", default=None, help="output folder (default models/fit)")
    p.add_argument("--eval", action="store_true",
                   help="also run the random and date-split evaluations (slow) into meta.json")
    p.add_argument("--max-iter", type=int, default=None)
    p.set_defaults(func=_train)

    p = sub.add_parser("fit-score", help="score RTR-format rows: row,p_small,p_fit,p_large")
    p.add_argument("--rtr", required=True, help="input CSV(.gz); fit/rating may be absent")
    p.add_argument("--out", required=True, help="output CSV")
    p.add_argument("--model-dir", default=None)
    p.set_defaults(func=_score)

    p = sub.add_parser("retrain-fit", help="learn a new storefront model version from feedback")
    p.add_argument("--tenant", default="default")
    p.add_argument("--no-promote", action="store_true", help="keep the active version")
    p.set_defaults(func=_retrain)

    p = sub.add_parser("fit-models", help="list / promote / roll back storefront versions")
    p.add_argument("action", choices=["list", "promote", "rollback"])
    p.add_argument("version", nargs="?", type=int)
    p.add_argument("--tenant", default="default")
    p.set_defaults(func=_models)


def _train(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from fitsvc.fit import artefact
    from fitsvc.fit.rtr import load_rtr
    from fitsvc.fit.rtr_eval import evaluate
    from fitsvc.fit.rtr_model import RtrFitModel

    t0 = time.time()
    table = load_rtr(args.rtr)
    params: dict[str, Any] = {} if args.max_iter is None else {"max_iter": args.max_iter}
    metrics: dict[str, Any] = {}
    if args.eval:
        for split in ("random", "date"):
            print(f"evaluating {split} split ...", file=sys.stderr, flush=True)
            metrics[split] = evaluate(table, split, params)
            print(json.dumps(metrics[split]), file=sys.stderr, flush=True)
    bar = tqdm(total=100, desc="train-fit", unit="%")

    def progress(stage: str, frac: float) -> None:
        bar.set_postfix_str(stage)
        bar.update(int(frac * 100) - bar.n)

    model = RtrFitModel(**params).fit(table, progress=progress)
    bar.close()
    out = args.out or artefact.MODEL_DIR
    meta = {
        "name": "rtr-fit-gbm", "trained_rows": table.n,
        "data": {"path": args.rtr, "sha256": artefact.sha256_file(args.rtr)},
        "params": {k: getattr(model, k) for k in RtrFitModel().__dict__},
        "calibration": {"temperature": model.calibrator_.temperature_,
                        "bias": list(model.calibrator_.bias_)},
        "metrics": metrics, "train_seconds": round(time.time() - t0, 1),
        "command": f"fitsvc train-fit --rtr {args.rtr}" + (" --eval" if args.eval else ""),
    }
    path = artefact.save(model, out, meta)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    write_storefront_params(table, args.rtr, Path(out))
    return 0


def write_storefront_params(table: Any, rtr: str, out: Path) -> Path:
    """RTR-calibrated params of the storefront (rules) model → storefront_params.json."""
    from fitsvc.fit import artefact
    from fitsvc.fit.rtr_calibrate import calibrate

    doc = {**calibrate(table), "data_sha256": artefact.sha256_file(rtr),
           "command": f"fitsvc train-fit --rtr {rtr}"}
    path = out / "storefront_params.json"
    path.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {path}")
    return path


def _score(args: argparse.Namespace) -> int:
    from fitsvc.fit import artefact
    from fitsvc.fit.rtr import load_rtr

    model = artefact.load(args.model_dir or artefact.MODEL_DIR)
    table = load_rtr(args.rtr)
    probs = model.predict_proba(table)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["row", "p_small", "p_fit", "p_large"])
        for i, p in enumerate(probs):
            w.writerow([i, f"{p[0]:.6f}", f"{p[1]:.6f}", f"{p[2]:.6f}"])
    print(f"scored {table.n} rows -> {out}")
    return 0


def _engine() -> Any:
    """The configured database (DATABASE_URL / FITSVC_* env), schema migrated."""
    from fitsvc import config
    from fitsvc.db import make_engine
    from fitsvc.migrate import upgrade

    engine = make_engine(config.build()["DATABASE_URL"])
    upgrade(engine)
    return engine


def _retrain(args: argparse.Namespace) -> int:
    from fitsvc.errors import ServiceError
    from fitsvc.fit import registry

    try:
        info = registry.retrain(_engine(), args.tenant, promote=not args.no_promote)
    except ServiceError as exc:
        print(f"{exc.code}: {exc.message}", file=sys.stderr)
        return 1
    print(json.dumps(info, indent=2))
    return 0


def _models(args: argparse.Namespace) -> int:
    from fitsvc.errors import ServiceError
    from fitsvc.fit import registry

    engine = _engine()
    try:
        if args.action == "list":
            out: Any = registry.list_versions(engine, args.tenant)
        elif args.action == "promote":
            if args.version is None:
                print("promote needs a version number", file=sys.stderr)
                return 2
            out = registry.promote(engine, args.tenant, args.version)
        else:
            out = registry.rollback(engine, args.tenant)
    except ServiceError as exc:
        print(f"{exc.code}: {exc.message}", file=sys.stderr)
        return 1
    print(json.dumps(out, indent=2, default=str))
    return 0
