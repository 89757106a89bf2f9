"""Offline evaluation of RtrFitModel: random (user, item) row split and review-date split."""

from __future__ import annotations

from typing import Any

import numpy as np

from fitsvc.fit.calibration import report
from fitsvc.fit.rtr import RtrTable, subset
from fitsvc.fit.rtr_history import strictly_earlier
from fitsvc.fit.rtr_model import GROUP_KEYS, RtrFitModel, group_ids


def split_random(t: RtrTable, test_fraction: float = 0.2, seed: int = 42) -> np.ndarray:
    """Boolean test mask: a random sample of (user, item) rental rows."""
    return np.random.default_rng(seed).random(t.n) < test_fraction


def split_by_date(t: RtrTable, test_fraction: float = 0.2) -> np.ndarray:
    """Boolean test mask: the latest `test_fraction` of rows by review_date."""
    order = np.argsort(t.day, kind="stable")
    mask = np.zeros(t.n, bool)
    mask[order[int(t.n * (1 - test_fraction)):]] = True
    return mask


def evaluate(t: RtrTable, split: str, params: dict[str, Any] | None = None,
             seed: int = 42) -> dict[str, Any]:
    """Train on the train part, report metrics on the test part.

    random: history features of training rows are out-of-fold; test rows see the stored
    statistics of the training rows. date: training rows see only strictly earlier rows;
    `static` scores test rows with training-period statistics only (what the committed
    artefact does), `online` lets each test row also see earlier test-period feedback.
    """
    params = dict(params or {})
    test = split_random(t, seed=seed) if split == "random" else split_by_date(t)
    if split == "date":
        params["history"] = "earlier"
    tr, ts = subset(t, np.flatnonzero(~test)), subset(t, np.flatnonzero(test))
    model = RtrFitModel(**params).fit(tr)
    assert ts.y is not None
    out: dict[str, Any] = {"split": split, "n_train": tr.n, "n_test": ts.n,
                           "static": report(model.predict_proba(ts), ts.y)}
    if split == "date":
        values = model.row_values(t)
        sums = {k: strictly_earlier(g, t.day, values)[test]
                for k, g in group_ids(t).items() if k in GROUP_KEYS}
        out["online"] = report(model.predict_proba_with(ts, sums), ts.y)
    return out
