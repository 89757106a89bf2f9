"""Shirt collar on a stand, sized by the measured neck girth.

Method: the two-piece shirt collar (stand + collar). The stand's neck edge is fitted by a
loop to the drafted neckline, which `shirt_body` drafts to neck_girth × (1 + collar_ease)
(FreeSewing Brian's documented collarEase, 5 % of the neck; shirt-collar sizing, neck +
1.5–2 cm): so the collar length follows the neck girth, 1 cm of neck = ≈ 1.05 cm of
collar. The stand curves up towards CF (lift 4 % of the neck) and carries the button
extension; the collar's neck edge is fitted to the stand's top edge and curves the other
way so that it rolls over the stand (Aldrich, shirt collars with separate stand).
Heights are mm options (`collar_stand_height`, `collar_height`); the collar should be
≥ 5 mm deeper than the stand to cover the stand seam, else a warning is raised.
"""

from __future__ import annotations

from pattern.draft.base import DraftContext, Option
from pattern.geometry import CubicBezier, Line, Path, Point, bisect, smooth_cubic
from pattern.piece import Cut, Edge, Notch, Piece

COLLAR_M = ("neck_girth",)
COLLAR_O = {
    "collar_stand_height": Option(30.0, 20.0, 50.0, kind="mm",
                                  description="collar stand height at centre back"),
    "collar_height": Option(42.0, 28.0, 80.0, kind="mm",
                            description="collar (fall) height at centre back"),
}


def draft_collar(ctx: DraftContext) -> list[Piece]:
    """Collar stand fitted to the neckline, collar fitted to the stand's top edge."""
    neck = ctx["neck_girth"]
    sa, target, ext = 10.0, ctx.store["neckline"], ctx.store["button_ext"]
    hs, hc, lift = ctx.o("collar_stand_height"), ctx.o("collar_height"), 0.04 * neck
    if hc < hs + 5.0:
        ctx.warnings.append(f"collar_height {hc:.0f} mm does not cover the stand "
                            f"({hs:.0f} mm); use at least {hs + 5:.0f} mm")

    def bottom(x: float) -> CubicBezier:
        return smooth_cubic(Point(0, 0), Point(1, 0), Point(x, -lift), Point(1, -0.35), k=0.4)

    xcf = bisect(lambda x: bottom(x).length() - target, 0.3 * target, 1.2 * target, tol=1e-3)
    b = bottom(xcf)
    tan = b.tangent(1.0)
    up = Point(tan.y, -tan.x)
    cfb, cft = b.p1, b.p1 + up * hs
    eb = cfb + tan * ext
    et = eb + up * (hs * 0.7)
    top = smooth_cubic(cft, -tan, Point(0, -hs), Point(-1, 0), k=0.4)
    stand = Piece("collar_stand", "P", edges=(
        Edge("neckline", Path.of(b), sa), Edge("ext_bottom", Path.of(Line(cfb, eb)), sa),
        Edge("front_end", Path.of(smooth_cubic(eb, up, et, -tan, k=0.5)), sa),
        Edge("top_ext", Path.of(Line(et, cft)), sa), Edge("collar_seam", Path.of(top), sa),
        Edge("cb", Path.of(Line(Point(0, -hs), Point(0, 0))), 0.0, "fold")),
        points={"cb_bottom": Point(0, 0), "cf_bottom": cfb, "cf_top": cft},
        grain=(Point(xcf * 0.2, -hs / 2), Point(xcf * 0.7, -hs / 2)),
        cut=Cut(2, on_fold=True, material="fabric + interfacing"),
        notches=(Notch("neckline", ctx.store["neck_back_len"]),),
        meta={"collar_length_mm": f"{2 * b.length():.1f}"})
    target_c = stand.edge("collar_seam").length()

    def cneck(x: float) -> CubicBezier:
        return smooth_cubic(Point(0, 0), Point(1, 0), Point(x, 0.02 * neck), Point(1, 0.3), k=0.4)

    xc = bisect(lambda x: cneck(x).length() - target_c, 0.3 * target_c, 1.2 * target_c, tol=1e-3)
    cn = cneck(xc)
    tip = Point(xc + 0.07 * neck, -hc - 0.01 * neck)
    collar = Piece("collar", "Q", edges=(
        Edge("stand_seam", Path.of(cn), sa), Edge("front", Path.of(Line(cn.p1, tip)), sa),
        Edge("outer", Path.of(smooth_cubic(tip, Point(-1, 0.15), Point(0, -hc), Point(-1, 0),
                                           k=0.4)), sa),
        Edge("cb", Path.of(Line(Point(0, -hc), Point(0, 0))), 0.0, "fold")),
        points={"cb_neck": Point(0, 0), "collar_point": tip},
        grain=(Point(xc * 0.2, -hc / 2), Point(xc * 0.7, -hc / 2)),
        cut=Cut(2, on_fold=True, material="fabric + interfacing"))
    return [stand, collar]
