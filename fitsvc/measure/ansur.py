"""Loader for the ANSUR II public CSV files (US Army 2012 anthropometric survey).

Both files are read with the ``csv`` module (latin-1 works for both; the male file has one
0xE9 byte), headers are lower-cased (``SubjectId`` vs ``subjectid``) and units normalised:
body dimensions mm -> cm, ``weightkg`` tenths of kg -> kg, self-reported ``heightin`` ->
``height_self_cm`` and ``weightlbs`` -> ``weight_self_kg`` (0 becomes NaN).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FILES = {"male": "ANSUR II MALE Public.csv", "female": "ANSUR II FEMALE Public.csv"}
NON_BODY_NUMERIC = ("age", "heightin", "weightlbs", "weightkg", "subjectid", "subjectnumericrace",
                    "dodrace")
TEXT_COLUMNS = ("gender", "date", "installation", "component", "branch", "primarymos",
                "subjectsbirthlocation", "ethnicity", "writingpreference")
INCH_CM = 2.54
LB_KG = 0.45359237


@dataclass(frozen=True)
class AnsurFrame:
    """Column-oriented ANSUR table: numeric columns in cm / kg / years, one row per subject."""

    subject_id: np.ndarray
    sex: np.ndarray
    columns: Mapping[str, np.ndarray]

    def __len__(self) -> int:
        return int(self.subject_id.shape[0])

    def __getitem__(self, name: str) -> np.ndarray:
        if name == "sex":
            return self.sex
        return self.columns[name]

    def subset(self, mask: np.ndarray) -> AnsurFrame:
        """Rows where ``mask`` (bool or index array) selects."""
        return AnsurFrame(self.subject_id[mask], self.sex[mask],
                          {k: v[mask] for k, v in self.columns.items()})

    def holdout_mask(self) -> np.ndarray:
        """Fixed 20 % hold-out: sha1(f"{sex}:{id}") mod 5 == 0."""
        return holdout_mask(self.sex, self.subject_id)


def holdout_mask(sex: np.ndarray, subject_id: np.ndarray) -> np.ndarray:
    """True for hold-out rows, decided by a hash of sex and subject id (stable across runs)."""
    return np.array([
        int(hashlib.sha1(f"{s}:{int(i)}".encode()).hexdigest(), 16) % 5 == 0
        for s, i in zip(sex, subject_id, strict=True)
    ], dtype=bool)


def _convert(name: str, raw: str) -> float:
    if raw.strip() == "":
        return float("nan")
    value = float(raw)
    if name == "weightkg":
        return value / 10.0
    if name == "heightin":
        return value * INCH_CM
    if name == "weightlbs":
        return value * LB_KG if value > 0 else float("nan")
    if name in NON_BODY_NUMERIC:
        return value
    return value / 10.0  # millimetres -> centimetres


def read_file(path: str | Path, sex: str) -> AnsurFrame:
    """Read one ANSUR II CSV; ``sex`` is "male" or "female"."""
    with open(path, newline="", encoding="latin-1") as fh:
        reader = csv.reader(fh)
        header = [h.strip().lower() for h in next(reader)]
        rows = [r for r in reader if r]
    if "subjectid" not in header:
        raise ValueError(f"{path}: no subject id column")
    numeric = [h for h in header if h not in TEXT_COLUMNS and h != "subjectid"]
    index = {h: i for i, h in enumerate(header)}
    cols = {h: np.array([_convert(h, r[index[h]]) for r in rows], dtype=float) for h in numeric}
    renamed = {"heightin": "height_self_cm", "weightlbs": "weight_self_kg"}
    cols = {renamed.get(k, k): v for k, v in cols.items()}
    ids = np.array([int(r[index["subjectid"]]) for r in rows], dtype=np.int64)
    return AnsurFrame(ids, np.full(len(rows), sex, dtype=object), cols)


def concat(frames: list[AnsurFrame]) -> AnsurFrame:
    """Stack frames that share their columns."""
    keys = [k for k in frames[0].columns if all(k in f.columns for f in frames)]
    return AnsurFrame(np.concatenate([f.subject_id for f in frames]),
                      np.concatenate([f.sex for f in frames]),
                      {k: np.concatenate([f.columns[k] for f in frames]) for k in keys})


def load_ansur(directory: str | Path) -> AnsurFrame:
    """Load and stack both ANSUR II files from ``directory`` (female rows first)."""
    directory = Path(directory)
    missing = [n for n in FILES.values() if not (directory / n).is_file()]
    if missing:
        raise FileNotFoundError(f"ANSUR II files missing in {directory}: {missing}")
    return concat([read_file(directory / FILES["female"], "female"),
                   read_file(directory / FILES["male"], "male")])


def file_sha256(directory: str | Path) -> dict[str, str]:
    """sha256 of both CSV files, keyed by file name."""
    out = {}
    for name in FILES.values():
        out[name] = hashlib.sha256((Path(directory) / name).read_bytes()).hexdigest()
    return out
