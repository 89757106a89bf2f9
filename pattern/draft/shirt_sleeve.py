"""Shirt sleeve (flat cap, wide bicep) and its cuff.

Methods and sources:

* Cap: the asymmetric triangle cap of `sleeve_cap` (Aldrich's one-piece sleeve: back and
  front halves from the back and front armholes), closed by the cap height: height =
  `cap_height` × armhole (default 0.29) and the bicep follows, as in Aldrich's flat-headed
  shirt sleeves (Metric Pattern Cutting for Menswear) and dresspatternmaking.com
  "Understanding the sleeve" (a lower cap gives a wider, less fitted sleeve). FreeSewing
  Simon's caps measure 0.27–0.30 × armhole (freesewing-comparison). Cap ease 0–3 %
  (pattern-findings §5.3 step 5: shirts ≈ 0–1.5 cm); the bicep never falls below upper
  arm × (1 + `bicep_ease`): a big arm lowers the cap instead.
* Cuffs: barrel (one overlap with button, FreeSewing Brian/Simon cuff ease 20 % of wrist
  → 25 % here), French (double depth folded back, ends meet, cuff links) or none (a
  hemmed sleeve wide enough for the hand, wrist × (1.2 + cuff_ease), no placket).
  Two pleats of 10 % of the wrist each take the sleeve into a cuff.
* Short sleeve: 40 % of the arm length from the cap top, tapered to 90 % of the bicep,
  hemmed (no cuff).
"""

from __future__ import annotations

from dataclasses import replace

from pattern.draft.base import DraftContext, Option
from pattern.draft.sleeve import SleeveSpec, sleeve_piece
from pattern.geometry import Line, Path, Point
from pattern.piece import Cut, Edge, Piece

SLEEVE_M = ("arm_length", "upper_arm_girth", "wrist_girth")
CUFFS = ("barrel", "french", "none")
SLEEVE_O = {
    "cap_ease": Option(0.02, 0.0, 0.03, description="sleeve cap longer than the armhole by "
                       "this fraction (split front/back like the armholes)"),
    "cap_height": Option(0.29, 0.24, 0.34, kind="ratio", description="cap height as a "
                         "fraction of the armhole: lower = flatter cap and wider sleeve"),
    "bicep_ease": Option(0.22, 0.05, 0.6, ease=True, description="least ease over the upper "
                         "arm at the bicep line (the flat cap usually gives more)"),
    "cuff_ease": Option(0.25, 0.1, 0.6, description="ease over the wrist girth in the cuff"),
    "sleeve_length": Option(0, 0, 1, kind="choice", choices=("full", "short"),
                            description="full (to the wrist, with cuff) or short sleeve"),
    "cuff": Option(0, 0, 2, kind="choice", choices=CUFFS, description="cuff style of a full "
                   "sleeve: barrel (buttoned), french (double, cuff links) or none (hemmed)"),
    "cuff_depth": Option(65.0, 40.0, 100.0, kind="mm", description="finished cuff depth"),
}


def draft_shirt_sleeve(ctx: DraftContext) -> list[Piece]:
    """Shirt sleeve, plus the cuff when the sleeve is full length with a cuff."""
    wrist, arm_len, sa = ctx["wrist_girth"], ctx["arm_length"], ctx.o("sa")
    short = ctx.choice("sleeve_length") == "short"
    style = "none" if short else ctx.choice("cuff")
    depth = ctx.o("cuff_depth") if style != "none" else 0.0
    cuff_sewn = wrist * (1 + ctx.o("cuff_ease"))
    pleats = 2 * 0.1 * wrist if style != "none" else 0.0
    bicep = ctx["upper_arm_girth"] * (1 + ctx.o("bicep_ease"))
    if short:
        length, hem_w = 0.4 * arm_len, 0.9 * bicep
    else:
        length = arm_len * 1.04 - depth
        hem_w = cuff_sewn + pleats if style != "none" else wrist * (1.2 + ctx.o("cuff_ease"))
    s = ctx.store
    spec = SleeveSpec(s["armhole_back"], s["armhole_front"], s["pitch_back"], s["pitch_front"],
                      ctx.o("cap_ease"), bicep, length, hem_w, pleats,
                      cap_ratio=ctx.o("cap_height"), hem_kind="seam" if depth else "hem")
    sl = sleeve_piece(spec, sa, sa if depth else ctx.o("hem"), "shirt_sleeve", "M")
    if not depth:
        return [sl]
    hb, hf = sl.points["back_hem"], sl.points["front_hem"]
    slit = hb.lerp(hf, 0.25)
    sl = replace(sl, internal=(Path.of(Line(slit, slit - Point(0, 0.125 * length))),))
    return [sl, cuff_piece(style, cuff_sewn, depth, 0.12 * wrist, sa)]


def cuff_piece(style: str, sewn: float, depth: float, overlap: float, sa: float) -> Piece:
    """Barrel cuff (underlap + button) or French cuff (double depth, fold line, ends meet)."""
    if style == "french":
        cl, d = sewn, 2 * depth
        start_x = 0.0
        holes = tuple(Point(x, -y) for x in (overlap / 2, cl - overlap / 2)
                      for y in (depth / 2, 1.5 * depth))
        fold: tuple[Path, ...] = (Path.of(Line(Point(0, -depth), Point(cl, -depth))),)
    else:
        cl, d = sewn + overlap, depth
        start_x = overlap
        holes = (Point(overlap / 2, -d / 2), Point(cl - overlap / 2, -d / 2))
        fold = ()
    first = (Edge("underlap", Path.of(Line(Point(0, 0), Point(start_x, 0))), sa),) \
        if start_x else ()
    return Piece("cuff", "N", edges=(
        *first,
        Edge("sleeve_seam", Path.of(Line(Point(start_x, 0), Point(cl, 0))), sa),
        Edge("end", Path.of(Line(Point(cl, 0), Point(cl, -d))), sa),
        Edge("outer", Path.of(Line(Point(cl, -d), Point(0, -d))), sa),
        Edge("start", Path.of(Line(Point(0, -d), Point(0, 0))), sa)),
        grain=(Point(cl * 0.2, -d / 2), Point(cl * 0.8, -d / 2)), internal=fold,
        cut=Cut(4, material="fabric + interfacing"), drill_holes=holes,
        meta={"cuff": style})
