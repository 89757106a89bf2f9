"""Close-fitting bodice block: back with waist dart, front with side bust dart and waist dart.

Waist suppression (chest+ease − waist+ease, per half) is shared ≈ 20 % per side seam,
25 % back dart, the rest front dart (pattern-findings §5.3 step 5). The bust dart
(`bust_dart` × chest) lengthens the front; its mouth sits in the side seam so the front
side seam sews to the back one at equal length.
"""

from __future__ import annotations

from pattern.draft.base import DraftContext, Option, Part
from pattern.draft.shared import armhole, back_neck, front_neck, torso
from pattern.geometry import Line, Path, Point
from pattern.piece import Cut, Dart, Edge, Notch, Piece

MEASUREMENTS = ("chest_girth", "waist_girth", "neck_base_girth", "back_waist_length",
                "across_back", "shoulder_length")
OPTIONS = {
    "chest_ease": Option(0.10, 0.0, 0.35, ease=True),
    "waist_ease": Option(0.05, 0.0, 0.30, ease=True),
    "bust_dart": Option(0.05, 0.0, 0.10),  # female default; male 0
    "back_slope": Option(17.0, 5.0, 30.0, kind="deg"),
    "front_slope": Option(21.0, 5.0, 35.0, kind="deg"),
    "sa": Option(10.0, 0.0, 30.0, kind="mm"),
}


def _suppression(ctx: DraftContext, half: float) -> tuple[float, float]:
    """(side seam shaping per piece, back dart intake) from the waist suppression."""
    s = half - ctx["waist_girth"] * (1 + ctx.o("waist_ease")) / 2
    if s <= 0:
        return s / 2, 0.0
    return 0.2 * s, 0.25 * s


