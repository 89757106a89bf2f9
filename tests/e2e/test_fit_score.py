"""fit-score: one output row per input row, in order; robust to missing values / unseen ids."""

from __future__ import annotations

import argparse
import csv
import gzip
from pathlib import Path

import numpy as np
import pytest

from fitsvc.fit import artefact
from fitsvc.fit.cli import add_commands
from fitsvc.fit.rtr import load_rtr
from fitsvc.fit.rtr_model import RtrFitModel

pytestmark = pytest.mark.e2e
HEADER = ["user_id", "item_id", "fit", "size", "category", "height_in", "weight_lbs",
          "bust_band", "bust_cup", "body_type", "age", "rented_for", "rating", "review_date"]


def _write(path: Path, n: int, seed: int, drop: tuple[str, ...] = ()) -> None:
    rng = np.random.default_rng(seed)
    cols = [c for c in HEADER if c not in drop]
    with gzip.open(path, "wt", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for _ in range(n):
            weight = rng.uniform(100, 200)
            size = int(np.clip(round((weight - 100) / 6 + rng.normal(0, 2)), 0, 30))
            true = (weight - 100) / 6
            fit = "small" if size < true - 2 else "large" if size > true + 2 else "fit"
            row = {"user_id": int(rng.integers(0, 300)), "item_id": int(rng.integers(0, 40)),
                   "fit": fit, "size": size, "category": str(rng.choice(["dress", "gown"])),
                   "height_in": round(rng.uniform(60, 72)),
                   "weight_lbs": "" if rng.random() < 0.2 else round(weight),
                   "bust_band": str(rng.choice(["34", "36", ""])),
                   "bust_cup": str(rng.choice(["b", "c", "dd", ""])),
                   "body_type": str(rng.choice(["pear", "athletic", ""])),
                   "age": str(rng.choice(["30", "0", "", "abc"])),
                   "rented_for": "party", "rating": 10,
                   "review_date": str(rng.choice(["2016-01-02", "2017-03-04", ""]))}
            w.writerow([row[c] for c in cols])


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def _read(path: Path) -> np.ndarray:
    with open(path) as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["row", "p_small", "p_fit", "p_large"]
    return np.array(rows[1:], dtype=float)


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("fitmodel")
    train = tmp / "train.csv.gz"
    _write(train, 1500, seed=0)
    model = RtrFitModel(max_iter=20, n_folds=3, max_leaf_nodes=15, min_samples_leaf=20)
    model.fit(load_rtr(train))
    artefact.save(model, tmp / "m", {"name": "test"})
    return tmp / "m"


def test_fit_score_rows_in_order(tmp_path: Path, model_dir: Path) -> None:
    new = tmp_path / "new.csv.gz"
    _write(new, 301, seed=1, drop=("fit", "rating"))
    out = tmp_path / "out.csv"
    assert _run("fit-score", "--rtr", str(new), "--out", str(out),
                "--model-dir", str(model_dir)) == 0
    got = _read(out)
    assert got.shape == (301, 4)
    np.testing.assert_array_equal(got[:, 0], np.arange(301))
    np.testing.assert_allclose(got[:, 1:].sum(axis=1), 1.0, atol=1e-5)
    assert np.isfinite(got).all()

    # reversing the input reverses the probabilities (scoring is row-wise)
    with gzip.open(new, "rt") as fh:
        lines = fh.read().splitlines()
    rev = tmp_path / "rev.csv"
    rev.write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n")
    out2 = tmp_path / "out2.csv"
    assert _run("fit-score", "--rtr", str(rev), "--out", str(out2),
                "--model-dir", str(model_dir)) == 0
    np.testing.assert_allclose(_read(out2)[::-1, 1:], got[:, 1:], atol=1e-6)


def test_odd_inputs(tmp_path: Path, model_dir: Path) -> None:
    """Header-only files, missing columns and garbage values still give one row per row."""
    empty = tmp_path / "empty.csv"
    empty.write_text(",".join(HEADER) + "\n")
    out = tmp_path / "o.csv"
    assert _run("fit-score", "--rtr", str(empty), "--out", str(out),
                "--model-dir", str(model_dir)) == 0
    assert out.read_text().splitlines() == ["row,p_small,p_fit,p_large"]
    odd = tmp_path / "odd.csv"
    odd.write_text("item_id,size,category,age\n7,8,dress,x\n,,,\n99999,-4,unknown,300\n")
    assert _run("fit-score", "--rtr", str(odd), "--out", str(out),
                "--model-dir", str(model_dir)) == 0
    got = _read(out)
    assert got.shape == (3, 4) and np.isfinite(got).all()


def test_history_features_learned(tmp_path: Path) -> None:
    """The size-vs-body signal in the synthetic data is learned (AUC well above chance)."""
    from fitsvc.fit.calibration import macro_auc
    from fitsvc.fit.rtr import subset

    path = tmp_path / "d.csv.gz"
    _write(path, 3000, seed=2)
    t = load_rtr(path)
    idx = np.arange(t.n)
    tr, ts = subset(t, idx[:2400]), subset(t, idx[2400:])
    model = RtrFitModel(max_iter=30, n_folds=3, max_leaf_nodes=15, min_samples_leaf=20)
    p = model.fit(tr).predict_proba(ts)
    assert ts.y is not None
    assert macro_auc(p, ts.y) > 0.7
