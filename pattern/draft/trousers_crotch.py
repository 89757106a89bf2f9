"""Crotch (cross seam) of the trouser block: Aldrich's construction, fitted to the body.

Method: W. Aldrich, *Metric Pattern Cutting for Women's Wear*, "The trouser block" (step
numbers as in the book; also reproduced step by step in 《服装英语实用教材》 3rd ed.,
Part 3 "The Basic Trousers Block"). Every fixed centimetre of the book is kept as the same
fraction of its size-12 hip (≈ 100 cm), so the draft scales (ant-man principle):

front
  * CF waist 1 cm inside the CF line (7–10 = 1 cm)                     → ``CF_IN`` · hip
  * fork extension 5–9 = hip/16 + 0.5 cm                               → :func:`front_extension`
  * crotch curve touches the 45° bisector 3 cm from the corner 5 (sizes 8–14; 3.25 and
    3.5 cm in larger sizes)                                            → ``TOUCH_F`` · hip
back
  * CB waist 2 cm inside the CB line (18–20) and raised 2 cm (20–21)   → ``RAISE`` · hip
  * CB seat line 21–19 through 19, half-way up the rise (16–19 = ½ 16–18): the seat angle
  * fork: 16–5 = ¼ (1–5) with 1–5 = hip/12 + 1.5 cm, plus the front extension 5–9, plus
    half of it (9–23); Aldrich's 0.5 cm fork drop (23–24) is replaced by inseam truing
  * crotch curve touches the bisector 4.25 cm from the corner 16      → ``TOUCH_B`` · hip

Fitting (FreeSewing Titan's idea, pattern-findings §5.3 "Trousers" step 5): the body
crotch length × (1 + crotch_ease) is split by ``front_rise_share`` (Aldrich's unfitted
block splits ≈ 45/55; FreeSewing's test bodies 50/50 and 47/53). The front reaches its
share with its fork extension; the back with its seat angle and fork extension, which grow
together (in tailoring both follow the seat prominence: Hertzer's "back slope", Müller &
Sohn's seat angle). The CB raise stays at Aldrich's 2 cm and moves, within 1–4 cm, only
once the seat angle (½–2 × Aldrich) and the back fork (¾–1½ × Aldrich) are at their limits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pattern.geometry import (
    CubicBezier,
    Line,
    Path,
    Point,
    bisect,
    line_intersection,
    smooth_cubic,
)

CF_IN = 0.01  # 1 cm on a 100 cm hip
RAISE = 0.02  # 2 cm
TOUCH_F, TOUCH_B = 0.03, 0.0425
FRONT_EXT = (1 / 30, 1 / 8)  # fitting range of the front fork extension, × hip
SEAT = (0.5, 2.0)  # fitting range of the seat angle, × Aldrich's
FORK_GAIN = 0.5  # back fork grows half as fast (relative) as the seat angle


def front_extension(hip: float) -> float:
    """Aldrich 5–9: hip/16 + 0.5 cm."""
    return hip / 16 + 5.0


def corner_curve(top: Point, corner: Point, fork: Point,
                 touch: float) -> tuple[CubicBezier, CubicBezier]:
    """Crotch curve from `top` (on the centre line) to `fork` (on the crotch line), touching
    the bisector of the angle at `corner` at distance `touch` (Aldrich's construction)."""
    u, v = (corner - top).unit(), (fork - corner).unit()
    touch = min(touch, 0.45 * min(top.dist(corner), fork.dist(corner)))
    p, tp = corner + (v - u).unit() * touch, (u + v).unit()
    return smooth_cubic(top, u, p, tp, k=0.4), smooth_cubic(p, tp, fork, v, k=0.4)


def front_crotch(ch: Point, rise: float, hip: float, ext: float) -> Path:
    """CF waist -> CF hip -> fork (front frame: CF at ``ch.x`` on the hip line)."""
    corner = Point(ch.x, rise)
    a, b = corner_curve(ch, corner, Point(ch.x + ext, rise), TOUCH_F * hip)
    return Path.of(Line(Point(ch.x - CF_IN * hip, 0), ch), a, b)


def fit_front(ch: Point, rise: float, hip: float, target: float) -> Path:
    lo, hi = FRONT_EXT
    ext = bisect(lambda e: front_crotch(ch, rise, hip, e).length() - target, lo * hip,
                 hi * hip, tol=0.05)
    return front_crotch(ch, rise, hip, ext)


@dataclass(frozen=True)
class BackCrotch:
    path: Path
    seat_slope: float  # run / rise of the CB seat line
    extension: float  # fork beyond the CB at the hip line
    raise_: float  # CB waist above the waist line (before outseam truing)
    drop: float  # fork below the crotch line


def back_crotch(bh: Point, rise: float, hip: float, slope: float, raise_: float,
                fork: Point) -> Path:
    """CB waist -> CB hip `bh` -> fork; the CB seat line has run/rise `slope`."""
    bw = Point(bh.x - slope * (bh.y + raise_), -raise_)
    corner = line_intersection(bh, bh - bw, fork, Point(1, 0))
    assert corner is not None
    a, b = corner_curve(bh, corner, fork, TOUCH_B * hip)
    return Path.of(Line(bw, bh), a, b)


def fit_back(bh: Point, rise: float, hip: float, target: float,
             drop_for: Callable[[float], float]) -> BackCrotch:
    """Back crotch of length `target`; `drop_for(fork_x)` trues the inseams."""
    r0 = RAISE * hip
    s0 = r0 / (rise / 2 + r0)  # 21–19: 2 cm in over half the rise + the 2 cm raise
    line16 = bh.x - s0 * (bh.y - rise / 2)  # Aldrich's vertical through 16 (and 18)
    ext0 = line16 + (hip / 12 + 15.0) / 4 + 1.5 * front_extension(hip) - bh.x

    def build(t: float, raise_: float) -> BackCrotch:
        slope, ext = s0 * (1 + t), ext0 * (1 + FORK_GAIN * t)
        drop = drop_for(bh.x + ext)
        path = back_crotch(bh, rise, hip, slope, raise_, Point(bh.x + ext, rise + drop))
        return BackCrotch(path, slope, ext, raise_, drop)

    t = bisect(lambda t: build(t, r0).path.length() - target, SEAT[0] - 1, SEAT[1] - 1,
               tol=0.05)
    best = build(t, r0)
    if abs(best.path.length() - target) > 0.5:  # seat and fork at their limits
        r = bisect(lambda r: build(t, r).path.length() - target, r0 / 2, 2 * r0, tol=0.05)
        best = build(t, r)
    return best
