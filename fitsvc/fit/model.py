"""Storefront fit model: body measurements + item size chart + size → P(small / fit / large).

Shape: for each region the chart and the body share, excess = (garment − body) − target ease
(cm), in tolerance units u. Two latent scores: the most constraining region (min u) drives
"too small", the mean over regions drives "too large"; both are shifted by per-item,
per-item-size and per-customer offsets learned from feedback (shrunken MAP, `offsets.py`).
  P(small) = σ(a·(θs − z_min)),  P(large | not small) = σ(a·(z_mean − θl)).
Slope/thresholds/offset priors come from the RTR calibration (see MODEL_CARD.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from fitsvc.fit.ease import TOLERANCE, region_plan
from fitsvc.fit.regions import combined

DEFAULT_PARAMS: dict[str, float] = {
    "slope": 2.0, "theta_small": -0.6, "theta_large": 1.4,
    "item_prior_sd": 0.5, "customer_prior_sd": 0.5, "size_prior_sd": 0.3,
    "recommend_tau": -0.15,
}


@dataclass
class Item:
    """A catalog item as the model sees it; `chart[size][region]` in cm, sizes in order."""

    id: str
    category: str
    fit_intent: str = "regular"
    stretch: str = "none"
    chart_kind: str = "garment"  # garment | body
    sizes: list[str] = field(default_factory=list)
    chart: dict[str, dict[str, float]] = field(default_factory=dict)


def _sigmoid(x: float) -> float:
    x = max(-40.0, min(40.0, x))
    return 1.0 / (1.0 + math.exp(-x))


@dataclass
class SizeFit:
    size: str
    p_small: float
    p_fit: float
    p_large: float
    ease: dict[str, float]
    excess: dict[str, float]

    @property
    def score(self) -> float:
        """Expected direction: > 0 leans large, < 0 leans small."""
        return self.p_large - self.p_small


def region_excess(body: dict[str, float], item: Item, size: str,
                  adjust: dict[str, float] | None = None
                  ) -> tuple[dict[str, float], dict[str, float], list[str]]:
    """Ease (garment − body) and excess over target ease per region; missing body regions.

    ``adjust`` (cm per region) is a learned correction from region notes (`regions.py`): it
    shifts the excess, not the chart ease, so reasons say "waist 2 cm tight" for an item
    whose waist runs small even where its chart says otherwise.
    """
    ease, excess, missing = {}, {}, []
    row = item.chart.get(size, {})
    for region, base, coef, names in region_plan(item.category, item.fit_intent, item.stretch):
        if region not in row:
            continue
        b = next((body[n] for n in names if n in body), None)
        if b is None:
            missing.append(region)
            continue
        target = base - coef * b
        garment = row[region] + target if item.chart_kind == "body" else row[region]
        ease[region] = garment - b
        excess[region] = ease[region] - target + (adjust or {}).get(region, 0.0)
    return ease, excess, missing


def body_plan(body: dict[str, float], item: Item) -> list[tuple[str, float, float]]:
    """Per region of the item's category with a body value: (region, body cm, target ease)."""
    out = []
    for region, base, coef, names in region_plan(item.category, item.fit_intent, item.stretch):
        b = next((body[n] for n in names if n in body), None)
        if b is not None:
            out.append((region, b, base - coef * b))
    return out


