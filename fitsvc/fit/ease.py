"""Cold-start ease rules: target ease (garment − body, cm) by category, fit intent and stretch.

These are rules, not learned: values follow common pattern-making ease tables (wearing ease
for woven garments; negative ease allowed for stretch knits). Regions are the garment
measurements a size chart may give; each maps to the body measurement a scan returns.
"""

from __future__ import annotations

from functools import lru_cache

REGIONS = ("chest", "waist", "hip", "inseam", "sleeve", "length")
# scan names first; aliases accepted from clients
BODY_NAMES: dict[str, tuple[str, ...]] = {
    "chest": ("chest_girth", "bust_girth", "chest"),
    "waist": ("waist_girth", "waist"),
    "hip": ("hip_girth", "seat_girth", "hip"),
    "inseam": ("inside_leg", "inseam", "crotch_height"),
    "sleeve": ("arm_length", "sleeve_length", "sleeve"),
    "length": ("back_length", "torso_length", "length"),
}
FIT_INTENTS = ("slim", "regular", "relaxed")
STRETCH = ("none", "low", "high")

# regions that matter per category family (others in the chart are ignored)
CATEGORY_REGIONS: dict[str, tuple[str, ...]] = {
    "top": ("chest", "waist", "sleeve"),
    "shirt": ("chest", "waist", "sleeve"),
    "jacket": ("chest", "waist", "sleeve"),
    "coat": ("chest", "waist", "sleeve"),
    "dress": ("chest", "waist", "hip"),
    "jumpsuit": ("chest", "waist", "hip", "inseam"),
    "trousers": ("waist", "hip", "inseam"),
    "jeans": ("waist", "hip", "inseam"),
    "skirt": ("waist", "hip"),
}
# base wearing ease for a regular woven fit (cm)
BASE_EASE: dict[str, dict[str, float]] = {
    "top": {"chest": 10.0, "waist": 10.0, "sleeve": 2.0},
    "shirt": {"chest": 12.0, "waist": 12.0, "sleeve": 3.0},
    "jacket": {"chest": 14.0, "waist": 12.0, "sleeve": 4.0},
    "coat": {"chest": 18.0, "waist": 16.0, "sleeve": 5.0},
    "dress": {"chest": 8.0, "waist": 5.0, "hip": 6.0},
    "jumpsuit": {"chest": 8.0, "waist": 5.0, "hip": 8.0, "inseam": 0.0},
    "trousers": {"waist": 2.0, "hip": 6.0, "inseam": 0.0},
    "jeans": {"waist": 1.0, "hip": 3.0, "inseam": 0.0},
    "skirt": {"waist": 2.0, "hip": 5.0},
}
INTENT_FACTOR = {"slim": 0.5, "regular": 1.0, "relaxed": 1.6}
# stretch lets a garment be smaller than the body: cm of negative ease tolerated per 100 cm
STRETCH_ALLOWANCE = {"none": 0.0, "low": 3.0, "high": 8.0}
LENGTH_REGIONS = ("inseam", "sleeve", "length")
# how many cm of deviation count as one unit of misfit, per region (girths wider than lengths)
TOLERANCE = {"chest": 4.0, "waist": 4.0, "hip": 4.0, "inseam": 3.0, "sleeve": 3.0, "length": 4.0}


@lru_cache(maxsize=4096)
def category_family(category: str) -> str:
    """Map a free category name (RTR-like or shop-specific) to a rules family."""
    c = category.strip().lower()
    for fam, words in (
        ("jeans", ("jean", "denim")), ("trousers", ("trouser", "pant", "legging", "culotte")),
        ("skirt", ("skirt",)), ("jumpsuit", ("jumpsuit", "romper", "overall")),
        ("coat", ("coat", "parka", "trench")), ("jacket", ("jacket", "blazer", "vest")),
        ("shirt", ("shirt", "blouse")),
        ("top", ("top", "tee", "sweater", "knit", "cardigan", "hoodie", "tunic", "pullover")),
    ):
        if any(w in c for w in words):
            return fam
    return "dress"  # dress, gown, sheath, shift, maxi, ...


def target_ease(category: str, intent: str, stretch: str, region: str,
                body_cm: float) -> float:
    """Target ease (cm) for one region; girths shrink with stretch, lengths do not."""
    fam = category_family(category)
    base = BASE_EASE[fam].get(region, 0.0)
    if region in LENGTH_REGIONS:
        return base
    ease = base * INTENT_FACTOR.get(intent, 1.0)
    return ease - STRETCH_ALLOWANCE.get(stretch, 0.0) * body_cm / 100.0


@lru_cache(maxsize=4096)
def region_plan(category: str, intent: str, stretch: str
                ) -> tuple[tuple[str, float, float, tuple[str, ...]], ...]:
    """Per region: (name, base target ease, stretch cm per body cm, body names) — cached.

    target_ease(region, body) == base − coef · body, precomputed for speed.
    """
    plan = []
    for region in regions_for(category):
        base = target_ease(category, intent, stretch, region, 0.0)
        coef = base - target_ease(category, intent, stretch, region, 100.0)
        plan.append((region, base, coef / 100.0, BODY_NAMES[region]))
    return tuple(plan)


@lru_cache(maxsize=4096)
def regions_for(category: str) -> tuple[str, ...]:
    return CATEGORY_REGIONS[category_family(category)]


def body_value(measurements: dict[str, float], region: str) -> float | None:
    """The body measurement (cm) for a garment region, from scan-style names or aliases."""
    for name in BODY_NAMES[region]:
        v = measurements.get(name)
        if v is not None:
            return float(v)
    return None