def draft_bodice(ctx: DraftContext) -> list[Piece]:
    """Back and front bodice; stores armhole lengths and neckline for sleeve/collar."""
    t = torso(ctx, ctx.o("chest_ease"))
    half = t.back_w + t.front_w
    side, back_dart = _suppression(ctx, half)
    half_waist = ctx["waist_girth"] * (1 + ctx.o("waist_ease")) / 2
    sa, chest = ctx.o("sa"), ctx["chest_girth"]
    dart_amt = ctx.o("bust_dart") * chest if ctx.m.sex == "female" else 0.0
    if "bust_dart" in ctx.store.get("explicit", ()):
        dart_amt = ctx.o("bust_dart") * chest

    # ---- back
    hps_b = Point(t.back_neck_w, -t.rise)
    arm_b, pitch_b = armhole(t.back_tip, hps_b, t.across_back, t.back_w, t.scye, 0.55)
    under_b = Point(t.back_w, t.scye)
    waist_b = Point(t.back_w - side, t.waist_y)
    dx_b = t.back_w * 0.5
    tip_b = Point(dx_b, t.scye + 0.02 * chest)
    bdart = Dart("back_dart", Point(dx_b + back_dart / 2, t.waist_y), tip_b,
                 Point(dx_b - back_dart / 2, t.waist_y))
    back = Piece(
        name="bodice_back", code="A",
        edges=(Edge("neck", back_neck(t), sa),
               Edge("shoulder", Path.of(Line(hps_b, t.back_tip)), sa),
               Edge("armhole", arm_b, sa),
               Edge("side", Path.of(Line(under_b, waist_b)), sa),
               Edge("waist", Path.of(Line(waist_b, Point(0, t.waist_y))), sa, takeup=back_dart),
               Edge("cb", Path.of(Line(Point(0, t.waist_y), Point(0, 0))), 0.0, "fold")),
        points={"cb_neck": Point(0, 0), "hps": hps_b, "shoulder_tip": t.back_tip,
                "armhole_pitch": pitch_b, "underarm": under_b, "side_waist": waist_b,
                "cb_waist": Point(0, t.waist_y)},
        darts=(bdart,),
        drill_holes=(Point(dx_b, tip_b.y - 0.012 * chest),),
        grain=(Point(t.back_w * 0.25, t.scye * 0.4), Point(t.back_w * 0.25, t.waist_y * 0.9)),
        cut=Cut(1, on_fold=True),
        levels={"chest": t.scye + 0.002 * chest},
        notches=(Notch("waist", waist_b.x - bdart.leg_a.x), Notch("waist", waist_b.x - bdart.leg_b.x),
                 Notch("armhole", _pitch_dist(arm_b), "double")),
    )

    # ---- front
    hps_f = Point(t.front_neck_w, -t.rise)
    arm_f, pitch_f = armhole(t.front_tip, hps_f, t.across_front, t.front_w, t.scye, 0.62)
    under_f = Point(t.front_w, t.scye)
    vec = waist_b - under_b
    ls = vec.norm()
    d = vec.unit()
    a_dist = 0.12 * (t.waist_y - t.scye)
    pa, pb = under_f + d * a_dist, under_f + d * (a_dist + dart_amt)
    waist_f = under_f + d * (ls + dart_amt)
    bp_x = min(0.1 * chest, 0.45 * waist_f.x)
    bust_tip = Point(bp_x + 0.016 * chest, (pa.y + pb.y) / 2)
    back_sewn = (waist_b.x - back_dart)
    front_dart = max(waist_f.x - (half_waist - back_sewn), 0.0)
    fd_tip = Point(bp_x, bust_tip.y + 0.025 * chest)
    fdart = Dart("front_dart", Point(bp_x + front_dart / 2, waist_f.y), fd_tip,
                 Point(bp_x - front_dart / 2, waist_f.y))
    side_path = Path.polyline([under_f, pa, pb, waist_f]) if dart_amt > 0 else \
        Path.of(Line(under_f, waist_f))
    darts = [fdart]
    holes = [Point(bp_x, fd_tip.y - 0.012 * chest)]
    if dart_amt > 0:
        darts.append(Dart("bust_dart", pa, bust_tip, pb))
        holes.append(bust_tip.towards(pa.lerp(pb, 0.5), 0.012 * chest))
    cf_waist = Point(0, waist_f.y)
    front = Piece(
        name="bodice_front", code="B",
        edges=(Edge("neck", front_neck(t), sa),
               Edge("shoulder", Path.of(Line(hps_f, t.front_tip)), sa),
               Edge("armhole", arm_f, sa),
               Edge("side", side_path, sa, takeup=dart_amt),
               Edge("waist", Path.of(Line(waist_f, cf_waist)), sa, takeup=front_dart),
               Edge("cf", Path.of(Line(cf_waist, Point(0, t.front_neck_y))), 0.0, "fold")),
        points={"cf_neck": Point(0, t.front_neck_y), "hps": hps_f, "shoulder_tip": t.front_tip,
                "armhole_pitch": pitch_f, "underarm": under_f, "side_waist": waist_f,
                "cf_waist": cf_waist, "bust_point": Point(bp_x, bust_tip.y)},
        darts=tuple(darts), drill_holes=tuple(holes),
        grain=(Point(t.front_w * 0.3, t.scye * 0.4), Point(t.front_w * 0.3, waist_f.y * 0.9)),
        cut=Cut(1, on_fold=True),
        levels={"chest": t.scye + 0.002 * chest},
        notches=(Notch("waist", waist_f.x - fdart.leg_a.x), Notch("waist", waist_f.x - fdart.leg_b.x),
                 Notch("armhole", _pitch_dist(arm_f)),
                 *((Notch("side", a_dist), Notch("side", a_dist + dart_amt)) if dart_amt else ())),
    )
    ctx.store.update(armhole_back=arm_b.length(), armhole_front=arm_f.length(),
                     pitch_back=_pitch_dist(arm_b), pitch_front=_pitch_dist(arm_f),
                     neck_back=back.edge("neck").length(), neck_front=front.edge("neck").length())
    return [back, front]


def _pitch_dist(arm: Path) -> float:
    """Distance along the armhole (from the shoulder) of its pitch point."""
    return arm.segments[0].length()


BACK_FRONT = Part("bodice", MEASUREMENTS, OPTIONS, draft_bodice)
