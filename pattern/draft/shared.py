"""Construction shared by several blocks: torso frame, necklines, armholes, hip depth.

Recipes follow the generic close-fitting block in pattern-findings §5.3 (Aldrich/Bella
proportions); every constant is a fraction of a measurement (ant-man principle).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from pattern.draft.base import DraftContext
from pattern.geometry import CubicBezier, Path, Point, smooth_cubic
from pattern.measurements import Measurements


def hip_depth(ctx: DraftContext) -> float:
    """Waist-to-hip distance ≈ 19 % of waist height (≈ 20 cm for 102 cm)."""
    return 0.19 * ctx["waist_height"]


def scye_depth(ctx: DraftContext, extra: float = 0.0) -> float:
    """Nape to chest/underarm line: 30 % back waist length + 10 % chest (+ extra·chest)."""
    return 0.30 * ctx["back_waist_length"] + (0.10 + extra) * ctx["chest_girth"]


@dataclass(frozen=True)
class Torso:
    """Half-torso frame in a CB/CF-at-x=0 system, y=0 at the nape level, y down."""

    back_w: float
    front_w: float
    scye: float
    waist_y: float
    rise: float
    back_neck_w: float
    front_neck_w: float
    front_neck_y: float
    back_tip: Point
    front_tip: Point
    across_back: float
    across_front: float


def torso(ctx: DraftContext, chest_ease: float, scye_extra: float = 0.0,
          back_share: float = 0.48) -> Torso:
    """Frame: widths at the chest line from chest + ease, neck and shoulder points."""
    chest, neck = ctx["chest_girth"], ctx["neck_base_girth"]
    half = chest * (1 + chest_ease) / 2
    back_w = half * back_share
    scye = scye_depth(ctx, scye_extra)
    nw = 0.19 * neck
    rise = nw / 3.2
    hps = Point(nw, -rise)
    sl = ctx["shoulder_length"]
    b_ang, f_ang = math.radians(ctx.o("back_slope")), math.radians(ctx.o("front_slope"))
    back_tip = hps.polar(b_ang, sl)
    front_tip = Point(nw - 0.015 * neck, -rise).polar(f_ang, sl)
    ab = ctx["across_back"] / 2 * (1 + 0.03 * (1 + chest_ease * 4))
    af = ctx["across_back"] / 2 * 0.93 * (1 + 0.03 * (1 + chest_ease * 4))
    ab = min(ab, back_tip.x - 0.005 * chest, back_w - 0.03 * chest)
    af = min(af, front_tip.x - 0.005 * chest, (half - back_w) - 0.035 * chest)
    return Torso(back_w=back_w, front_w=half - back_w, scye=scye,
                 waist_y=ctx["back_waist_length"], rise=rise, back_neck_w=nw,
                 front_neck_w=nw - 0.015 * neck, front_neck_y=-rise + 0.21 * neck,
                 back_tip=back_tip, front_tip=front_tip, across_back=ab, across_front=af)


def back_neck(t: Torso) -> Path:
    """CB neck -> HPS."""
    return Path.of(smooth_cubic(Point(0, 0), Point(1, 0), Point(t.back_neck_w, -t.rise),
                                Point(0.3, -1), k=0.45))


def front_neck(t: Torso) -> Path:
    """CF neck -> HPS."""
    a, b = Point(0, t.front_neck_y), Point(t.front_neck_w, -t.rise)
    return Path.of(CubicBezier(a, a + Point(0.55 * (b.x - a.x), 0),
                               b + Point(0, 0.5 * (a.y - b.y)) + Point(-0.1 * (b.x - a.x), 0), b))


def armhole(tip: Point, shoulder_from: Point, across: float, width: float, scye: float,
            pitch_frac: float) -> tuple[Path, Point]:
    """Shoulder tip -> pitch point (on the across line) -> underarm at (width, scye)."""
    sdir = (tip - shoulder_from).unit()
    down = Point(-sdir.y, sdir.x)  # perpendicular to the shoulder, pointing down/inward
    pitch = Point(across, tip.y + (scye - tip.y) * pitch_frac)
    under = Point(width, scye)
    a = smooth_cubic(tip, down, pitch, Point(0, 1), k=0.4)
    r = min(under.x - pitch.x, under.y - pitch.y)
    b = CubicBezier(pitch, pitch + Point(0, (under.y - pitch.y) * 0.55),
                    under - Point(max(r, 0.0) * 0.75, 0), under)
    return Path.of(a, b), pitch


def neckline_length(t: Torso) -> float:
    """Half neckline on the drafted frame: back neck + front neck (CB -> HPS, CF -> HPS)."""
    return back_neck(t).length() + front_neck(t).length()


def torso_for_neckline(ctx: DraftContext, half_neckline: float, chest_ease: float,
                       scye_extra: float = 0.0, back_share: float = 0.48) -> tuple[Torso, float]:
    """`torso` with its neck drafted so that the half neckline is `half_neckline` long.

    The frame's neck width, rise and depth come from a neck girth; here that girth is
    found by a fitting loop (FreeSewing Brian's documented collar fit: the neck opening is
    iterated to the collar length) instead of being read from ``neck_base_girth``.
    Returns the frame and the neck girth it was drafted for.
    """
    neck = half_neckline * 2.0
    t = torso(ctx, chest_ease, scye_extra, back_share)
    for _ in range(8):  # the neckline scales with the girth: one or two rounds suffice
        m = Measurements({**ctx.m.values_mm, "neck_base_girth": neck}, ctx.m.sex, ctx.m.derived)
        t = torso(replace(ctx, m=m), chest_ease, scye_extra, back_share)
        got = neckline_length(t)
        if abs(got - half_neckline) < 0.05:
            break
        neck *= half_neckline / got
    return t, neck
