"""Trouser block (front and back), Aldrich's construction with three fitting loops.

Frame per leg: y=0 at the waist, side seam at x=0 on the hip line, fork towards +x.
Crotch depth = body rise (waist height − inside leg) + ``rise_ease``; hip line at
:func:`~pattern.draft.shared.hip_depth`; knee at waist height − knee height.
The crotch (cross seam) follows W. Aldrich, *Metric Pattern Cutting for Women's Wear*,
"The trouser block"; the rules and their sources are listed in
:mod:`pattern.draft.trousers_crotch`. Loops (pattern-findings §5.3 "Trousers", FreeSewing
Titan): front fork extension and back seat angle + fork extension match the measured
crotch length, the back fork drop trues the inseams, the back side-waist height trues
the outseams. Legs: knee = thigh × ``knee_ratio`` split 45 % front / 55 % back (Titan's
leg balance 57.5 % back), hem = knee × ``hem_ratio``, both scaled by ``leg_shape``.
"""

from __future__ import annotations

from dataclasses import dataclass

from pattern.draft import trousers_crotch as crotch
from pattern.draft import waistband
from pattern.draft.base import DraftContext, Option, Part
from pattern.draft.shared import hip_depth
from pattern.geometry import Line, Path, Point, bisect, smooth_cubic
from pattern.piece import Cut, Dart, Edge, Notch, Piece

MEASUREMENTS = ("waist_girth", "hip_girth", "waist_height", "inside_leg", "crotch_length",
                "thigh_girth", "knee_height")
#: (knee, hem) width multipliers per leg shape.
LEG_SHAPES = {"straight": (1.0, 1.0), "tapered": (0.94, 0.78), "wide": (1.12, 1.35)}
OPTIONS = {
    "hip_ease": Option(0.04, 0.0, 0.25, ease=True,
                       description="ease at the hip line, fraction of the hip girth"),
    "waist_ease": Option(0.02, 0.0, 0.15, ease=True,
                         description="ease at the waist seam, fraction of the waist girth"),
    "crotch_ease": Option(0.02, -0.05, 0.10,
                          description="ease of the cross seam (front + back crotch), "
                                      "fraction of the body crotch length"),
    "rise_ease": Option(0.03, 0.0, 0.15,
                        description="crotch depth ease, fraction of the body rise "
                                    "(waist height − inside leg)"),
    "front_rise_share": Option(0.45, 0.38, 0.5, kind="ratio",
                               description="share of the cross seam in the front crotch "
                                           "(Aldrich's block ≈ 0.45; the back gets the rest)"),
    "leg_shape": Option(0, 0, 2, kind="choice", choices=tuple(LEG_SHAPES),
                        description="straight; tapered (knee ×0.94, hem ×0.78); "
                                    "wide (knee ×1.12, hem ×1.35)"),
    "knee_ratio": Option(0.78, 0.5, 1.3, kind="ratio",
                         description="knee width (front + back) / thigh girth, "
                                     "before leg_shape"),
    "hem_ratio": Option(0.90, 0.5, 1.3, kind="ratio",
                        description="hem width / knee width, before leg_shape"),
    "length": Option(0.96, 0.4, 1.0, kind="ratio",
                     description="waist-to-hem length / waist height (1.0 reaches the floor, "
                                 "0.45 makes shorts)"),
    **waistband.OPTIONS,
    "sa": Option(10.0, 0.0, 30.0, kind="mm", description="seam allowance in mm"),
    "hem": Option(40.0, 0.0, 80.0, kind="mm", description="hem allowance in mm"),
}


@dataclass(frozen=True)
class Leg:
    """Frame numbers shared by front and back."""

    hd: float
    rise: float
    knee_y: float
    hem_y: float
    knee_w: float
    hem_w: float


