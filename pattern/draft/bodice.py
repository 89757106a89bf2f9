"""Close-fitting bodice block: back with waist dart and shoulder ease (or dart), front with
a bust dart (side seam, or pivoted to the shoulder) and a waist dart.

Method and sources, rule by rule:

* Frame (Aldrich, *Metric Pattern Cutting for Women's Wear*, close-fitting bodice block;
  pattern-findings §5.3): half bust + ease, armscye depth from nape-to-waist and bust,
  back width line at ½ across back + ease, neck and shoulder from neck girth, shoulder
  length and slope (`shared.torso`, shared with the shirt).
* Across front (women): Aldrich's chest width ≈ 0.95 × back width (size-12 chart: chest
  33.6, back 35.4 cm), with the same ease as the back width line.
* Side seam (women): squared down from the middle of the armhole width (Aldrich), i.e. the
  back shelf (back width line -> underarm) equals the front shelf (across-front line ->
  underarm) of the finished front; the old fixed 48/52 split left the bust dart's excess
  in the front scoop (8.8 cm on the comparison body, Bella 6.3).
* Bust (`bodice_bust`): the front is drafted on the **high bust** and the bust added by a
  **full-bust adjustment** hinged at the armhole pitch (Palmer & Alto, *Fit for Real
  People*; FreeSewing Bella rotates about the same point). Bust span, high bust and front
  length are used where measured and estimated otherwise; a fuller bust gives a bigger
  dart and a longer front, the bust point sits at half the bust span.
* Dart handling (`bodice_darts`, option ``dart_handling``): ``folded`` keeps the bust
  dart in the side seam as drafted (its mouth bridged; the dart is folded out when
  sewn); ``pivoted`` rotates it about the bust point into the mid-shoulder
  (Joseph-Armstrong's pivotal transfer) — sewn lengths and fabric area are unchanged.
* Back shoulder (option ``back_shoulder``): Aldrich drafts the back shoulder longer than
  the front; the excess (``back_shoulder_ease`` × shoulder length, ≈ 1 cm) is eased in or
  taken out by a mid-shoulder dart; stored as the edge's take-up so the shoulder seam
  check compares sewn lengths.
* Waist suppression (chest+ease − waist+ease, per half): ≈ 20 % per side seam, 25 % back
  dart, the rest front dart (pattern-findings §5.3 step 5); the front waist dart sits
  under the bust point, its point 2.5 % of the bust below it.
"""

from __future__ import annotations

import math

from pattern.draft.base import DraftContext, Option, Part
from pattern.draft.bodice_bust import Bust, Front, bust_inputs, cup, draft_front
from pattern.draft.bodice_darts import BACK_DART_DEPTH, back_shoulder, folded, pivoted
from pattern.draft.shared import Torso, armhole, back_neck, torso
from pattern.geometry import Line, Path, Point
from pattern.piece import Cut, Dart, Edge, Notch, Piece

MEASUREMENTS = ("chest_girth", "waist_girth", "neck_base_girth", "back_waist_length",
                "across_back", "shoulder_length")
#: Optional, estimated when absent (see `bodice_bust`).
BUST_MEASUREMENTS = ("bust_span", "high_bust_girth", "front_length")
OPTIONS = {
    "chest_ease": Option(0.10, 0.0, 0.35, ease=True,
                         description="ease over the bust (chest) girth"),
    "waist_ease": Option(0.05, 0.0, 0.30, ease=True, description="ease over the waist girth"),
    "back_slope": Option(17.0, 5.0, 30.0, kind="deg", description="back shoulder slope"),
    "front_slope": Option(21.0, 5.0, 35.0, kind="deg", description="front shoulder slope"),
    "back_shoulder": Option(0, 0, 2, kind="choice", choices=("ease", "dart", "none"),
                            description="back shoulder excess over the front: eased in, "
                            "taken out by a mid-shoulder dart, or none"),
    "back_shoulder_ease": Option(0.07, 0.0, 0.15, description="back shoulder excess, as a "
                                 "fraction of the shoulder length (0.07 ≈ 1 cm)"),
    "dart_handling": Option(0, 0, 1, kind="choice", choices=("folded", "pivoted"),
                            description="bust dart in the side seam as drafted (folded) or "
                            "pivoted about the bust point into the mid-shoulder"),
    "sa": Option(10.0, 0.0, 30.0, kind="mm", description="seam allowance"),
}
BACK_SHARE = 0.48  # back's share of the half frame before the side seam is balanced
CHEST_WIDTH = 0.95  # Aldrich chart: chest width / back width
LENGTH_SLOPE = 0.03  # warn when a measured front length slopes the waist more (× bust)
SETBACK = 0.02  # bust dart point short of the bust point, × bust
FRONT_DART_DROP = 0.025  # front waist dart point below the bust point, × bust


def _suppression(ctx: DraftContext, half: float) -> tuple[float, float]:
    """(side seam shaping per piece, back dart intake) from the waist suppression."""
    s = half - ctx["waist_girth"] * (1 + ctx.o("waist_ease")) / 2
    if s <= 0:
        return s / 2, 0.0
    return 0.2 * s, 0.25 * s


