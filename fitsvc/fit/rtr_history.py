"""Per-user / per-item history statistics for RTR rows, computed without label leakage.

Three ways to get a row's history sums (all return an (n, K) array of sums over *other* rows):
- `lookup`: from stored statistics of a history set (scoring new rows; test rows),
- `out_of_fold`: K-fold — a training row sees only rows of other folds (random split),
- `strictly_earlier`: only rows of the same group with an earlier review date (date split).
Sums are turned into smoothed features by `history_features`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

VALUE_NAMES = ("cnt", "small", "large", "size", "resid_n", "resid", "fit_n", "fit_size",
               "fit_resid_n", "fit_resid", "implied")
SIZE_STEP = 2.0  # a "small" on size s implies the customer's true size is about s + 2


def row_values(size: np.ndarray, resid: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-row contributions (n, K) to history sums; rows with unknown label add nothing."""
    ok = (y >= 0) & np.isfinite(size)
    small = (y == 0) & ok
    large = (y == 2) & ok
    fit = (y == 1) & ok
    r_ok = ok & np.isfinite(resid)
    s = np.where(ok, size, 0.0)
    r = np.where(r_ok, resid, 0.0)
    implied = np.where(ok, size + SIZE_STEP * small - SIZE_STEP * large, 0.0)
    return np.column_stack([
        ok, small, large, s, r_ok, r, fit, s * fit, r_ok & fit, r * (r_ok & fit), implied,
    ]).astype(float)


@dataclass
class GroupStats:
    """Summed history values per group id (sorted ids for binary search)."""

    ids: np.ndarray
    sums: np.ndarray

    @classmethod
    def build(cls, group: np.ndarray, values: np.ndarray) -> GroupStats:
        ids, inv = np.unique(group, return_inverse=True)
        sums = np.zeros((len(ids), values.shape[1]))
        np.add.at(sums, inv, values)
        return cls(ids=ids, sums=sums)

    def lookup(self, group: np.ndarray) -> np.ndarray:
        """Sums for each query id (zeros for ids never seen)."""
        out = np.zeros((len(group), self.sums.shape[1]))
        if len(self.ids) == 0:
            return out
        pos = np.clip(np.searchsorted(self.ids, group), 0, len(self.ids) - 1)
        hit = self.ids[pos] == group
        out[hit] = self.sums[pos[hit]]
        return out


def out_of_fold(group: np.ndarray, values: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """For each row: sums over rows of the same group in *other* folds."""
    ids, inv = np.unique(group, return_inverse=True)
    k = values.shape[1]
    total = np.zeros((len(ids), k))
    np.add.at(total, inv, values)
    out = np.empty((len(group), k))
    for f in np.unique(folds):
        m = folds == f
        part = np.zeros((len(ids), k))
        np.add.at(part, inv[m], values[m])
        out[m] = total[inv[m]] - part[inv[m]]
    return out


def strictly_earlier(group: np.ndarray, day: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For each row: sums over rows of the same group with a strictly earlier `day`."""
    n = len(group)
    order = np.lexsort((day, group))
    g, d, v = group[order], day[order], values[order]
    cs = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(v, axis=0)])
    idx = np.arange(n)
    new_group = np.r_[True, g[1:] != g[:-1]]
    new_block = new_group | np.r_[True, d[1:] != d[:-1]]
    group_start = np.maximum.accumulate(np.where(new_group, idx, 0))
    block_start = np.maximum.accumulate(np.where(new_block, idx, 0))
    sorted_out = cs[block_start] - cs[group_start]
    out = np.empty_like(sorted_out)
    out[order] = sorted_out
    return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.maximum(den, 1e-12), np.nan)


def history_features(
    prefix: str, sums: np.ndarray, size: np.ndarray, resid: np.ndarray,
    prior: tuple[float, float], strength: float,
) -> dict[str, np.ndarray]:
    """Smoothed rates and size-relative features from history sums of one row each."""
    c = {name: sums[:, i] for i, name in enumerate(VALUE_NAMES)}
    n = c["cnt"]
    p_small = (c["small"] + strength * prior[0]) / (n + strength)
    p_large = (c["large"] + strength * prior[1]) / (n + strength)
    mean_size = _ratio(c["size"], n)
    fit_size = _ratio(c["fit_size"], c["fit_n"])
    return {
        f"{prefix}_n": n,
        f"{prefix}_p_small": p_small,
        f"{prefix}_p_large": p_large,
        f"{prefix}_bias": p_large - p_small,
        f"{prefix}_d_size": size - mean_size,
        f"{prefix}_d_fit_size": size - fit_size,
        f"{prefix}_d_implied": size - _ratio(c["implied"], n),
        f"{prefix}_d_resid": resid - _ratio(c["resid"], c["resid_n"]),
        f"{prefix}_d_fit_resid": resid - _ratio(c["fit_resid"], c["fit_resid_n"]),
    }
