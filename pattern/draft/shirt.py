"""Shirt: back, front (button extension), yoke, sleeve, collar, collar stand and cuff.

Ease follows FreeSewing Brian (≈ 15 % chest); the collar stand's neck edge is fitted to
the drafted neckline and the collar to the stand (fitting loops by bisection).
"""

from __future__ import annotations

from dataclasses import replace

from pattern.draft.base import DraftContext, Option, Part
from pattern.draft.shared import armhole, back_neck, front_neck, hip_depth, torso
from pattern.draft.sleeve import SleeveSpec, sleeve_piece
from pattern.geometry import CubicBezier, Line, Path, Point, bisect, smooth_cubic
from pattern.piece import Cut, Edge, Notch, Piece

BODY_M = ("stature", "chest_girth", "waist_girth", "hip_girth", "neck_base_girth",
          "back_waist_length", "waist_height", "across_back", "shoulder_length")
SLEEVE_M = ("arm_length", "upper_arm_girth", "wrist_girth")
COLLAR_M = ("neck_girth",)
BODY_O = {
    "chest_ease": Option(0.15, 0.0, 0.40, ease=True),
    "waist_ease": Option(0.15, 0.0, 0.50, ease=True),
    "hip_ease": Option(0.10, 0.0, 0.40, ease=True),
    "length_bonus": Option(0.05, 0.0, 0.25),  # below the hip line, × stature
    "back_slope": Option(17.0, 5.0, 30.0, kind="deg"),
    "front_slope": Option(21.0, 5.0, 35.0, kind="deg"),
    "sa": Option(10.0, 0.0, 30.0, kind="mm"),
    "hem": Option(15.0, 0.0, 40.0, kind="mm"),
}
SLEEVE_O = {"cap_ease": Option(0.02, 0.0, 0.05), "bicep_ease": Option(0.22, 0.05, 0.6, ease=True),
            "cuff_ease": Option(0.25, 0.1, 0.6)}
COLLAR_O = {"stand_height": Option(0.08, 0.05, 0.12), "collar_height": Option(0.11, 0.08, 0.2)}
CHECKS = (("shirt_back.side", "shirt_front.side"),
          ("shirt_yoke.shoulder", "shirt_front.shoulder"),
          ("shirt_yoke.yoke_seam", "shirt_back.yoke_seam"),
          ("shirt_sleeve.front_seam", "shirt_sleeve.back_seam"),
          ("collar_stand.neckline", "shirt_yoke.neck+shirt_front.neck"),
          ("collar.stand_seam", "collar_stand.collar_seam"),
          ("shirt_sleeve.hem", "cuff.sleeve_seam"))


def _y_split(path: Path, y: float) -> tuple[Path, Path]:
    d = bisect(lambda s: path.point_at_length(s).y - y, 0.0, path.length(), tol=1e-3)
    return path.split_at_length(d)


def draft_body(ctx: DraftContext) -> list[Piece]:
    """Yoke, back and front; stores armhole and neckline lengths."""
    t = torso(ctx, ctx.o("chest_ease"), scye_extra=0.03, back_share=0.5)
    sa, w, hd = ctx.o("sa"), t.back_w, hip_depth(ctx)
    hip_y = t.waist_y + hd
    hem_y = hip_y + ctx.o("length_bonus") * ctx["stature"]
    waist_x = ctx["waist_girth"] * (1 + ctx.o("waist_ease")) / 4
    hip_x = ctx["hip_girth"] * (1 + ctx.o("hip_ease")) / 4
    side = Path.polyline([Point(w, t.scye), Point(waist_x, t.waist_y), Point(hip_x, hip_y),
                          Point(hip_x, hem_y)])
    hps_b = Point(t.back_neck_w, -t.rise)
    arm_b, _ = armhole(t.back_tip, hps_b, t.across_back, w, t.scye, 0.55)
    yoke_y = 0.38 * t.scye
    arm_up, arm_low = _y_split(arm_b, yoke_y)
    ay = arm_up.end
    yoke = Piece("shirt_yoke", "K", edges=(
        Edge("neck", back_neck(t), sa), Edge("shoulder", Path.of(Line(hps_b, t.back_tip)), sa),
        Edge("armhole", arm_up, sa), Edge("yoke_seam", Path.of(Line(ay, Point(0, yoke_y))), sa),
        Edge("cb", Path.of(Line(Point(0, yoke_y), Point(0, 0))), 0.0, "fold")),
        points={"cb_neck": Point(0, 0), "hps": hps_b, "shoulder_tip": t.back_tip},
        grain=(Point(w * 0.3, yoke_y * 0.5), Point(w * 0.6, yoke_y * 0.5)),
        cut=Cut(2, on_fold=True), notches=(Notch("shoulder", 0.5 * ctx["shoulder_length"]),))
    back = Piece("shirt_back", "L", edges=(
        Edge("yoke_seam", Path.of(Line(Point(0, yoke_y), ay)), sa),
        Edge("armhole", arm_low, sa), Edge("side", side, sa),
        Edge("hem", Path.of(Line(side.end, Point(0, hem_y))), ctx.o("hem"), "hem"),
        Edge("cb", Path.of(Line(Point(0, hem_y), Point(0, yoke_y))), 0.0, "fold")),
        points={"underarm": side.start, "side_waist": side.segments[0].end},
        grain=(Point(w * 0.4, t.scye), Point(w * 0.4, hem_y * 0.9)), cut=Cut(1, on_fold=True),
        levels={"chest": t.scye + 1.0, "waist": t.waist_y, "hip": hip_y + 1.0},
        notches=(Notch("armhole", 0.5 * arm_low.length(), "double"),))
    hps_f = Point(t.front_neck_w, -t.rise)
    arm_f, _ = armhole(t.front_tip, hps_f, t.across_front, w, t.scye, 0.62)
    ext = 0.05 * ctx["neck_base_girth"]
    fn = Point(0, t.front_neck_y)
    front = Piece("shirt_front", "J", edges=(
        Edge("neck", front_neck(t), sa), Edge("shoulder", Path.of(Line(hps_f, t.front_tip)), sa),
        Edge("armhole", arm_f, sa), Edge("side", side, sa),
        Edge("hem", Path.of(Line(side.end, Point(-ext, hem_y))), ctx.o("hem"), "hem"),
        Edge("front_edge", Path.of(Line(Point(-ext, hem_y), Point(-ext, fn.y))), sa),
        Edge("neck_ext", Path.of(Line(Point(-ext, fn.y), fn)), sa)),
        points={"cf_neck": fn, "hps": hps_f, "shoulder_tip": t.front_tip, "underarm": side.start},
        grain=(Point(w * 0.5, t.scye), Point(w * 0.5, hem_y * 0.9)), cut=Cut(2, mirrored=True),
        levels={"chest": t.scye + 1.0, "waist": t.waist_y, "hip": hip_y + 1.0}, overlap=ext,
        drill_holes=tuple(Point(0, fn.y + 0.02 * ctx["chest_girth"] + i * 0.1 * ctx["chest_girth"])
                          for i in range(int((hem_y - fn.y) / (0.1 * ctx["chest_girth"])))),
        notches=(Notch("armhole", 0.62 * arm_f.length()),))
    ctx.store.update(armhole_back=arm_b.length(), armhole_front=arm_f.length(),
                     pitch_back=arm_b.segments[0].length(), pitch_front=arm_f.segments[0].length(),
                     neckline=yoke.edge("neck").length() + front.edge("neck").length(),
                     button_ext=ext, neck_back_len=yoke.edge("neck").length())
    return [yoke, back, front]