def _across_front(ctx: DraftContext, t: Torso, spread: float, womens: bool) -> float:
    """Half the chest width (Aldrich ≈ 0.95 × back width) + the back width line's ease;
    menswear keeps the frame's across-front."""
    if not womens:
        return t.across_front
    chest, e = ctx["chest_girth"], ctx.o("chest_ease")
    af = ctx["across_back"] / 2 * CHEST_WIDTH * (1 + 0.03 * (1 + e * 4))
    return min(af, t.front_tip.x - 0.005 * chest, t.front_w - spread - 0.035 * chest)


def _back(ctx: DraftContext, t: Torso, side: float, back_dart: float) -> Piece:
    sa, chest = ctx.o("sa"), ctx["chest_girth"]
    hps = Point(t.back_neck_w, -t.rise)
    sh = back_shoulder(hps, t.back_tip, ctx.choice("back_shoulder"),
                       ctx.o("back_shoulder_ease") * ctx["shoulder_length"],
                       BACK_DART_DEPTH * ctx["back_waist_length"])
    arm, pitch = armhole(sh.tip, hps, t.across_back, t.back_w, t.scye, 0.55)
    under, waist = Point(t.back_w, t.scye), Point(t.back_w - side, t.waist_y)
    dx = t.back_w * 0.5
    tip = Point(dx, t.scye + 0.02 * chest)
    dart = Dart("back_dart", Point(dx + back_dart / 2, t.waist_y), tip,
                Point(dx - back_dart / 2, t.waist_y))
    darts, holes = [dart], [Point(dx, tip.y - 0.012 * chest)]
    notches = [Notch("waist", waist.x - dart.leg_a.x), Notch("waist", waist.x - dart.leg_b.x),
               Notch("armhole", _pitch_dist(arm), "double")]
    if sh.dart is not None:
        darts.append(sh.dart)
        holes.append(sh.dart.tip.towards(sh.dart.leg_a.lerp(sh.dart.leg_b, 0.5), 0.012 * chest))
        notches += [Notch("shoulder", hps.dist(sh.dart.leg_a)),
                    Notch("shoulder", hps.dist(sh.dart.leg_b))]
    return Piece(
        name="bodice_back", code="A",
        edges=(Edge("neck", back_neck(t), sa),
               Edge("shoulder", sh.path, sa, takeup=sh.takeup),
               Edge("armhole", arm, sa),
               Edge("side", Path.of(Line(under, waist)), sa),
               Edge("waist", Path.of(Line(waist, Point(0, t.waist_y))), sa, takeup=back_dart),
               Edge("cb", Path.of(Line(Point(0, t.waist_y), Point(0, 0))), 0.0, "fold")),
        points={"cb_neck": Point(0, 0), "hps": hps, "shoulder_tip": sh.tip,
                "armhole_pitch": pitch, "underarm": under, "side_waist": waist,
                "cb_waist": Point(0, t.waist_y)},
        darts=tuple(darts), drill_holes=tuple(holes),
        grain=(Point(t.back_w * 0.25, t.scye * 0.4), Point(t.back_w * 0.25, t.waist_y * 0.9)),
        cut=Cut(1, on_fold=True),
        levels={"chest": t.scye + 0.002 * chest},
        notches=tuple(notches),
    )


def _waist_dart(waist_f: Point, cf_waist: Point, bp: Point, intake: float,
                tip: Point) -> Dart:
    """Front waist dart under the bust point, its legs on the (possibly sloped) waist."""
    u = (cf_waist - waist_f).unit()
    c = waist_f + u * ((waist_f.x - bp.x) / max(-u.x, 1e-9))
    return Dart("front_dart", c - u * (intake / 2), tip, c + u * (intake / 2))


