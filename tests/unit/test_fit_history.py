"""History statistics never include the row's own label (and match brute force)."""

from __future__ import annotations

import numpy as np

from fitsvc.fit.rtr_history import GroupStats, out_of_fold, row_values, strictly_earlier


def _data(n: int = 400, seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    group = rng.integers(0, 30, n)
    day = rng.integers(0, 20, n)
    values = rng.normal(size=(n, 3))
    return group, day, values


def test_strictly_earlier_matches_brute_force() -> None:
    group, day, values = _data()
    got = strictly_earlier(group, day, values)
    for i in range(len(group)):
        m = (group == group[i]) & (day < day[i])
        np.testing.assert_allclose(got[i], values[m].sum(axis=0), atol=1e-9)


def test_out_of_fold_matches_brute_force() -> None:
    group, _, values = _data(seed=1)
    folds = np.arange(len(group)) % 5
    got = out_of_fold(group, values, folds)
    for i in range(len(group)):
        m = (group == group[i]) & (folds != folds[i])
        np.testing.assert_allclose(got[i], values[m].sum(axis=0), atol=1e-9)


def test_own_label_does_not_change_own_features() -> None:
    rng = np.random.default_rng(3)
    n = 200
    group, day = rng.integers(0, 10, n), rng.integers(0, 50, n)
    size, resid = rng.integers(0, 20, n).astype(float), rng.normal(size=n)
    y = rng.integers(0, 3, n)
    flipped = y.copy()
    flipped[7] = (y[7] + 1) % 3
    folds = rng.integers(0, 5, n)
    for fn in (lambda v: strictly_earlier(group, day, v), lambda v: out_of_fold(group, v, folds)):
        a, b = fn(row_values(size, resid, y)), fn(row_values(size, resid, flipped))
        np.testing.assert_array_equal(a[7], b[7])


def test_lookup_unseen_is_zero() -> None:
    stats = GroupStats.build(np.array([5, 5, 9]), np.ones((3, 2)))
    got = stats.lookup(np.array([9, 5, 7, -1]))
    np.testing.assert_array_equal(got, [[1, 1], [2, 2], [0, 0], [0, 0]])