def draft_shirt_sleeve(ctx: DraftContext) -> list[Piece]:
    """Shirt sleeve (flatter cap) with two pleats into the cuff; and the cuff."""
    wrist = ctx["wrist_girth"]
    cuff_sewn, cuff_depth, overlap = wrist * (1 + ctx.o("cuff_ease")), 0.4 * wrist, 0.12 * wrist
    pleats = 2 * 0.1 * wrist
    s = ctx.store
    spec = SleeveSpec(s["armhole_back"], s["armhole_front"], s["pitch_back"], s["pitch_front"],
                      ctx.o("cap_ease"), ctx["upper_arm_girth"] * (1 + ctx.o("bicep_ease")),
                      ctx["arm_length"] * 1.04 - cuff_depth, cuff_sewn + pleats, pleats)
    sl = sleeve_piece(spec, ctx.o("sa"), ctx.o("sa"), "shirt_sleeve", "M")
    hem = sl.edge("hem")
    edges = tuple(replace(e, kind="seam") if e.name == "hem" else e for e in sl.edges)
    slit_top = Point(-hem.length() / 4, spec.length - 0.25 * spec.length * 0.5)
    sl = replace(sl, edges=edges, internal=(Path.of(Line(Point(slit_top.x, spec.length),
                                                         slit_top)),))
    sa, cl = ctx.o("sa"), cuff_sewn + overlap
    cuff = Piece("cuff", "N", edges=(
        Edge("underlap", Path.of(Line(Point(0, 0), Point(overlap, 0))), sa),
        Edge("sleeve_seam", Path.of(Line(Point(overlap, 0), Point(cl, 0))), sa),
        Edge("end", Path.of(Line(Point(cl, 0), Point(cl, -cuff_depth))), sa),
        Edge("outer", Path.of(Line(Point(cl, -cuff_depth), Point(0, -cuff_depth))), sa),
        Edge("start", Path.of(Line(Point(0, -cuff_depth), Point(0, 0))), sa)),
        grain=(Point(cl * 0.2, -cuff_depth / 2), Point(cl * 0.8, -cuff_depth / 2)),
        cut=Cut(4, material="fabric + interfacing"),
        drill_holes=(Point(overlap / 2, -cuff_depth / 2), Point(cl - overlap / 2, -cuff_depth / 2)))
    return [sl, cuff]


def draft_collar(ctx: DraftContext) -> list[Piece]:
    """Collar stand fitted to the neckline, collar fitted to the stand's top edge."""
    neck = ctx["neck_girth"]
    sa, target, ext = 10.0, ctx.store["neckline"], ctx.store["button_ext"]
    hs, hc, lift = ctx.o("stand_height") * neck, ctx.o("collar_height") * neck, 0.04 * neck

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
        notches=(Notch("neckline", ctx.store["neck_back_len"]),))
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


PARTS = (Part("shirt_body", BODY_M, BODY_O, draft_body),
         Part("shirt_sleeve", SLEEVE_M, SLEEVE_O, draft_shirt_sleeve),
         Part("shirt_collar", COLLAR_M, COLLAR_O, draft_collar))
