"""Asymmetric one-piece sleeve cap: the "triangle" method with separate front and back halves.

Method (classical one-piece sleeve block, front and back drafted separately):

* The cap stands on a triangle: cap top (the shoulder notch) above the bicep line, the
  back and front underarm points on that line. Each diagonal is set from its own bodice
  armhole: the back half of the cap is fitted to the back armhole and the front half to
  the front armhole, each plus the same cap-ease fraction. This is the construction of
  Aldrich's one-piece sleeve blocks (back and front armscye measured separately and
  struck from the crown to the bicep line; *Metric Pattern Cutting for Women's Wear* and
  *for Menswear*) and the "triangle" of dresspatternmaking.com, *Understanding the sleeve,
  part 3* (armhole, bicep and cap height: two of the three fix the third).
* Because each half is fitted to its own armhole, the shoulder notch at the cap top splits
  the cap ease in the ratio of the armholes (≈ 48/52) instead of putting it all behind the
  notch (issue 14, defect 6).
* Two ways to close the triangle: give the bicep and let the cap height follow (fitted
  sleeve, `cap_for_bicep`), or give the cap height and let the bicep follow (flat shirt
  cap, `cap_for_height`; Aldrich's shirt sleeves and FreeSewing Simon's 0.27–0.30 ×
  armhole cap, measured in /work/shared/notes/freesewing-comparison).
* The curve of each half passes through an offset quarter point (back 0.54 w, 0.42 h;
  front 0.50 w, 0.48 h), the generic cap of pattern-findings §5.3 "Sleeve" step 4; the
  front is scooped a little more. Both halves leave the cap top horizontally, so the
  cap has no corner at the shoulder notch.

Coordinates: cap top at (0, 0), y down; back to the left (x < 0), front to the right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pattern.geometry import Path, Point, smooth_cubic


def back_half(w: float, h: float) -> Path:
    """Back underarm (-w, h) -> cap top (0, 0)."""
    ub, mb = Point(-w, h), Point(-0.54 * w, 0.42 * h)
    d = Point(w, -1.3 * h).unit()
    return Path.of(smooth_cubic(ub, Point(1, -0.25), mb, d),
                   smooth_cubic(mb, d, Point(0, 0), Point(1, 0)))


def front_half(w: float, h: float) -> Path:
    """Cap top (0, 0) -> front underarm (w, h)."""
    mf, uf = Point(0.50 * w, 0.48 * h), Point(w, h)
    d = Point(w, 1.3 * h).unit()
    return Path.of(smooth_cubic(Point(0, 0), Point(1, 0), mf, d),
                   smooth_cubic(mf, d, uf, Point(1, 0.25)))


def root(fn: Callable[[float], float], lo: float, hi: float, tol: float) -> float:
    """Root of a monotonic fn on [lo, hi] by the Illinois method (bracket end if none)."""
    flo, fhi = fn(lo), fn(hi)
    if flo * fhi > 0:
        return lo if abs(flo) < abs(fhi) else hi
    x, side = lo, 0
    for _ in range(60):
        x = (lo * fhi - hi * flo) / (fhi - flo)
        fx = fn(x)
        if abs(fx) < tol:
            break
        if fx * fhi > 0:
            hi, fhi = x, fx
            flo = flo / 2 if side == -1 else flo
            side = -1
        else:
            lo, flo = x, fx
            fhi = fhi / 2 if side == 1 else fhi
            side = 1
    return x


def half_width(half: Callable[[float, float], Path], target: float, h: float) -> float:
    """Half-width w at which the half cap of height h is `target` long."""
    return root(lambda w: half(w, h).length() - target, 0.02 * target, target, tol=0.005)


@dataclass(frozen=True)
class Cap:
    """A fitted cap: height, back and front half-widths, and the seam path back -> front."""

    h: float
    wb: float
    wf: float
    path: Path
    back_len: float  # from the back underarm to the cap top (shoulder notch)

    @property
    def width(self) -> float:
        return self.wb + self.wf


def cap_for_height(back: float, front: float, h: float) -> Cap:
    """Cap of height h whose halves are `back` and `front` long (the bicep follows)."""
    wb, wf = half_width(back_half, back, h), half_width(front_half, front, h)
    b, f = back_half(wb, h), front_half(wf, h)
    return Cap(h, wb, wf, b.then(f), b.length())


def max_height(back: float, front: float) -> float:
    """Tallest cap whose halves can still be fitted (the cap then is a narrow arch)."""
    return 0.75 * min(back, front)


def cap_for_bicep(back: float, front: float, width: float, h_min: float) -> Cap:
    """Cap whose bicep is `width`; the height follows, but not below h_min (then narrower)."""
    h_max = max_height(back, front)

    def excess(h: float) -> float:
        return (half_width(back_half, back, h) + half_width(front_half, front, h)) - width

    h = root(excess, min(h_min, h_max), h_max, tol=0.05)
    return cap_for_height(back, front, h)
