"""Block registry and the single entry point `draft_block`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pattern.draft import bodice, shirt, skirt, sleeve, trousers
from pattern.draft.base import Block, DraftContext, Part, resolve_options
from pattern.errors import UnknownBlock
from pattern.measurements import Measurements
from pattern.piece import Piece

_HIDDEN_BODICE = Part("bodice", bodice.MEASUREMENTS, bodice.OPTIONS, bodice.draft_bodice,
                      hidden=True)

BLOCKS: dict[str, Block] = {
    "bodice": Block("bodice", "Close-fitting bodice block", (bodice.BACK_FRONT,),
                    checks=(("bodice_back.side", "bodice_front.side"),
                            ("bodice_back.shoulder", "bodice_front.shoulder")),
                    girths=(("level:chest", "chest_girth", "chest_ease"),
                            ("edge:waist", "waist_girth", "waist_ease"))),
    "sleeve": Block("sleeve", "Fitted one-piece sleeve", (_HIDDEN_BODICE, sleeve.SLEEVE),
                    checks=(("sleeve.front_seam", "sleeve.back_seam"),)),
    "skirt": Block("skirt", "Straight skirt block", (skirt.SKIRT,),
                   checks=(("skirt_back.side", "skirt_front.side"),),
                   girths=(("level:hip", "hip_girth", "hip_ease"),
                           ("edge:waist", "waist_girth", "waist_ease"))),
    "trousers": Block("trousers", "Trouser block", (trousers.TROUSERS,),
                      checks=(("trousers_back.inseam", "trousers_front.inseam"),
                              ("trousers_back.outseam", "trousers_front.outseam")),
                      girths=(("level:hip", "hip_girth", "hip_ease"),
                              ("edge:waist", "waist_girth", "waist_ease"))),
    "shirt": Block("shirt", "Shirt with yoke, collar on stand and cuffs", shirt.PARTS,
                   checks=shirt.CHECKS,
                   girths=(("level:chest", "chest_girth", "chest_ease"),
                           ("level:waist", "waist_girth", "waist_ease"),
                           ("level:hip", "hip_girth", "hip_ease"))),
}


@dataclass(frozen=True)
class Draft:
    """Result of drafting one block for one body."""

    block: Block
    pieces: list[Piece]
    options: dict[str, float]
    measurements: Measurements
    store: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def piece(self, name: str) -> Piece:
        for p in self.pieces:
            if p.name == name:
                return p
        raise KeyError(name)


def get_block(name: str) -> Block:
    if name not in BLOCKS:
        raise UnknownBlock(name, sorted(BLOCKS))
    return BLOCKS[name]


def draft_block(name: str, m: Measurements, options: Mapping[str, object] | None = None) -> Draft:
    """Validate inputs (before any drafting), then draft every part in order."""
    block = get_block(name)
    m.require(block.measurements, block.name)
    given = dict(options or {})
    opts = resolve_options(block, given)
    ctx = DraftContext(m, opts, store={"explicit": tuple(given)})
    pieces: list[Piece] = []
    for part in block.parts:
        drafted = part.draft(ctx)
        if not part.hidden:
            pieces.extend(drafted)
    ctx.store.pop("explicit", None)
    return Draft(block, pieces, opts, m, dict(ctx.store), ctx.warnings)
