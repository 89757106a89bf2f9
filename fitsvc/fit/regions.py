"""Region notes in feedback ("waist: tight", "sleeve: long") → learned per-region corrections.

A note says the garment's effective size in one region was below (tight/short) or above
(loose/long) what the wearer wanted, by about one tolerance unit of that region (see
`ease.TOLERANCE`). Notes accumulate into three kinds of shrunken corrections, in cm, added to
the excess (ease − target ease) of that region:
- per item: "this item's waist runs small" (all wearers), from every note on the item;
- per customer: "she likes more room at the hip", from the customer's notes on any item;
- per item size: "the L's waist is cut small", from what the notes on one size say beyond the
  item's average note (shrunk harder: one badly graded size is rarer than a whole item off).
Each is ``tolerance × Σ signal / (n + strength)``, so one note moves a region by at most a
fraction of a unit and many agreeing notes approach one unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from fitsvc.errors import ServiceError
from fitsvc.fit.ease import REGIONS, TOLERANCE

NOTE_SIGNAL: dict[str, int] = {
    "tight": -1, "small": -1, "short": -1,
    "ok": 0, "fit": 0, "fits": 0, "good": 0,
    "loose": 1, "large": 1, "long": 1,
}
STRENGTH = 3.0  # pseudo-notes of "ok" each correction is shrunk towards
SIZE_STRENGTH = 6.0  # the same for what one size says beyond the item's average note
RegionOffsets = dict[str, dict[str, float]]
SizeRegionOffsets = dict[str, RegionOffsets]  # item -> size -> region -> cm


def check_region_notes(raw: dict[str, Any] | None) -> dict[str, str]:
    """Validate ``{region: note}``; 422 ``invalid_region_note`` naming every bad entry."""
    out: dict[str, str] = {}
    bad: list[dict[str, str]] = []
    for region, note in (raw or {}).items():
        r, n = str(region).strip().lower(), str(note).strip().lower()
        if r not in REGIONS:
            bad.append({"field": str(region), "code": "unknown_region",
                        "message": f"regions are {', '.join(REGIONS)}"})
        elif n not in NOTE_SIGNAL:
            bad.append({"field": str(region), "code": "unknown_note",
                        "message": f"notes are {', '.join(sorted(NOTE_SIGNAL))}"})
        else:
            out[r] = n
    if bad:
        raise ServiceError("some region notes are invalid", code="invalid_region_note",
                           status=422, details={"errors": bad},
                           hint='Send e.g. {"waist": "tight", "sleeve": "long"}.')
    return out


def learn_region_offsets(rows: Iterable[tuple[str, str, dict[str, str]]],
                         strength: float = STRENGTH) -> tuple[RegionOffsets, RegionOffsets]:
    """(item → region → cm, customer → region → cm) from (item, customer, notes) rows."""
    sums: dict[str, dict[tuple[str, str], list[float]]] = {
        "item": defaultdict(lambda: [0.0, 0.0]), "customer": defaultdict(lambda: [0.0, 0.0])}
    for item, customer, notes in rows:
        for region, note in (notes or {}).items():
            if region not in TOLERANCE or note not in NOTE_SIGNAL:
                continue  # stored before validation existed; ignore, never fail a retrain
            for kind, key in (("item", item), ("customer", customer)):
                acc = sums[kind][(key, region)]
                acc[0] += NOTE_SIGNAL[note]
                acc[1] += 1.0
    out: tuple[RegionOffsets, RegionOffsets] = ({}, {})
    for target, kind in zip(out, ("item", "customer"), strict=True):
        for (key, region), (total, n) in sums[kind].items():
            cm = TOLERANCE[region] * total / (n + strength)
            if abs(cm) >= 0.05:
                target.setdefault(key, {})[region] = round(cm, 2)
    return out


def learn_size_region_offsets(rows: Iterable[tuple[str, str, dict[str, str]]],
                              strength: float = SIZE_STRENGTH) -> SizeRegionOffsets:
    """item → size → region → cm from (item, size, notes) rows: each note's signal minus the
    mean signal of that item's notes on the region, summed per size and shrunk."""
    notes_by: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for item, size, notes in rows:
        for region, note in (notes or {}).items():
            if region in TOLERANCE and note in NOTE_SIGNAL:
                notes_by[(item, size, region)].append(NOTE_SIGNAL[note])
    item_sum: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (item, _, region), signals in notes_by.items():
        item_sum[(item, region)][0] += sum(signals)
        item_sum[(item, region)][1] += len(signals)
    out: SizeRegionOffsets = {}
    for (item, size, region), signals in notes_by.items():
        total, n = item_sum[(item, region)]
        beyond = sum(signals) - len(signals) * total / n
        cm = TOLERANCE[region] * beyond / (len(signals) + strength)
        if abs(cm) >= 0.05:
            out.setdefault(item, {}).setdefault(size, {})[region] = round(cm, 2)
    return out


def combined(item_offsets: RegionOffsets, customer_offsets: RegionOffsets, item_id: str,
             customer_id: str | None, size_offsets: SizeRegionOffsets | None = None,
             size: str | None = None) -> dict[str, float]:
    """Region corrections (cm) for one item (in one size) worn by one customer."""
    out = dict(item_offsets.get(item_id, {}))
    extra = (customer_offsets.get(customer_id or "", {}),
             (size_offsets or {}).get(item_id, {}).get(size or "", {}))
    for part in extra:
        for region, cm in part.items():
            out[region] = out.get(region, 0.0) + cm
    return out


def region_advice(item_offsets: dict[str, float], threshold: float = 0.4) -> dict[str, str]:
    """Per region: "runs_small" / "runs_large" when the learned correction is ≥ 0.4 unit."""
    out = {}
    for region, cm in item_offsets.items():
        u = cm / TOLERANCE[region]
        if u <= -threshold:
            out[region] = "runs_small"
        elif u >= threshold:
            out[region] = "runs_large"
    return out
