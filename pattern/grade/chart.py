"""Size charts: body measurements per size (cm in the file), sample size, provenance."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pattern.errors import BadSizeChart, PatternError
from pattern.measurements import Measurements


@dataclass(frozen=True)
class SizeChart:
    """Ordered sizes with a full measurement set each."""

    name: str
    sex: str
    sample_size: str
    sizes: tuple[str, ...]
    bodies: Mapping[str, Measurements]
    source: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> SizeChart:
        try:
            sizes_raw = data["sizes"]
            assert isinstance(sizes_raw, Mapping) and sizes_raw
            sex = str(data.get("sex", "female"))
            bodies: dict[str, Measurements] = {}
            for size, vals in sizes_raw.items():
                assert isinstance(vals, Mapping)
                try:
                    bodies[str(size)] = Measurements.from_cm({"sex": sex, **vals})
                except PatternError as exc:
                    raise BadSizeChart(f"size {size}: {exc}") from exc
            sample = str(data.get("sample_size", list(bodies)[len(bodies) // 2]))
        except (KeyError, AssertionError, TypeError) as exc:
            raise BadSizeChart("a size chart needs 'sizes': {SIZE: {measurement: cm}}") from exc
        if sample not in bodies:
            raise BadSizeChart(f"sample size {sample!r} is not in the chart")
        return cls(str(data.get("name", "chart")), sex, sample, tuple(bodies), bodies,
                   str(data.get("source", "")))

    @classmethod
    def load(cls, path: str | Path) -> SizeChart:
        return cls.from_dict(json.loads(Path(path).read_text()))

    def select(self, sizes: list[str] | None) -> tuple[str, ...]:
        """Validate a requested size run (order as in the chart)."""
        if not sizes:
            return self.sizes
        unknown = [s for s in sizes if s not in self.bodies]
        if unknown:
            raise BadSizeChart(f"sizes {unknown} not in chart {self.name!r} ({self.sizes})")
        return tuple(s for s in self.sizes if s in sizes)

    def nearest(self, m: Measurements, names: tuple[str, ...] = (
            "chest_girth", "waist_girth", "hip_girth")) -> tuple[str, dict[str, float]]:
        """Nearest size by RMS over the primary girths; returns (size, differences in cm)."""
        def score(size: str) -> float:
            b = self.bodies[size]
            return sum((m[n] - b[n]) ** 2 for n in names if n in m and n in b)

        best = min(self.sizes, key=score)
        body = self.bodies[best]
        diffs = {n: round((m[n] - body[n]) / 10.0, 2) for n in m.values_mm if n in body}
        return best, diffs
