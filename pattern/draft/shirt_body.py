"""Shirt body: yoke, back and front with a smooth side seam and a neckline sized to the neck.

Methods and sources:

* Ease: chest 15 %, as FreeSewing Brian/Simon's documented defaults (pattern-findings
  §5.2); waist 15 %, hip 10 %.
* Neckline: drafted to the measured neck girth, not to the neck base. The neck opening
  (yoke + front, CB to CF) is fitted by a loop to neck_girth × (1 + `collar_ease`), the
  principle of FreeSewing Brian (collarEase 5 % of neck; the neck opening is iterated to
  that length) and of shirt-collar sizing (collar size = neck + 1.5–2 cm, "two fingers").
  The collar stand is then fitted to this neckline (`shirt_collar`).
* Side seam: one smooth curve through the underarm, waist and hip points, straight below
  the hip (cubic Béziers joined with common tangents: vertical at a waist that is narrower
  or wider than both chest and hip, along the underarm→hip chord otherwise, vertical at
  the hip). A shirt's side seam is a curve (Aldrich's shirt blocks shape it through the
  waist; FreeSewing Simon's side seam is a curve), so there is no corner at waist or hip.
* Armhole: the block's, lowered by 1.5 % of the chest (≈ 1.5 cm; shirt blocks drop the
  block armhole 1–2 cm). With the flat cap this gives armholes and biceps close to
  FreeSewing Simon's on the comparison bodies (M: armhole ≈ 58 cm, bicep ≈ 47 cm).
* Length: hip line + `length_bonus` × stature + `length` (mm), never above 1 % of the
  stature below the hip line.
"""

from __future__ import annotations

from pattern.draft.base import DraftContext, Option
from pattern.draft.shared import armhole, back_neck, front_neck, hip_depth, torso_for_neckline
from pattern.geometry import Line, Path, Point, bisect, smooth_cubic
from pattern.piece import Cut, Edge, Notch, Piece

BODY_M = ("stature", "chest_girth", "waist_girth", "hip_girth", "neck_girth",
          "back_waist_length", "waist_height", "across_back", "shoulder_length")
BODY_O = {
    "chest_ease": Option(0.15, 0.0, 0.40, ease=True, description="ease over the chest girth"),
    "waist_ease": Option(0.15, 0.0, 0.50, ease=True, description="ease over the waist girth"),
    "hip_ease": Option(0.10, 0.0, 0.40, ease=True, description="ease over the hip girth"),
    "collar_ease": Option(0.05, 0.0, 0.10, description="neck opening and collar stand longer "
                          "than the neck girth by this fraction"),
    "length_bonus": Option(0.05, 0.0, 0.25, description="shirt length below the hip line, "
                           "as a fraction of the stature"),
    "length": Option(0.0, -80.0, 300.0, kind="mm", description="lengthen (+) or shorten (−) "
                     "the shirt at the hem; the hem stays below the hip line"),
    "back_slope": Option(17.0, 5.0, 30.0, kind="deg", description="back shoulder slope"),
    "front_slope": Option(21.0, 5.0, 35.0, kind="deg", description="front shoulder slope"),
    "sa": Option(10.0, 0.0, 30.0, kind="mm", description="seam allowance"),
    "hem": Option(15.0, 0.0, 40.0, kind="mm", description="hem allowance"),
}


def _y_split(path: Path, y: float) -> tuple[Path, Path]:
    d = bisect(lambda s: path.point_at_length(s).y - y, 0.0, path.length(), tol=1e-3)
    return path.split_at_length(d)


def side_seam(under: Point, waist: Point, hip: Point, hem_y: float) -> Path:
    """Underarm -> waist -> hip -> hem as tangent-continuous cubics (no inner corner)."""
    down = Point(0, 1)
    extreme = (waist.x - under.x) * (waist.x - hip.x) > 0
    tw = down if extreme else (hip - under).unit()
    return Path.of(smooth_cubic(under, (waist - under).unit(), waist, tw, k=0.4),
                   smooth_cubic(waist, tw, hip, down, k=0.4),
                   Line(hip, Point(hip.x, hem_y)))


def draft_body(ctx: DraftContext) -> list[Piece]:
    """Yoke, back and front; stores armhole and neckline lengths for sleeve and collar."""
    neck_open = ctx["neck_girth"] * (1 + ctx.o("collar_ease"))
    t, neck = torso_for_neckline(ctx, neck_open / 2, ctx.o("chest_ease"), scye_extra=0.015,
                                 back_share=0.5)
    sa, w, hd = ctx.o("sa"), t.back_w, hip_depth(ctx)
    hip_y = t.waist_y + hd
    hem_y = max(hip_y + ctx.o("length_bonus") * ctx["stature"] + ctx.o("length"),
                hip_y + 0.01 * ctx["stature"])
    waist_x = ctx["waist_girth"] * (1 + ctx.o("waist_ease")) / 4
    hip_x = ctx["hip_girth"] * (1 + ctx.o("hip_ease")) / 4
    side = side_seam(Point(w, t.scye), Point(waist_x, t.waist_y), Point(hip_x, hip_y), hem_y)
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
    ext = 0.05 * ctx["neck_girth"]
    fn = Point(0, t.front_neck_y)
    step = 0.1 * ctx["chest_girth"]
    front = Piece("shirt_front", "J", edges=(
        Edge("neck", front_neck(t), sa), Edge("shoulder", Path.of(Line(hps_f, t.front_tip)), sa),
        Edge("armhole", arm_f, sa), Edge("side", side, sa),
        Edge("hem", Path.of(Line(side.end, Point(-ext, hem_y))), ctx.o("hem"), "hem"),
        Edge("front_edge", Path.of(Line(Point(-ext, hem_y), Point(-ext, fn.y))), sa),
        Edge("neck_ext", Path.of(Line(Point(-ext, fn.y), fn)), sa)),
        points={"cf_neck": fn, "hps": hps_f, "shoulder_tip": t.front_tip, "underarm": side.start},
        grain=(Point(w * 0.5, t.scye), Point(w * 0.5, hem_y * 0.9)), cut=Cut(2, mirrored=True),
        levels={"chest": t.scye + 1.0, "waist": t.waist_y, "hip": hip_y + 1.0}, overlap=ext,
        drill_holes=tuple(Point(0, fn.y + 0.2 * step + i * step)
                          for i in range(int((hem_y - fn.y) / step))),
        notches=(Notch("armhole", 0.62 * arm_f.length()),))
    ctx.store.update(armhole_back=arm_b.length(), armhole_front=arm_f.length(),
                     pitch_back=arm_b.segments[0].length(), pitch_front=arm_f.segments[0].length(),
                     neckline=yoke.edge("neck").length() + front.edge("neck").length(),
                     button_ext=ext, neck_back_len=yoke.edge("neck").length(),
                     neck_drafted_for=neck)
    return [yoke, back, front]