def _front(ctx: DraftContext, t: Torso, back: Piece, bust: Bust, waist_target: float,
           womens: bool) -> tuple[Piece, Front, list[str]]:
    """Front drafted on the high bust + FBA; `waist_target` = its sewn waist length."""
    sa, chest = ctx.o("sa"), ctx["chest_girth"]
    under_b, waist_b = back.points["underarm"], back.points["side_waist"]
    side_len, side_dir = under_b.dist(waist_b), (waist_b - under_b).unit()
    c = cup(ctx.m, bust)
    spread = c * (1 + ctx.o("chest_ease")) / 2
    bp_x = min(bust.span / 2, 0.45 * (t.front_w + side_dir.x / side_dir.y * (t.waist_y - t.scye)))
    f = draft_front(t, side_dir, side_len, bust, spread, bp_x,
                    _across_front(ctx, t, spread, womens), fba=c > 0)
    lay = (pivoted if ctx.choice("dart_handling") == "pivoted" else folded)(f, SETBACK * chest)
    waist_f, bp = f.side_waist, f.bp
    cf_y = waist_f.y if bust.front_length is None else f.hps.y + bust.front_length
    warnings = []
    if abs(cf_y - waist_f.y) > LENGTH_SLOPE * chest:
        warnings.append(f"front_length {bust.front_length or 0:.0f} mm is "
                        f"{cf_y - waist_f.y:+.0f} mm from the bust-drafted front; the front "
                        "waist slopes by that much")
    cf_waist = Point(0, cf_y)
    waist = Path.of(Line(waist_f, cf_waist))
    intake = max(waist.length() - waist_target, 0.0)
    fd_y = max(bp.y + FRONT_DART_DROP * chest, f.level + 0.005 * chest)  # below the bust line
    fdart = _waist_dart(waist_f, cf_waist, bp, intake, Point(bp.x, fd_y))
    darts, holes = [fdart], [Point(bp.x, fdart.tip.y - 0.012 * chest)]
    notches = [Notch("waist", waist_f.dist(fdart.leg_a)), Notch("waist", waist_f.dist(fdart.leg_b)),
               Notch("armhole", _pitch_dist(lay.armhole))]
    if lay.dart is not None:  # the mouth is the second segment of the side or shoulder
        d, on = lay.dart, "side" if lay.side_takeup else "shoulder"
        darts.append(d)
        holes.append(d.tip.towards(d.leg_a.lerp(d.leg_b, 0.5), 0.012 * chest))
        seg = (lay.side if on == "side" else lay.shoulder).segments
        notches += [Notch(on, seg[0].length()), Notch(on, seg[0].length() + seg[1].length())]
    front = Piece(
        name="bodice_front", code="B",
        edges=(Edge("neck", f.neck, sa),
               Edge("shoulder", lay.shoulder, sa, takeup=lay.shoulder_takeup),
               Edge("armhole", lay.armhole, sa),
               Edge("side", lay.side, sa, takeup=lay.side_takeup),
               Edge("waist", waist, sa, takeup=intake),
               Edge("cf", Path.of(Line(cf_waist, f.cf_neck)), 0.0, "fold")),
        points={"cf_neck": f.cf_neck, "hps": f.hps, "shoulder_tip": lay.tip,
                "armhole_pitch": lay.pitch, "underarm": lay.under, "side_waist": waist_f,
                "cf_waist": cf_waist, "bust_point": bp},
        darts=tuple(darts), drill_holes=tuple(holes),
        grain=(Point(t.front_w * 0.3, t.scye * 0.4), Point(t.front_w * 0.3, waist_f.y * 0.9)),
        cut=Cut(1, on_fold=True),
        levels={"chest": f.level if f.alpha > 0 else back.levels["chest"]},
        notches=tuple(notches),
    )
    return front, f, warnings


def draft_bodice(ctx: DraftContext) -> list[Piece]:
    """Back and front; stores armhole lengths and neckline for sleeve/collar, and the bust
    figures (inputs, their sources, dart angle and intake, front length).

    Women's (or any measured cup): the side seam is moved until the back and front
    armhole shelves are equal (Aldrich: side seam from the middle of the armhole width);
    menswear keeps the frame's 48/52 split."""
    half_waist = ctx["waist_girth"] * (1 + ctx.o("waist_ease")) / 2
    share = BACK_SHARE
    for _ in range(4):
        t = torso(ctx, ctx.o("chest_ease"), back_share=share)
        side, back_dart = _suppression(ctx, t.back_w + t.front_w)
        back = _back(ctx, t, side, back_dart)
        bust = bust_inputs(ctx.m, t.waist_y + t.rise)
        womens = ctx.m.sex == "female" or cup(ctx.m, bust) > 0
        front, f, warnings = _front(ctx, t, back, bust,
                                    half_waist - (back.points["side_waist"].x - back_dart), womens)
        diff = (f.under.x - f.pitch.x) - (t.back_w - t.across_back)
        if not womens or abs(diff) < 0.2:
            break
        share += diff / (1 + math.cos(f.alpha)) / (t.back_w + t.front_w)
    ctx.warnings.extend(warnings)
    arm_b, arm_f = back.edge("armhole").path, front.edge("armhole").path
    dart = next((d for d in front.darts if d.name == "bust_dart"), None)
    p = front.points
    ctx.store.update(armhole_back=arm_b.length(), armhole_front=arm_f.length(),
                     pitch_back=_pitch_dist(arm_b), pitch_front=_pitch_dist(arm_f),
                     neck_back=back.edge("neck").length(), neck_front=front.edge("neck").length(),
                     bust_span=bust.span, high_bust_girth=bust.high_bust,
                     bust_sources=dict(bust.sources), back_length=t.waist_y + t.rise,
                     front_length=p["cf_waist"].y - p["hps"].y, front_drop=f.drop,
                     bust_dart_angle=math.degrees(f.alpha),
                     bust_dart_intake=dart.leg_a.dist(dart.leg_b) if dart else 0.0,
                     back_shoulder_ease=back.edge("shoulder").takeup)
    return [back, front]


def _pitch_dist(arm: Path) -> float:
    """Distance along the armhole (from the shoulder) of its pitch point."""
    return arm.segments[0].length()


BACK_FRONT = Part("bodice", MEASUREMENTS, OPTIONS, draft_bodice)
