"""Measurements that agree with each other and with human bodies, or a clear refusal.

- **Range**: every value must lie in a generous adult range (ANSUR II's extremes widened
  for the general population: girths ×0.75 … ×1.45, lengths ×0.85 … ×1.12). A value
  outside it is not a body measurement but a misreading, and the scan is refused
  (``implausible_measurements``).
- **Order**: pairs that cannot cross in any body (ANSUR II minimum gap in brackets): neck
  base ≥ neck (0.2), hip ≥ thigh + 15 (30), chest ≥ neck base + 25 (37), waist height ≥
  inside leg + 5 (12), stature ≥ cervicale height + 12 (19), cervicale ≥ waist height + 25
  (35), inside leg ≥ knee height + 15 (26), calf ≥ ankle + 5 (10), forearm ≥ wrist + 4 (7),
  thigh ≥ lower thigh + 5 (11), bideltoid ≥ biacromial breadth (1.6).
- **Sum**: arm length = upper arm + forearm length − 1.0 cm ± 3.5 (ANSUR II: −0.97 ± 0.83,
  99 % within −3.4 … 1.2).

A crossed pair is pulled together, each value moving in proportion to its interval width
(the better-known one moves least); a sum that does not add up scales the two segment
lengths to the arm length. Intervals are widened to keep the value first estimated; the
warning ``adjusted_for_consistency:…`` names the pair.
"""

from __future__ import annotations

from fitsvc.errors import PhotoRejected
from fitsvc.measure.definitions import MEASUREMENTS
from fitsvc.measure.estimator import Estimate

ORDER = (("neck_base_girth", "neck_girth", 0.0), ("hip_girth", "thigh_girth", 15.0),
         ("chest_girth", "neck_base_girth", 25.0), ("waist_height", "inside_leg", 5.0),
         ("stature", "cervicale_height", 12.0), ("cervicale_height", "waist_height", 25.0),
         ("inside_leg", "knee_height", 15.0), ("calf_girth", "ankle_girth", 5.0),
         ("forearm_girth", "wrist_girth", 4.0), ("thigh_girth", "lower_thigh_girth", 5.0),
         ("bideltoid_breadth", "shoulder_width", 0.0))
ARM_SUM_OFFSET, ARM_SUM_TOL = -1.0, 3.5
ANSUR_RANGE = {  # ANSUR II min / max, cm
    "stature": (140.9, 199.3), "chest_girth": (69.5, 146.9), "waist_girth": (61.1, 137.9),
    "hip_girth": (73.7, 134.1), "neck_girth": (27.5, 51.4), "neck_base_girth": (30.2, 54.5),
    "shoulder_width": (28.3, 48.9), "arm_length": (41.0, 70.9), "inside_leg": (61.0, 103.1),
    "thigh_girth": (41.2, 87.0), "upper_arm_girth": (21.6, 49.0), "forearm_girth": (20.0, 40.2),
    "wrist_girth": (12.4, 21.6), "calf_girth": (26.6, 52.3), "ankle_girth": (15.6, 29.3),
    "head_girth": (50.0, 63.5), "shoulder_girth": (85.2, 141.3), "lower_thigh_girth": (29.0, 60.0),
    "back_waist_length": (34.5, 59.8), "waist_height": (80.5, 124.5), "crotch_length": (47.3, 79.9),
    "shoulder_length": (10.7, 18.5), "across_back": (30.6, 57.7),
    "sleeve_length_spine_wrist": (63.6, 105.8), "upper_arm_length": (24.9, 39.3),
    "forearm_length": (16.9, 32.8), "knee_height": (34.6, 61.2), "cervicale_height": (118.4, 173.8),
    "bideltoid_breadth": (35.7, 63.7)}


def plausible_range(name: str) -> tuple[float, float]:
    lo, hi = ANSUR_RANGE[name]
    if MEASUREMENTS[name]["kind"] == "girth":
        return 0.75 * lo, 1.45 * hi
    return 0.85 * lo, 1.12 * hi


def check_ranges(m: dict[str, Estimate], names: tuple[str, ...] | None = None) -> None:
    """Refuse a scan whose (photo) measurements are outside any adult's range."""
    bad = []
    for name in names or tuple(m):
        if name in m and name in ANSUR_RANGE:
            lo, hi = plausible_range(name)
            if not lo <= m[name].value_cm <= hi:
                bad.append(f"{name} {m[name].value_cm:.1f} cm")
    if bad:
        raise PhotoRejected(
            f"the photos gave measurements no adult body has ({', '.join(bad)})",
            code="implausible_measurements",
            hint="Check the height you typed, then retake the photos: whole body in view, "
                 "standing straight, tight clothes, one person only.",
            details={"reason": "out_of_human_range", "measurements": bad})


def _pull(a: Estimate, b: Estimate, gap: float) -> tuple[Estimate, Estimate]:
    """Move a and b so that a − b = gap, each in proportion to its interval width."""
    wa, wb = a.high_cm - a.low_cm, b.high_cm - b.low_cm
    share = wa / (wa + wb) if wa + wb > 0 else 0.5
    miss = gap - (a.value_cm - b.value_cm)
    va, vb = a.value_cm + share * miss, b.value_cm - (1 - share) * miss
    return (Estimate(round(va, 2), round(min(a.low_cm, va), 2), round(max(a.high_cm, va), 2)),
            Estimate(round(vb, 2), round(min(b.low_cm, vb), 2), round(max(b.high_cm, vb), 2)))


def make_consistent(m: dict[str, Estimate]) -> tuple[dict[str, Estimate], list[str]]:
    """Measurements with crossed pairs pulled together, and one warning per adjusted pair."""
    out, warnings = dict(m), []
    for a, b, gap in ORDER:
        if a in out and b in out and out[a].value_cm - out[b].value_cm < gap:
            out[a], out[b] = _pull(out[a], out[b], gap)
            warnings.append(f"adjusted_for_consistency:{a}>{b}")
    parts = ("upper_arm_length", "forearm_length")
    if "arm_length" in out and all(p in out for p in parts):
        total = sum(out[p].value_cm for p in parts) + ARM_SUM_OFFSET
        if abs(out["arm_length"].value_cm - total) > ARM_SUM_TOL:
            k = (out["arm_length"].value_cm - ARM_SUM_OFFSET) / (total - ARM_SUM_OFFSET)
            for p in parts:  # the segment lengths are the less certain: scale them
                e = out[p]
                out[p] = Estimate(round(e.value_cm * k, 2), round(min(e.low_cm, e.value_cm * k), 2),
                                  round(max(e.high_cm, e.value_cm * k), 2))
            warnings.append("adjusted_for_consistency:arm_length=upper_arm_length+forearm_length")
    return out, warnings
