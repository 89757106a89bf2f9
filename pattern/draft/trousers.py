"""Trouser block (front and back) with crotch curves and three fitting loops.

Frame per leg: y=0 at the waist, side seam at x=0 on the hip line, fork towards +x.
Loops (pattern-findings §5.3 "Trousers", Titan): back fork drop trues the inseams,
back side-waist height trues the outseams, CB raise matches the measured crotch length.
"""

from __future__ import annotations

from dataclasses import dataclass

from pattern.draft.base import DraftContext, Option, Part
from pattern.draft.shared import hip_depth
from pattern.geometry import CubicBezier, Line, Path, Point, bisect, smooth_cubic
from pattern.piece import Cut, Dart, Edge, Notch, Piece

MEASUREMENTS = ("waist_girth", "hip_girth", "waist_height", "inside_leg", "crotch_length",
                "thigh_girth", "knee_height")
OPTIONS = {
    "hip_ease": Option(0.04, 0.0, 0.25, ease=True),
    "waist_ease": Option(0.02, 0.0, 0.15, ease=True),
    "crotch_ease": Option(0.02, -0.05, 0.10),
    "rise_ease": Option(0.03, 0.0, 0.15),
    "knee_ratio": Option(0.78, 0.5, 1.3, kind="ratio"),  # knee width / thigh girth
    "hem_ratio": Option(0.90, 0.5, 1.3, kind="ratio"),  # hem width / knee width
    "length": Option(0.96, 0.4, 1.0, kind="ratio"),  # × waist height
    "sa": Option(10.0, 0.0, 30.0, kind="mm"),
    "hem": Option(40.0, 0.0, 80.0, kind="mm"),
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
    knee_w = ctx["thigh_girth"] * ctx.o("knee_ratio")
    return Leg(hd, rise, ctx["waist_height"] - ctx["knee_height"],
               ctx["waist_height"] * ctx.o("length"), knee_w, knee_w * ctx.o("hem_ratio"))


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
           name: str) -> tuple[Edge, Dart | None, float]:
    line = Path.of(Line(side_w, centre_w))
    dart = line.length() - target
    if dart < 0.5:
        return Edge("waist", line, 10.0), None, 0.0
    mid = side_w.lerp(centre_w, 0.5)
    d = (centre_w - side_w).unit()
    down = Point(-d.y, d.x) if Point(-d.y, d.x).y > 0 else Point(d.y, -d.x)
    return (Edge("waist", line, 10.0, takeup=dart),
            Dart(name, mid - d * (dart / 2), mid + down * dart_len, mid + d * (dart / 2)), dart)


def _side_in(centre_x: float, target: float) -> float:
    extra = centre_x - target
    return 0.55 * extra if extra > 0 else extra


def draft_trousers(ctx: DraftContext) -> list[Piece]:
    """Front first (fixed), then the back trued to it."""
    hip, leg = ctx["hip_girth"], _leg(ctx)
    half_h = hip * (1 + ctx.o("hip_ease")) / 2
    half_w = ctx["waist_girth"] * (1 + ctx.o("waist_ease")) / 2
    f_hip, b_hip = half_h / 2 - 0.01 * hip, half_h / 2 + 0.01 * hip
    f_target, b_target = half_w * 0.48, half_w * 0.52
    # ---- front
    fe = 0.18 * f_hip
    ch, fork = Point(f_hip, leg.hd), Point(f_hip + fe, leg.rise)
    cw = Point(f_hip - 0.01 * hip, 0)
    crease_f = 0.48 * (f_hip + fe)
    kf, hf = leg.knee_w * 0.45 / 2, leg.hem_w * 0.45 / 2
    sw_f = Point(_side_in(cw.x, f_target), 0)
    crotch_f = Path.of(Line(cw, ch), CubicBezier(ch, ch + Point(0, (leg.rise - leg.hd) * 0.55),
                                                 fork - Point(fe * 0.55, 0), fork))
    ins_f, out_f = _inseam(fork, crease_f, kf, hf, leg), _outseam(sw_f, crease_f, kf, hf, leg)
    waist_f, dart_f, _ = _waist(sw_f, cw, f_target, 0.4 * leg.hd, "front_dart")
    # ---- back
    be, tilt = 0.38 * b_hip, 0.035 * hip
    bh = Point(b_hip, leg.hd)
    crease_b = 0.5 * (b_hip + be) - 0.01 * hip
    kb, hb = leg.knee_w * 0.55 / 2, leg.hem_w * 0.55 / 2

    def fork_b(drop: float) -> Point:
        return Point(b_hip + be, leg.rise + drop)

    drop = bisect(lambda d: _inseam(fork_b(d), crease_b, kb, hb, leg).length()
                  - ins_f.length(), -0.3 * leg.rise, 0.3 * leg.rise, tol=0.01)
    fb = fork_b(drop)

    def crotch_b(raise_: float) -> Path:
        bw = Point(b_hip - tilt, -raise_)
        down = (bh - bw).unit()
        return Path.of(Line(bw, bh), CubicBezier(bh, bh + down * ((leg.rise - leg.hd) * 0.5),
                                                 fb - Point(be * 0.6, 0), fb))

    target_b = ctx["crotch_length"] * (1 + ctx.o("crotch_ease")) - crotch_f.length()
    raise_ = bisect(lambda r: crotch_b(r).length() - target_b, -0.05 * leg.rise,
                    0.5 * leg.rise, tol=0.01)
    cr_b = crotch_b(raise_)
    if abs(cr_b.length() - target_b) > 3.0:
        ctx.warnings.append(f"trousers: crotch length off by {cr_b.length() - target_b:.0f} mm")
    bw = cr_b.start
    sx_b = _side_in(bw.x, b_target)
    delta = bisect(lambda d: _outseam(Point(sx_b, -d), crease_b, kb, hb, leg).length()
                   - out_f.length(), -0.2 * leg.rise, 0.3 * leg.rise, tol=0.01)
    sw_b = Point(sx_b, -delta)
    out_b, ins_b = _outseam(sw_b, crease_b, kb, hb, leg), _inseam(fb, crease_b, kb, hb, leg)
    waist_b, dart_b, _ = _waist(sw_b, bw, b_target, 0.55 * leg.hd, "back_dart")
    ctx.store.update(crotch_front=crotch_f.length(), crotch_back=cr_b.length(),
                     crotch_target=target_b + crotch_f.length())
    return [_piece(ctx, "trousers_front", "G", waist_f, crotch_f, ins_f, out_f, dart_f,
                   crease_f, leg, "slit"),
            _piece(ctx, "trousers_back", "H", waist_b, cr_b, ins_b, out_b, dart_b, crease_b,
                   leg, "double")]


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
