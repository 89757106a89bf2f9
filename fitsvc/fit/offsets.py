"""Learning from feedback: shrunken per-item, per-item-size and per-customer offsets; recalibration.

Each feedback row gives latent scores (z_min, z_mean) from the body, the item chart and the
size worn, and an outcome (0 small, 1 fit, 2 large, 3 returned without a direction: its
likelihood is P(small) + P(large), so returns push an offset the way the directed feedback of
that item or customer already points, and lower P(fit) overall when thresholds are refitted).
Offsets are MAP estimates under a N(0, sd²) prior (item_prior_sd / customer_prior_sd), so a
few rows move them only a little. With the size worn known, each item also gets per-size
deviations from its own offset (size_prior_sd, smaller: a chart graded badly at one size).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from scipy.optimize import minimize


@dataclass
class Observations:
    item: np.ndarray  # str ids
    customer: np.ndarray
    z_min: np.ndarray
    z_mean: np.ndarray
    y: np.ndarray  # 0 small, 1 fit, 2 large, 3 returned (not fit, direction unknown)
    size: np.ndarray | None = None  # size worn (str); None: no per-size offsets


class Offsets(NamedTuple):
    items: dict[str, float]
    customers: dict[str, float]
    sizes: dict[str, dict[str, float]]  # item -> size -> deviation from the item offset


RETURNED = 3


def _sig(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(x, -40, 40))))


def proba(params: dict[str, float], z_min: np.ndarray, z_mean: np.ndarray) -> np.ndarray:
    """(n, 3) probabilities of small / fit / large (vectorised FitModel.proba_from_latent)."""
    a = params["slope"]
    ps = _sig(a * (params["theta_small"] - z_min))
    pl = (1 - ps) * _sig(a * (z_mean - params["theta_large"]))
    return np.column_stack([ps, 1 - ps - pl, pl])


def loglik(params: dict[str, float], z_min: np.ndarray, z_mean: np.ndarray,
           y: np.ndarray) -> np.ndarray:
    p = proba(params, z_min, z_mean)
    p = np.column_stack([p, p[:, 0] + p[:, 2]])  # column 3: returned = not fit
    return np.asarray(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1.0)))


def _group_step(ids: np.ndarray, obs: Observations, params: dict[str, float],
                other: np.ndarray, current: dict[str, float], sd: float) -> dict[str, float]:
    """Newton steps for the offsets of one kind of group, the other offsets held fixed."""
    keys, inv = np.unique(ids, return_inverse=True)
    delta = np.array([current.get(str(k), 0.0) for k in keys])
    h = 1e-3
    for _ in range(8):
        off = delta[inv] + other
        lp = loglik(params, obs.z_min + off + h, obs.z_mean + off + h, obs.y)
        l0 = loglik(params, obs.z_min + off, obs.z_mean + off, obs.y)
        lm = loglik(params, obs.z_min + off - h, obs.z_mean + off - h, obs.y)
        g = np.bincount(inv, (lp - lm) / (2 * h), len(keys)) - delta / sd**2
        hess = np.bincount(inv, (lp - 2 * l0 + lm) / h**2, len(keys)) - 1.0 / sd**2
        step = np.clip(-g / np.minimum(hess, -1e-6), -1.0, 1.0)
        delta = delta + step
        if np.max(np.abs(step)) < 1e-4:
            break
    return {str(k): float(round(d, 5)) for k, d in zip(keys, delta, strict=True)
            if abs(d) > 1e-5}


def _rows(obs: Observations, keep: np.ndarray) -> Observations:
    return Observations(obs.item[keep], obs.customer[keep], obs.z_min[keep], obs.z_mean[keep],
                        obs.y[keep], None if obs.size is None else obs.size[keep])


_SEP = "\x1f"  # joins item and size ids into one group key


def size_groups(obs: Observations) -> np.ndarray:
    assert obs.size is not None
    return np.array([f"{i}{_SEP}{s}" for i, s in zip(obs.item, obs.size, strict=True)],
                    dtype=object)


def size_offset_of(sizes: dict[str, dict[str, float]], item: np.ndarray,
                   size: np.ndarray | None) -> np.ndarray:
    if size is None:
        return np.zeros(len(item))
    return np.array([sizes.get(str(i), {}).get(str(s), 0.0)
                     for i, s in zip(item, size, strict=True)])


def fit_offsets(obs: Observations, params: dict[str, float], rounds: int = 3) -> Offsets:
    """Alternating MAP estimates of item, item × size and customer offsets.

    The likelihood of a return is bimodal in the offset (too small or too large), so the
    search starts from the offsets of the directed rows alone: returns then strengthen the
    direction the item's and customer's directed feedback points to.
    """
    start = Offsets({}, {}, {})
    directed = obs.y != RETURNED
    if directed.any() and not directed.all():
        start = fit_offsets(_rows(obs, directed), params, rounds)
    items, customers = start.items, start.customers
    flat = {f"{i}{_SEP}{s}": v for i, d in start.sizes.items() for s, v in d.items()}
    keys = size_groups(obs) if obs.size is not None else None
    size_sd = params.get("size_prior_sd", 0.3)

    def look(table: dict[str, float], ids: np.ndarray) -> np.ndarray:
        return np.array([table.get(str(k), 0.0) for k in ids])

    for _ in range(rounds):
        s_off = look(flat, keys) if keys is not None else np.zeros(len(obs.y))
        items = _group_step(obs.item, obs, params, look(customers, obs.customer) + s_off,
                            items, params["item_prior_sd"])
        if keys is not None:
            flat = _group_step(keys, obs, params, look(items, obs.item)
                               + look(customers, obs.customer), flat, size_sd)
            s_off = look(flat, keys)
        customers = _group_step(obs.customer, obs, params, look(items, obs.item) + s_off,
                                customers, params["customer_prior_sd"])
    sizes: dict[str, dict[str, float]] = {}
    for k, v in flat.items():
        item, size = k.split(_SEP, 1)
        sizes.setdefault(item, {})[size] = v
    return Offsets(items, customers, sizes)


def recalibrate(obs: Observations, params: dict[str, float], offsets: np.ndarray,
                min_rows: int = 300) -> dict[str, float]:
    """Refit slope and thresholds by maximum likelihood when there is enough feedback."""
    if len(obs.y) < min_rows or len(np.intersect1d(obs.y, [0, 1, 2])) < 3:
        return dict(params)

    def nll(theta: np.ndarray) -> float:
        p = {**params, "slope": float(np.exp(theta[0])), "theta_small": float(theta[1]),
             "theta_large": float(theta[1] + np.exp(theta[2]))}
        return -float(np.mean(loglik(p, obs.z_min + offsets, obs.z_mean + offsets, obs.y)))

    gap = max(params["theta_large"] - params["theta_small"], 1e-3)
    x0 = np.array([np.log(params["slope"]), params["theta_small"], np.log(gap)])
    res = minimize(nll, x0, method="L-BFGS-B")
    return {**params, "slope": float(np.exp(res.x[0])), "theta_small": float(res.x[1]),
            "theta_large": float(res.x[1] + np.exp(res.x[2]))}
