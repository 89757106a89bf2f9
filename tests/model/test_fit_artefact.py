"""The committed RTR artefact: loads, matches its meta.json, scores RTR rows sensibly."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from fitsvc.fit import artefact
from fitsvc.fit.rtr import load_rtr
from tests.conftest import shared_path

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "fit"


def test_meta_matches_artefact() -> None:
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    assert meta["artefact_sha256"] == artefact.sha256_file(MODEL_DIR / meta["artefact"])
    assert (MODEL_DIR / meta["artefact"]).stat().st_size < 8_000_000
    model = artefact.load(MODEL_DIR)
    assert model.feature_names_ == meta["features"]
    assert "rating" not in meta["features"]
    assert meta["metrics"]["random"]["static"]["ece_top_label_15"] < 0.02


@pytest.mark.shared_data
def test_scores_shared_rows_without_labels(tmp_path: Path) -> None:
    src = shared_path("data", "fit", "rtr_fit.csv.gz")
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    assert meta["data"]["sha256"] == artefact.sha256_file(src)
    with gzip.open(src, "rt") as fh:
        lines = [next(fh) for _ in range(2001)]
    header = lines[0].strip().split(",")
    keep = [i for i, c in enumerate(header) if c not in ("fit", "rating")]
    path = tmp_path / "rows.csv"
    path.write_text("".join(",".join(np.array(line.rstrip("\n").split(","))[keep]) + "\n"
                            for line in lines))
    probs = artefact.load(MODEL_DIR).predict_proba(load_rtr(path))
    assert probs.shape == (2000, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-6)
    # mean predicted rates are close to the label balance (fit ≈ 74 %)
    assert 0.6 < probs[:, 1].mean() < 0.85
