"""Grading by re-drafting each size, then deriving grade rules from the drafts.

Grade rules are (dx, dy) per turn point per size relative to the sample size, in the
piece's own frame (origin = the CF/CB reference point of the draft), deduplicated into
numbered rules; rule 1 is "no movement" (AAMA/ASTM convention, pattern-findings §3.1).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pattern.draft.registry import Draft, draft_block
from pattern.errors import DraftError
from pattern.grade.chart import SizeChart

Delta = tuple[tuple[float, float], ...]  # one (dx, dy) per size


@dataclass(frozen=True)
class GradedRun:
    """All drafts of a size run plus the derived rule table."""

    block: str
    chart: SizeChart
    sizes: tuple[str, ...]
    drafts: Mapping[str, Draft]
    rules: dict[int, Delta] = field(default_factory=dict)
    point_rules: dict[str, list[int]] = field(default_factory=dict)  # piece -> rule per turn pt

    @property
    def sample(self) -> Draft:
        return self.drafts[self.chart.sample_size]


def grade(block: str, chart: SizeChart, sizes: list[str] | None = None,
          options: Mapping[str, object] | None = None) -> GradedRun:
    """Draft every size (the sample size is always included) and derive rules."""
    run = chart.select(sizes)
    if chart.sample_size not in run:
        run = tuple(s for s in chart.sizes if s in (*run, chart.sample_size))
    drafts = {s: draft_block(block, chart.bodies[s], options) for s in run}
    rules, point_rules = derive_rules(drafts, run, chart.sample_size)
    return GradedRun(block, chart, run, drafts, rules, point_rules)


def derive_rules(drafts: Mapping[str, Draft], sizes: tuple[str, ...],
                 sample: str) -> tuple[dict[int, Delta], dict[str, list[int]]]:
    zero: Delta = tuple((0.0, 0.0) for _ in sizes)
    table: dict[Delta, int] = {zero: 1}
    point_rules: dict[str, list[int]] = {}
    base = drafts[sample]
    for piece in base.pieces:
        base_pts = [p for _, p in piece.turn_points()]
        per_size = []
        for s in sizes:
            pts = [p for _, p in drafts[s].piece(piece.name).turn_points()]
            if len(pts) != len(base_pts):
                raise DraftError(f"{piece.name}: size {s} has a different outline topology")
            per_size.append(pts)
        ids = []
        for k, bp in enumerate(base_pts):
            delta: Delta = tuple((round(per_size[i][k].x - bp.x, 1),
                                  round(per_size[i][k].y - bp.y, 1)) for i in range(len(sizes)))
            ids.append(table.setdefault(delta, len(table) + 1))
        point_rules[piece.name] = ids
    return {v: k for k, v in table.items()}, point_rules