class FitModel:
    """Scikit-learn style: params in `__init__`; `fit(observations)` learns offsets.

    ``item_regions_`` / ``customer_regions_`` / ``size_regions_`` (region → cm) come from
    region notes (`regions.py`) and are set by the registry before `fit`.
    """

    item_offsets_: dict[str, float]
    customer_offsets_: dict[str, float]
    size_offsets_: dict[str, dict[str, float]]  # item -> size -> deviation from item offset
    item_regions_: dict[str, dict[str, float]]
    customer_regions_: dict[str, dict[str, float]]
    size_regions_: dict[str, dict[str, dict[str, float]]]  # item -> size -> region -> cm

    def __init__(self, params: dict[str, float] | None = None) -> None:
        self.params = params

    def fit(self, obs: Any, recalibrate: bool = True) -> FitModel:
        """Learn shrunken item / item-size / customer offsets (and, with enough rows,
        slope/thresholds)."""
        from fitsvc.fit import offsets as off

        found = off.fit_offsets(obs, self.p)
        o = off.size_offset_of(found.sizes, obs.item, obs.size) + [
            found.items.get(i, 0.0) + found.customers.get(c, 0.0)
            for i, c in zip(obs.item, obs.customer, strict=True)]
        if recalibrate:
            self.params = off.recalibrate(obs, self.p, o)
        self.item_offsets_, self.customer_offsets_ = found.items, found.customers
        self.size_offsets_ = found.sizes
        return self

    @property
    def p(self) -> dict[str, float]:
        return {**DEFAULT_PARAMS, **(self.params or {})}

    def offset(self, item_id: str, customer_id: str | None, size: str | None = None) -> float:
        item = getattr(self, "item_offsets_", {}).get(item_id, 0.0)
        cust = getattr(self, "customer_offsets_", {}).get(customer_id or "", 0.0)
        per_size = getattr(self, "size_offsets_", {}).get(item_id, {}).get(size or "", 0.0)
        return float(item + cust + per_size)

    def region_adjust(self, item_id: str, customer_id: str | None,
                      size: str | None = None) -> dict[str, float]:
        return combined(getattr(self, "item_regions_", {}),
                        getattr(self, "customer_regions_", {}), item_id, customer_id,
                        getattr(self, "size_regions_", {}), size)

    def latent(self, excess: dict[str, float]) -> tuple[float, float]:
        u = [v / TOLERANCE[r] for r, v in excess.items()]
        return min(u), sum(u) / len(u)

    def proba_from_latent(self, z_min: float, z_mean: float,
                          p: dict[str, float] | None = None) -> tuple[float, float, float]:
        p = p or self.p
        p_small = _sigmoid(p["slope"] * (p["theta_small"] - z_min))
        p_large = (1.0 - p_small) * _sigmoid(p["slope"] * (z_mean - p["theta_large"]))
        return p_small, 1.0 - p_small - p_large, p_large

    def predict_size(self, body: dict[str, float], item: Item, size: str,
                     customer_id: str | None = None) -> SizeFit | None:
        """Probabilities for one size; None when no region can be compared."""
        return self._size_fit(body, item, size, self._learned(item.id, customer_id), self.p)

    def _learned(self, item_id: str, customer_id: str | None) -> _Learned:
        """What was learned for this item and customer, looked up once for all its sizes."""
        return _Learned(
            combined(getattr(self, "item_regions_", {}), getattr(self, "customer_regions_", {}),
                     item_id, customer_id),
            getattr(self, "item_offsets_", {}).get(item_id, 0.0)
            + getattr(self, "customer_offsets_", {}).get(customer_id or "", 0.0),
            getattr(self, "size_regions_", {}).get(item_id, {}),
            getattr(self, "size_offsets_", {}).get(item_id, {}))

    def _size_fit(self, body: dict[str, float], item: Item, size: str, learned: _Learned,
                  p: dict[str, float], plan: list[tuple[str, float, float]] | None = None
                  ) -> SizeFit | None:
        """``predict_size`` with the per-item lookups done (``plan``: ``body_plan``'s)."""
        # the same sums, in the same order, as region_adjust() and offset() for this size
        adjust = learned.regions
        if extra := learned.size_regions.get(size):
            adjust = dict(adjust)
            for region, cm in extra.items():
                adjust[region] = adjust.get(region, 0.0) + cm
        row = item.chart.get(size, {})
        ease, excess, units = {}, {}, []
        body_chart = item.chart_kind == "body"
        for region, b, target in plan if plan is not None else body_plan(body, item):
            if region in row:  # what region_excess() and latent() compute, inlined
                garment = row[region] + target if body_chart else row[region]
                e = ease[region] = garment - b
                x = excess[region] = e - target + adjust.get(region, 0.0)
                units.append(x / TOLERANCE[region])
        if not excess:
            return None
        off = float(learned.offset + learned.size_offsets.get(size, 0.0))
        ps, pf, pl = self.proba_from_latent(min(units) + off, sum(units) / len(units) + off, p)
        return SizeFit(size, ps, pf, pl, ease, excess)

    def recommend(self, body: dict[str, float], item: Item,
                  customer_id: str | None = None) -> dict[str, Any]:
        """Per-size fits and the recommended size (first size leaning not-small)."""
        p, learned = self.p, self._learned(item.id, customer_id)  # once per item
        plan = body_plan(body, item)
        fits = [self._size_fit(body, item, s, learned, p, plan) for s in item.sizes]
        if any(f is None for f in fits) or not fits:
            _, _, missing = region_excess(body, item, item.sizes[0]) if item.sizes else ({}, {},
                                                                                       [])
            return {"status": "missing_measurement" if missing else "no_comparable_region",
                    "missing": missing}
        sized = [f for f in fits if f is not None]
        tau = p["recommend_tau"]
        idx = next((i for i, f in enumerate(sized) if f.score >= tau), len(sized) - 1)
        return {"status": "ok", "index": idx, "fits": sized}


class _Learned(NamedTuple):
    regions: dict[str, float]  # item + customer region corrections (cm)
    offset: float  # item + customer offset
    size_regions: dict[str, dict[str, float]]  # size → region → cm
    size_offsets: dict[str, float]  # size → offset


def reasons(fit: SizeFit, threshold_cm: float = 1.0) -> list[str]:
    """Short human reasons: "waist 2 cm tight", "hip 5 cm loose" (relative to target ease)."""
    out = []
    for region, ex in sorted(fit.excess.items(), key=lambda kv: kv[1]):
        if ex <= -threshold_cm:
            out.append(f"{region} {round(-ex):d} cm tight")
        elif ex >= TOLERANCE[region] * 1.5:
            out.append(f"{region} {round(ex):d} cm loose")
    return out
