"""Quality checks of a draft: sewn seam pairs, girths vs body + ease, outline validity."""

from __future__ import annotations

from dataclasses import dataclass

from pattern.draft.registry import Draft


@dataclass(frozen=True)
class SeamCheck:
    a: str
    b: str
    length_a: float
    length_b: float

    @property
    def diff(self) -> float:
        return abs(self.length_a - self.length_b)


@dataclass(frozen=True)
class GirthCheck:
    measurement: str
    drafted: float
    expected: float

    @property
    def diff(self) -> float:
        return abs(self.drafted - self.expected)


def sewn_length(draft: Draft, spec: str) -> float:
    """'piece.edge+piece.edge' -> total sewn length (dart/pleat take-up excluded)."""
    total = 0.0
    for term in spec.split("+"):
        piece, edge = term.split(".")
        total += draft.piece(piece).edge(edge).sewn_length()
    return total


def seam_checks(draft: Draft) -> list[SeamCheck]:
    """Sewn lengths of the block's seam pairs; a pair naming a piece this draft has not (a
    cuff with ``cuff=none``, say) is skipped."""
    have = {p.name for p in draft.pieces}

    def drafted(seam: str) -> bool:
        return all(term.split(".")[0] in have for term in seam.split("+"))

    return [SeamCheck(a, b, sewn_length(draft, a), sewn_length(draft, b))
            for a, b in draft.block.checks if drafted(a) and drafted(b)]


def girth_checks(draft: Draft) -> list[GirthCheck]:
    """Drafted full girth (pieces are half-body: ×2) vs body × (1 + declared ease)."""
    out = []
    for how, meas, ease in draft.block.girths:
        kind, name = how.split(":")
        total = 0.0
        for p in draft.pieces:
            if kind == "level" and name in p.levels:
                total += 2 * p.width_at(p.levels[name])
            elif kind == "edge" and any(e.name == name for e in p.edges):
                total += 2 * p.edge(name).sewn_length()
        out.append(GirthCheck(meas, total, draft.measurements[meas] * (1 + draft.options[ease])))
    return out


def invalid_pieces(draft: Draft) -> list[str]:
    """Names of pieces whose seam line is open or crosses itself."""
    return [p.name for p in draft.pieces if not (p.check_closed() and p.is_simple())]
