"""Measurements value object: canonical (scan) names, cm at the boundary, mm inside."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pattern.errors import ImplausibleMeasurement, MissingMeasurement

#: The ten headline measurements a body scan returns.
HEADLINE = ("stature", "chest_girth", "waist_girth", "hip_girth", "neck_girth",
            "shoulder_width", "arm_length", "inside_leg", "thigh_girth", "upper_arm_girth")
#: Extra measurements some blocks need (derived from the estimator when not measured).
EXTRAS = ("back_waist_length", "waist_height", "crotch_length", "wrist_girth", "across_back",
          "shoulder_length", "neck_base_girth", "knee_height")
NAMES = HEADLINE + EXTRAS
#: Optional bust measurements (women's bodice). Never required and never derived by the
#: service's estimator: the bodice estimates them itself when absent
#: (`pattern.draft.bodice_bust`). `front_length` is HPS -> waist over the bust point.
OPTIONAL = ("bust_span", "high_bust_girth", "front_length")

#: Plausible range per measurement in cm (wide: small children to very tall adults).
RANGES_CM: dict[str, tuple[float, float]] = {
    "stature": (80, 230), "chest_girth": (45, 180), "waist_girth": (38, 180),
    "hip_girth": (45, 190), "neck_girth": (18, 60), "shoulder_width": (18, 60),
    "arm_length": (25, 90), "inside_leg": (30, 110), "thigh_girth": (25, 100),
    "upper_arm_girth": (13, 60), "back_waist_length": (18, 62), "waist_height": (45, 145),
    "crotch_length": (35, 115), "wrist_girth": (7, 26), "across_back": (18, 58),
    "shoulder_length": (5, 22), "neck_base_girth": (24, 66), "knee_height": (22, 72),
    "bust_span": (5, 40), "high_bust_girth": (40, 180), "front_length": (20, 75),
}
SEXES = ("female", "male")


@dataclass(frozen=True)
class Measurements:
    """Body measurements in mm keyed by canonical name, plus sex."""

    values_mm: Mapping[str, float]
    sex: str = "female"
    derived: tuple[str, ...] = field(default=())

    @classmethod
    def from_cm(cls, data: Mapping[str, object], derived: Iterable[str] = ()) -> Measurements:
        """Build from a flat mapping of cm values (unknown keys are ignored)."""
        sex = str(data.get("sex", "female")).lower()
        if sex not in SEXES:
            raise ImplausibleMeasurement("sex", 0, 0, 0, reason=f"unknown sex {sex!r}")
        vals: dict[str, float] = {}
        for name in NAMES + OPTIONAL:
            raw = data.get(name)
            if raw is None:
                continue
            try:
                v = float(raw)  # type: ignore[arg-type]
            except (TypeError, ValueError) as exc:
                raise ImplausibleMeasurement(name, float("nan"), *RANGES_CM[name],
                                             reason=f"not a number ({raw!r})") from exc
            lo, hi = RANGES_CM[name]
            if not lo <= v <= hi:
                raise ImplausibleMeasurement(name, v, lo, hi)
            vals[name] = v * 10.0
        m = cls(values_mm=vals, sex=sex, derived=tuple(derived))
        m.check_consistency()
        return m

    def __getitem__(self, name: str) -> float:
        try:
            return self.values_mm[name]
        except KeyError:
            raise MissingMeasurement(name) from None

    def __contains__(self, name: object) -> bool:
        return name in self.values_mm

    def cm(self) -> dict[str, float]:
        return {k: round(v / 10.0, 2) for k, v in self.values_mm.items()}

    def require(self, names: Iterable[str], block: str = "") -> None:
        """Raise MissingMeasurement for the first absent name (in declaration order)."""
        for n in names:
            if n not in self.values_mm:
                raise MissingMeasurement(n, block)

    def scaled(self, k: float) -> Measurements:
        """Every measurement multiplied by k (for doll/giant tests; no validation)."""
        return Measurements({n: v * k for n, v in self.values_mm.items()}, self.sex)

    def check_consistency(self) -> None:
        """Cross-measurement sanity: raise ImplausibleMeasurement naming the culprit."""
        v = {k: x / 10.0 for k, x in self.values_mm.items()}
        rules = [
            ("inside_leg", "waist_height", 0.95, "longer than 95 % of waist_height"),
            ("knee_height", "inside_leg", 0.92, "longer than 92 % of inside_leg"),
            ("waist_height", "stature", 0.75, "more than 75 % of stature"),
            ("back_waist_length", "stature", 0.36, "more than 36 % of stature"),
            ("arm_length", "stature", 0.48, "more than 48 % of stature"),
            ("wrist_girth", "upper_arm_girth", 1.0, "larger than upper_arm_girth"),
            ("waist_girth", "chest_girth", 1.9, "more than 1.9 × chest_girth"),
            ("shoulder_length", "shoulder_width", 0.6, "more than 60 % of shoulder_width"),
            ("high_bust_girth", "chest_girth", 1.15, "more than 1.15 × chest_girth"),
            ("bust_span", "chest_girth", 0.35, "more than 35 % of chest_girth"),
            ("front_length", "back_waist_length", 1.5, "more than 1.5 × back_waist_length"),
        ]
        for name, ref, k, why in rules:
            if name in v and ref in v and v[name] > k * v[ref]:
                lo, hi = RANGES_CM[name]
                raise ImplausibleMeasurement(name, v[name], lo, hi, reason=why)