def _leg(ctx: DraftContext) -> Leg:
    rise = (ctx["waist_height"] - ctx["inside_leg"]) * (1 + ctx.o("rise_ease"))
    hd = min(hip_depth(ctx), 0.8 * rise)
    k_shape, h_shape = LEG_SHAPES[ctx.choice("leg_shape")]
    knee_w = ctx["thigh_girth"] * ctx.o("knee_ratio") * k_shape
    hem_y = ctx["waist_height"] * ctx.o("length")
    knee_y = min(ctx["waist_height"] - ctx["knee_height"], rise + 0.55 * (hem_y - rise))
    return Leg(hd, rise, knee_y, hem_y, knee_w, knee_w * ctx.o("hem_ratio") * h_shape)


def _inseam(fork: Point, crease: float, half_k: float, half_h: float, leg: Leg) -> Path:
    k, h = Point(crease + half_k, leg.knee_y), Point(crease + half_h, leg.hem_y)
    lead = Point((k.x - fork.x) * 0.4, k.y - fork.y).unit()
    return Path.of(smooth_cubic(fork, lead, k, (h - k).unit(), k=0.4), Line(k, h))


def _outseam(side_w: Point, crease: float, half_k: float, half_h: float, leg: Leg) -> Path:
    """Hem -> knee -> hip -> side waist."""
    k, h, sh = Point(crease - half_k, leg.knee_y), Point(crease - half_h, leg.hem_y), \
        Point(0, leg.hd)
    up = (sh - side_w).unit()
    return Path.of(Line(h, k), smooth_cubic(k, (k - h).unit(), sh, Point(0, -1), k=0.4),
                   smooth_cubic(sh, Point(0, -1), side_w, -up, k=0.4))


def _waist(side_w: Point, centre_w: Point, target: float, dart_len: float,
           name: str) -> tuple[Edge, Dart | None]:
    line = Path.of(Line(side_w, centre_w))
    dart = line.length() - target
    if dart < 0.5:
        return Edge("waist", line, 10.0), None
    mid = side_w.lerp(centre_w, 0.5)
    d = (centre_w - side_w).unit()
    down = Point(-d.y, d.x) if Point(-d.y, d.x).y > 0 else Point(d.y, -d.x)
    return (Edge("waist", line, 10.0, takeup=dart),
            Dart(name, mid - d * (dart / 2), mid + down * dart_len, mid + d * (dart / 2)))


def _side_in(centre_x: float, target: float) -> float:
    extra = centre_x - target
    return 0.55 * extra if extra > 0 else extra


