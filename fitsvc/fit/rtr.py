"""RentTheRunway (RTR) fit data: loader and per-row (history-free) feature encoding.

Data: Misra, Wan & McAuley, "Decomposing fit semantics for product size recommendation in
metric spaces", RecSys 2018. Columns as in `../shared/data/fit/README.md`. `rating` is never
read as an input (it is known only after the rental).
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

LABELS = ("small", "fit", "large")
LABEL_INDEX = {name: i for i, name in enumerate(LABELS)}
NUMERIC = ("size", "height_in", "weight_lbs", "bust_band", "age")
CATEGORICAL = ("category", "body_type", "rented_for")
CUPS = {"aa": 0.0, "a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0, "e": 5.0, "dd": 5.0, "f": 6.0,
        "g": 7.0, "h": 8.0, "i": 9.0, "j": 10.0}
# physiologically plausible ranges; values outside become missing
RANGES = {"height_in": (48.0, 84.0), "weight_lbs": (70.0, 400.0), "bust_band": (26.0, 50.0),
          "age": (14.0, 90.0), "size": (0.0, 60.0)}


@dataclass
class RtrTable:
    """Columns of an RTR file as numpy arrays (float with NaN for missing, str for text)."""

    n: int
    num: dict[str, np.ndarray]
    cat: dict[str, np.ndarray]
    user: np.ndarray
    item: np.ndarray
    day: np.ndarray  # days since 1970; -1 when unknown
    y: np.ndarray | None  # label index 0/1/2, -1 unknown; None when the column is absent
    extra: dict[str, np.ndarray] = field(default_factory=dict)


def _open_text(path: str | Path) -> io.TextIOBase:
    p = Path(path)
    if p.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(p, "rb"), encoding="utf-8", newline="")
    return open(p, encoding="utf-8", newline="")


def _to_float(values: list[str], lo: float, hi: float) -> np.ndarray:
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        try:
            x = float(v)
        except ValueError:
            continue
        if lo <= x <= hi:
            out[i] = x
    return out


def _to_id(values: list[str]) -> np.ndarray:
    out = np.full(len(values), -1, dtype=np.int64)
    for i, v in enumerate(values):
        try:
            out[i] = int(float(v))
        except ValueError:
            continue
    return out


def _to_day(values: list[str]) -> np.ndarray:
    arr = np.array([v.strip()[:10] if v.strip() else "NaT" for v in values])
    try:
        days = arr.astype("datetime64[D]").astype(np.int64)
    except ValueError:
        days = np.array([_safe_day(v) for v in arr], dtype=np.int64)
    days[arr == "NaT"] = -1
    return days


def _safe_day(v: str) -> int:
    try:
        return int(np.datetime64(v, "D").astype(np.int64))
    except ValueError:
        return -1


def load_rtr(path: str | Path) -> RtrTable:
    """Read an RTR-format CSV(.gz). Missing columns and bad values become missing, not errors."""
    with _open_text(path) as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        header = reader.fieldnames or []
    n = len(rows)

    def col(name: str) -> list[str]:
        return [(r.get(name) or "").strip() for r in rows]

    num = {k: _to_float(col(k), *RANGES.get(k, (-np.inf, np.inf))) for k in NUMERIC}
    cup = np.array([CUPS.get(c.lower(), np.nan) for c in col("bust_cup")], dtype=float)
    num["bust_cup"] = cup
    cat = {k: np.array([v.lower() for v in col(k)], dtype=object) for k in CATEGORICAL}
    y = None
    if "fit" in header:
        y = np.array([LABEL_INDEX.get(v.lower(), -1) for v in col("fit")], dtype=np.int64)
    return RtrTable(n=n, num=num, cat=cat, user=_to_id(col("user_id")),
                    item=_to_id(col("item_id")), day=_to_day(col("review_date")), y=y)


def subset(t: RtrTable, idx: np.ndarray) -> RtrTable:
    """Rows `idx` of a table."""
    return RtrTable(
        n=len(idx), num={k: v[idx] for k, v in t.num.items()},
        cat={k: v[idx] for k, v in t.cat.items()}, user=t.user[idx], item=t.item[idx],
        day=t.day[idx], y=None if t.y is None else t.y[idx],
        extra={k: v[idx] for k, v in t.extra.items()},
    )


def fit_vocab(t: RtrTable, min_count: int = 20) -> dict[str, list[str]]:
    """Categorical vocabularies (values seen at least `min_count` times)."""
    vocab: dict[str, list[str]] = {}
    for k, v in t.cat.items():
        vals, counts = np.unique(v.astype(str), return_counts=True)
        vocab[k] = sorted(str(a) for a, c in zip(vals, counts, strict=True)
                          if c >= min_count and a)
    return vocab


def encode_categorical(t: RtrTable, vocab: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """Category codes as float (unknown/missing → NaN, which the GBM treats as its own bin)."""
    out = {}
    for k, words in vocab.items():
        index = {w: float(i) for i, w in enumerate(words)}
        out[k] = np.array([index.get(str(v), np.nan) for v in t.cat[k]], dtype=float)
    return out


def body_matrix(t: RtrTable) -> np.ndarray:
    """Body features used to predict the size a customer usually rents (label-free)."""
    bmi = 703.0 * t.num["weight_lbs"] / np.square(t.num["height_in"])
    return np.column_stack([t.num["height_in"], t.num["weight_lbs"], t.num["bust_band"],
                            t.num["bust_cup"], t.num["age"], bmi])
