"""The soundness every draft must have, shared by the block tests."""

from __future__ import annotations

from pattern.checks import girth_checks, invalid_pieces, seam_checks
from pattern.draft.registry import Draft
from pattern.finish import finish
from pattern.shapes import is_simple_ring


def assert_sound(d: Draft, warnings: bool = False) -> None:
    """Seams sewn together match (2 mm), girths are the body + ease (3 mm), every piece is a
    valid polygon and its cut line never crosses itself; no warnings unless allowed."""
    if not warnings:
        assert d.warnings == []
    for c in seam_checks(d):
        assert c.diff <= 2.0, f"{c.a} vs {c.b}: {c.length_a:.1f} / {c.length_b:.1f} mm"
    for g in girth_checks(d):
        assert g.diff <= 3.0, f"{g.measurement}: drafted {g.drafted:.1f} vs {g.expected:.1f}"
    assert invalid_pieces(d) == []
    for p in d.pieces:
        assert is_simple_ring(finish(p).cut), f"{p.name} cut line crosses itself"