def draft_trousers(ctx: DraftContext) -> list[Piece]:
    """Front first (fitted to its share of the crotch), then the back trued to it."""
    hip, leg = ctx["hip_girth"], _leg(ctx)
    half_h = hip * (1 + ctx.o("hip_ease")) / 2
    half_w = ctx["waist_girth"] * (1 + ctx.o("waist_ease")) / 2
    f_hip, b_hip = half_h / 2 - 0.01 * hip, half_h / 2 + 0.01 * hip
    f_target, b_target = half_w * 0.48, half_w * 0.52
    total = ctx["crotch_length"] * (1 + ctx.o("crotch_ease"))
    # ---- front
    crotch_f = crotch.fit_front(Point(f_hip, leg.hd), leg.rise, hip,
                                total * ctx.o("front_rise_share"))
    crease_f = 0.48 * crotch_f.end.x
    kf, hf = leg.knee_w * 0.45 / 2, leg.hem_w * 0.45 / 2
    sw_f = Point(_side_in(crotch_f.start.x, f_target), 0)
    ins_f = _inseam(crotch_f.end, crease_f, kf, hf, leg)
    out_f = _outseam(sw_f, crease_f, kf, hf, leg)
    waist_f, dart_f = _waist(sw_f, crotch_f.start, f_target, 0.4 * leg.hd, "front_dart")
    # ---- back
    kb, hb = leg.knee_w * 0.55 / 2, leg.hem_w * 0.55 / 2

    def crease_b(fork_x: float) -> float:
        return 0.5 * fork_x - 0.01 * hip

    def drop_for(fork_x: float) -> float:
        return bisect(lambda d: _inseam(Point(fork_x, leg.rise + d), crease_b(fork_x), kb, hb,
                                        leg).length() - ins_f.length(),
                      -0.3 * leg.rise, 0.3 * leg.rise, tol=0.01)

    back = crotch.fit_back(Point(b_hip, leg.hd), leg.rise, hip, total - crotch_f.length(),
                           drop_for)
    cr_b, cb = back.path, crease_b(back.path.end.x)
    if abs(cr_b.length() + crotch_f.length() - total) > 2.0:
        ctx.warnings.append("trousers: crotch length off by "
                            f"{cr_b.length() + crotch_f.length() - total:.0f} mm")
    sx_b = _side_in(cr_b.start.x, b_target)
    delta = bisect(lambda d: _outseam(Point(sx_b, -d), cb, kb, hb, leg).length()
                   - out_f.length(), -0.2 * leg.rise, 0.3 * leg.rise, tol=0.01)
    sw_b = Point(sx_b, -delta)
    out_b, ins_b = _outseam(sw_b, cb, kb, hb, leg), _inseam(cr_b.end, cb, kb, hb, leg)
    waist_b, dart_b = _waist(sw_b, cr_b.start, b_target, 0.55 * leg.hd, "back_dart")
    ctx.store.update(crotch_front=crotch_f.length(), crotch_back=cr_b.length(),
                     crotch_target=total, cb_raise=sw_b.y - cr_b.start.y,
                     seat_slope=back.seat_slope, back_fork=back.extension,
                     front_fork=crotch_f.end.x - f_hip, fork_drop=back.drop)
    pieces = [_piece(ctx, "trousers_front", "G", waist_f, crotch_f, ins_f, out_f, dart_f,
                     crease_f, leg, "slit"),
              _piece(ctx, "trousers_back", "H", waist_b, cr_b, ins_b, out_b, dart_b, cb,
                     leg, "double")]
    if ctx.flag("waistband"):
        f_w, b_w = waist_f.sewn_length(), waist_b.sewn_length()
        pieces.append(waistband.waistband(
            "trousers_waistband", "W", 2 * (f_w + b_w), ctx["waist_girth"],
            ctx.o("waistband_height"), ctx.o("sa"), (f_w, f_w + b_w, f_w + 2 * b_w)))
    return pieces


def _piece(ctx: DraftContext, name: str, code: str, waist: Edge, crotch: Path, ins: Path,
           out: Path, dart: Dart | None, crease: float, leg: Leg, nk: str) -> Piece:
    sa = ctx.o("sa")
    edges = (Edge("waist", waist.path, sa, takeup=waist.takeup),
             Edge("crotch", crotch, sa), Edge("inseam", ins, sa),
             Edge("hem", Path.of(Line(ins.end, out.start)), ctx.o("hem"), "hem"),
             Edge("outseam", out, sa))
    hip = ctx["hip_girth"]
    return Piece(
        name=name, code=code, edges=edges,
        points={"side_waist": waist.path.start, "centre_waist": crotch.start,
                "centre_hip": crotch.segments[0].end, "fork": crotch.end,
                "knee_inner": ins.segments[0].end, "knee_outer": out.segments[0].end,
                "side_hip": out.segments[1].end},
        darts=(dart,) if dart else (),
        drill_holes=(dart.tip.towards(dart.leg_a.lerp(dart.leg_b, 0.5), 0.01 * hip),)
        if dart else (),
        grain=(Point(crease, leg.hd), Point(crease, leg.hem_y * 0.95)),
        cut=Cut(2, mirrored=True), levels={"hip": leg.hd + 1.0},
        notches=(Notch("outseam", out.length() - out.segments[2].length(), nk),
                 Notch("inseam", ins.segments[0].length(), nk),
                 Notch("crotch", crotch.segments[0].length(), nk)),
    )


TROUSERS = Part("trousers", MEASUREMENTS, OPTIONS, draft_trousers)
