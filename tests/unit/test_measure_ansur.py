"""ANSUR II loader: both files, both encodings, header case, units, fixed hold-out split."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from fitsvc.measure.ansur import FILES, file_sha256, holdout_mask, load_ansur

SHARED_ANSUR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ansur2"


def _write(directory: Path) -> None:
    female = ("SubjectId,stature,weightkg,chestcircumference,Gender,Ethnicity,Age,Heightin,"
              "Weightlbs\r\n10027,1560,657,922,Female,,26,61,142\r\n"
              "10032,1665,534,839,Female,,21,64,120\r\n")
    male = ("subjectid,stature,weightkg,chestcircumference,Gender,Ethnicity,Age,Heightin,"
            "Weightlbs\r\n10037,1776,815,1074,Male,Métis,41,71,0\r\n")
    (directory / FILES["female"]).write_text(female, encoding="utf-8", newline="")
    (directory / FILES["male"]).write_text(male, encoding="latin-1", newline="")


def test_loader_reads_both_files_and_converts_units(tmp_path: Path) -> None:
    _write(tmp_path)
    frame = load_ansur(tmp_path)
    assert len(frame) == 3
    assert list(frame.sex) == ["female", "female", "male"]
    assert list(frame.subject_id) == [10027, 10032, 10037]
    np.testing.assert_allclose(frame["stature"], [156.0, 166.5, 177.6])  # mm -> cm
    np.testing.assert_allclose(frame["weightkg"], [65.7, 53.4, 81.5])  # tenths of kg -> kg
    np.testing.assert_allclose(frame["chestcircumference"], [92.2, 83.9, 107.4])
    np.testing.assert_allclose(frame["age"], [26, 21, 41])
    np.testing.assert_allclose(frame["height_self_cm"], [61 * 2.54, 64 * 2.54, 71 * 2.54])
    assert np.isnan(frame["weight_self_kg"][2])  # Weightlbs = 0 is missing, not zero
    assert "ethnicity" not in frame.columns  # text columns are not numeric data


def test_subset_keeps_rows_aligned(tmp_path: Path) -> None:
    _write(tmp_path)
    frame = load_ansur(tmp_path)
    sub = frame.subset(np.array([False, True, True]))
    assert list(sub.subject_id) == [10032, 10037]
    np.testing.assert_allclose(sub["stature"], [166.5, 177.6])


def test_missing_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / FILES["female"]).write_text("SubjectId,stature\r\n1,1500\r\n")
    with pytest.raises(FileNotFoundError, match="MALE"):
        load_ansur(tmp_path)


def test_holdout_split_is_the_documented_hash() -> None:
    ids = np.arange(10000, 12000)
    sex = np.array(["male", "female"] * 1000, dtype=object)
    mask = holdout_mask(sex, ids)
    expected = [int(hashlib.sha1(f"{s}:{i}".encode()).hexdigest(), 16) % 5 == 0
                for s, i in zip(sex, ids, strict=True)]
    assert mask.tolist() == expected
    assert 0.17 < mask.mean() < 0.23
    assert (holdout_mask(sex, ids) == mask).all()


@pytest.mark.shared_data
def test_real_files_load_with_documented_counts_and_checksums() -> None:
    if not SHARED_ANSUR.is_dir():
        pytest.skip("../shared not present: ANSUR II files missing")
    frame = load_ansur(SHARED_ANSUR)
    assert (frame.sex == "male").sum() == 4082 and (frame.sex == "female").sum() == 1986
    assert 60.0 < np.median(frame["weightkg"]) < 90.0
    assert 150.0 < np.median(frame["stature"]) < 185.0
    sums = file_sha256(SHARED_ANSUR)
    assert sums[FILES["male"]].startswith("0547aea0") and sums[FILES["female"]].startswith("ed7e800a")
