"""Measurement estimator: feature-set choice, intervals, monotonicity, errors, artefact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from fitsvc.cli import main as fitsvc_main
from fitsvc.measure.ansur import FILES, AnsurFrame, load_ansur
from fitsvc.measure.definitions import MEASUREMENTS, TARGETS
from fitsvc.measure.estimator import (
    FRONT_FEATURES,
    SIDE_FEATURES,
    Estimate,
    MeasurementEstimator,
    ellipse_perimeter,
    load_default,
)
from fitsvc.measure.train import evaluate

ROOT = Path(__file__).resolve().parents[2]
SHARED_ANSUR = ROOT.parent / "shared" / "data" / "ansur2"
SIZES: dict[str, float] = {
    "stature": 175.0, "weight_kg": 78.0, "age": 30.0, "shoulder_breadth": 40.0,
    "chest_breadth": 32.0, "waist_breadth": 30.0, "hip_breadth": 35.0, "crotch_height": 82.0,
    "chest_depth": 25.0, "waist_depth": 23.0, "hip_depth": 25.0}
PERSON: dict[str, float | str | None] = {**SIZES, "sex": "male"}


def synthetic_frame(n: int = 300, seed: int = 1) -> AnsurFrame:
    """ANSUR-like rows: girths follow breadth x depth ellipses, lengths follow stature."""
    rng = np.random.default_rng(seed)
    male = rng.random(n) < 0.6
    st = np.where(male, 176.0, 163.0) + rng.normal(0, 7, n)
    w = 22 * (st / 100) ** 2 + rng.normal(0, 8, n)
    size = (w / st) ** 0.5
    cols = {"stature": st, "weightkg": w, "age": rng.uniform(18, 50, n),
            "biacromialbreadth": 0.23 * st + rng.normal(0, 1, n),
            "crotchheight": 0.47 * st + rng.normal(0, 1.5, n)}
    for b, d, girth, k in [("chestbreadth", "chestdepth", "chestcircumference", 1.08),
                           ("waistbreadth", "waistdepth", "waistcircumference", 1.02),
                           ("hipbreadth", "buttockdepth", "buttockcircumference", 1.06)]:
        cols[b] = 48 * size * rng.lognormal(0, 0.05, n)
        cols[d] = 38 * size * rng.lognormal(0, 0.08, n)
        cols[girth] = k * ellipse_perimeter(cols[b], cols[d]) + rng.normal(0, 0.8, n)
    cols["height_self_cm"], cols["weight_self_kg"] = st + 2, w + 1
    for spec in MEASUREMENTS.values():
        if spec["ansur_column"] not in cols:
            cols[spec["ansur_column"]] = 0.2 * st + 30 * size + rng.normal(0, 1, n)
    sex = np.where(male, "male", "female").astype(object)
    return AnsurFrame(np.arange(n) + 10000, sex, cols)


@pytest.fixture(scope="module")
def fitted() -> MeasurementEstimator:
    return MeasurementEstimator(n_folds=3).fit(synthetic_frame())


def test_feature_set_follows_the_keys_present(fitted: MeasurementEstimator) -> None:
    assert fitted.feature_set(PERSON) == "front_side"
    assert fitted.feature_set({**PERSON, "hip_depth": None}) == "front"
    front = {k: v for k, v in PERSON.items() if k not in SIDE_FEATURES}
    assert fitted.feature_set(front) == "front"
    assert fitted.feature_set({"stature": 170.0}) == "subject"
    assert fitted.feature_set({**PERSON, "chest_breadth": None}) == "subject"


def test_predict_returns_every_target_with_interval(fitted: MeasurementEstimator) -> None:
    out = fitted.predict(PERSON)
    assert set(out) == set(TARGETS)
    for name, est in out.items():
        assert isinstance(est, Estimate)
        assert est.low_cm <= est.value_cm <= est.high_cm
        if name not in ("stature", "shoulder_width", "inside_leg"):  # not inputs: real spread
            assert est.low_cm < est.value_cm < est.high_cm
    assert out["stature"].value_cm == pytest.approx(PERSON["stature"], abs=0.05)
    assert set(out["chest_girth"].to_dict()) == {"value_cm", "low_cm", "high_cm"}


def test_optional_inputs_may_be_missing(fitted: MeasurementEstimator) -> None:
    full = fitted.predict(PERSON)["chest_girth"]
    bare = fitted.predict({**PERSON, "weight_kg": None, "sex": None, "age": None})["chest_girth"]
    assert abs(full.value_cm - bare.value_cm) < 6.0
    only = fitted.predict({"stature": 170.0})
    assert only["stature"].value_cm == pytest.approx(170.0, abs=0.05)
    assert 0 < only["chest_girth"].low_cm < only["chest_girth"].high_cm


def test_front_intervals_wider_than_front_side(fitted: MeasurementEstimator) -> None:
    front = {k: v for k, v in PERSON.items() if k not in SIDE_FEATURES}
    width = {}
    for name, obs in (("front_side", PERSON), ("front", front)):
        out = fitted.predict(obs)
        width[name] = np.mean([out[t].high_cm - out[t].low_cm
                               for t in ("chest_girth", "waist_girth", "hip_girth")])
    assert width["front"] > 1.2 * width["front_side"]


def test_holdout_coverage_near_nominal(fitted: MeasurementEstimator) -> None:
    report = evaluate(fitted, synthetic_frame(600, seed=7), "front_side")
    coverage = np.mean([m["coverage"] for m in report.values()])
    assert 0.84 < coverage < 0.96


def test_bigger_breadths_give_bigger_girths(fitted: MeasurementEstimator) -> None:
    model = load_default()
    for est in (fitted, model):
        small = est.predict(PERSON)
        big = est.predict({**PERSON, **{k: SIZES[k] + 2.0 for k in FRONT_FEATURES[1:4]},
                           **{k: SIZES[k] + 2.0 for k in SIDE_FEATURES}})
        for t in ("chest_girth", "waist_girth", "hip_girth"):
            assert big[t].value_cm > small[t].value_cm + 2.0


@pytest.mark.parametrize("bad, message", [
    ({"stature": None}, "stature"), ({"weight_kg": 70.0}, "stature"),
    ({"stature": 175.0, "sex": "x"}, "sex"), ({"stature": 17.5}, "stature"),
    ({"stature": "tall"}, "stature"), ({**PERSON, "chest_depth": float("nan")}, "chest_depth"),
])
def test_bad_inputs_raise_value_error(fitted: MeasurementEstimator,
                                      bad: dict[str, float | str | None],
                                      message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fitted.predict(bad)


def test_input_noise_option_widens_intervals() -> None:
    frame = synthetic_frame()
    clean = MeasurementEstimator(n_folds=3).fit(frame)
    noisy = MeasurementEstimator(n_folds=3, input_noise_cm=1.5).fit(frame)
    key = clean.key("front_side", (True, True, True))
    assert noisy.halfwidth_[key]["male"][1] > clean.halfwidth_[key]["male"][1]


def test_committed_artefact_loads_cached_and_predicts() -> None:
    model = load_default()
    assert load_default() is model
    out = model.predict(PERSON)
    assert 95 < out["chest_girth"].value_cm < 110
    assert abs(out["stature"].value_cm - 175.0) < 1.0


def test_artefact_with_other_sklearn_version_is_refused(tmp_path: Path) -> None:
    for name in ("meta.json", "estimator.joblib"):
        shutil.copy(ROOT / "models" / "measure" / name, tmp_path / name)
    meta = json.loads((tmp_path / "meta.json").read_text())
    meta["library_versions"]["scikit-learn"] = "0.1.0"
    (tmp_path / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(RuntimeError, match=r"scikit-learn 0\.1"):
        load_default(tmp_path)


def test_train_command_writes_a_loadable_artefact(tmp_path: Path) -> None:
    frame = synthetic_frame(250)
    data = tmp_path / "ansur"
    data.mkdir()
    names = list(frame.columns)
    for sex, file in FILES.items():
        sub = frame.subset(frame.sex == sex)
        header = ["subjectid" if sex == "male" else "SubjectId", *names]
        rows = [",".join([str(i), *(_raw(c, sub[c][j]) for c in names)])
                for j, i in enumerate(sub.subject_id)]
        (data / file).write_text("\r\n".join([",".join(header), *rows]) + "\r\n")
    assert fitsvc_main(["train-measure", "--ansur", str(data), "--out", str(tmp_path / "model")]) == 0
    meta = json.loads((tmp_path / "model" / "meta.json").read_text())
    assert set(meta["data_sha256"]) == set(FILES.values())
    assert meta["holdout"]["feature_sets"]["front_side"]["chest_girth"]["mae"] < 3.0
    assert load_default(tmp_path / "model").predict(PERSON)["chest_girth"].value_cm > 0


def _raw(column: str, value: float) -> str:
    if column == "height_self_cm":
        return f"{value / 2.54:.0f}"
    if column == "weight_self_kg":
        return f"{value / 0.45359237:.0f}"
    if column == "age":
        return f"{value:.0f}"
    return f"{value * 10:.0f}"  # mm, and weightkg in tenths of kg


@pytest.mark.shared_data
def test_committed_holdout_metrics_are_reproduced() -> None:
    if not SHARED_ANSUR.is_dir():
        pytest.skip("../shared not present: ANSUR II files missing")
    model = load_default()
    meta = json.loads((ROOT / "models" / "measure" / "meta.json").read_text())["holdout"]
    frame = load_ansur(SHARED_ANSUR)
    holdout = frame.subset(frame.holdout_mask())
    assert len(holdout) == meta["n_holdout"]
    for fs, stored in meta["feature_sets"].items():
        report = evaluate(model, holdout, fs)
        for target, figures in stored.items():
            assert abs(report[target]["mae"] - figures["mae"]) < 0.05, (fs, target)
