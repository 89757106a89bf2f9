"""Fit the storefront model family on RTR: slope, thresholds and the item-offset prior.

RTR has no garment measurements, so only what does not need them is learned here: the
thresholds (how often a customer's own size choice runs small / large) and the spread of
per-item offsets (how much items run small or large), which sets `item_prior_sd`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from fitsvc.fit.calibration import report
from fitsvc.fit.model import DEFAULT_PARAMS
from fitsvc.fit.offsets import Observations, fit_offsets, proba, recalibrate
from fitsvc.fit.rtr import RtrTable


def _user_fit_size(t: RtrTable, hist: np.ndarray) -> np.ndarray:
    """Mean size of the user's *other* history rows labelled fit (NaN when none)."""
    assert t.y is not None
    fit = (t.y == 1) & hist & np.isfinite(t.num["size"])
    ids, inv = np.unique(t.user, return_inverse=True)
    s = np.bincount(inv, np.where(fit, t.num["size"], 0.0), len(ids))
    c = np.bincount(inv, fit.astype(float), len(ids))
    own_s = np.where(fit, t.num["size"], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (s[inv] - own_s) / (c[inv] - fit)


def size_offset_table(t: RtrTable) -> list[dict[str, float]]:
    """P(small), P(large) by x = size − the customer's usual fit size (on other rentals)."""
    assert t.y is not None
    x = t.num["size"] - _user_fit_size(t, np.ones(t.n, bool))
    out = []
    for lo, hi in ((-99, -4), (-4, -1), (-1, -0.01), (-0.01, 0.01), (0.01, 1), (1, 4), (4, 99)):
        m = (x >= lo) & (x < hi)
        out.append({"x_from": lo, "x_to": hi, "n": int(m.sum()),
                    "p_small": round(float(np.mean(t.y[m] == 0)), 3),
                    "p_large": round(float(np.mean(t.y[m] == 2)), 3)})
    return out


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def calibrate(t: RtrTable, seed: int = 42) -> dict[str, Any]:
    """Thresholds from RTR base rates, item-offset prior from RTR items (random 80/20 split).

    With no garment data every RTR row sits at z = 0 (the customer's own size choice), so
    the thresholds make P(small), P(large) at target ease equal RTR's rates; items then
    shift z by their learned offset. The slope stays the rules value (RTR cannot give it:
    see `size_offset_table`, where renting above one's usual size goes with *more* "small").
    """
    assert t.y is not None
    y = t.y
    test = np.random.default_rng(seed).random(t.n) < 0.2
    y_tr = y[~test]
    params = dict(DEFAULT_PARAMS)
    a = params["slope"]
    p_s, p_l = float(np.mean(y_tr == 0)), float(np.mean(y_tr == 2))
    params["theta_small"] = _logit(p_s) / a
    params["theta_large"] = -_logit(p_l / (1 - p_s)) / a
    item = t.item.astype(str).astype(object)

    def obs(m: np.ndarray) -> Observations:
        z = np.zeros(int(m.sum()))
        return Observations(item=item[m], customer=np.zeros(len(z), dtype=object),
                            z_min=z, z_mean=z, y=y[m])

    o_tr = obs(~test)
    counts = dict(zip(*np.unique(o_tr.item, return_counts=True), strict=True))
    for _ in range(2):  # empirical-Bayes style: prior sd from well-observed items
        items = fit_offsets(o_tr, {**params, "customer_prior_sd": 1e-3}, rounds=1).items
        well = [v for k, v in items.items() if counts.get(k, 0) >= 50]
        params["item_prior_sd"] = float(np.std(well)) if len(well) > 10 else 0.5
    # recalibrate slope/thresholds given the offsets, then rescale so the slope keeps its
    # rules value (the cm scale of ease) and offsets/thresholds absorb the factor
    off_tr = np.array([items.get(i, 0.0) for i in o_tr.item])
    fitted = recalibrate(o_tr, params, off_tr, min_rows=0)
    k = fitted["slope"] / params["slope"]
    params["theta_small"] = fitted["theta_small"] * k
    params["theta_large"] = fitted["theta_large"] * k
    params["item_prior_sd"] *= k
    o_ts = obs(test)
    off_ts = k * np.array([items.get(i, 0.0) for i in o_ts.item])
    p = proba(params, o_ts.z_min + off_ts, o_ts.z_mean + off_ts)
    return {
        "params": {k: round(float(v), 4) for k, v in params.items()},
        "rtr_random_split_item_offsets_only": report(p, o_ts.y),
        "size_offset_table": size_offset_table(t),
        "n_items_with_offsets": len(items),
    }
