"""Geometry in one place: points, lines, cubic Béziers, paths; shapely only behind functions.

All lengths are mm. Pieces are drafted with y pointing down (towards the floor).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# 8-point Gauss-Legendre nodes/weights on [0, 1]
_GL_X, _GL_W = np.polynomial.legendre.leggauss(8)
_GL_T = (_GL_X + 1.0) / 2.0
_GL_W = _GL_W / 2.0


@dataclass(frozen=True)
class Point:
    """A 2-D point / vector in mm."""

    x: float
    y: float

    def __add__(self, o: Point) -> Point:
        return Point(self.x + o.x, self.y + o.y)

    def __sub__(self, o: Point) -> Point:
        return Point(self.x - o.x, self.y - o.y)

    def __mul__(self, k: float) -> Point:
        return Point(self.x * k, self.y * k)

    def __neg__(self) -> Point:
        return Point(-self.x, -self.y)

    def norm(self) -> float:
        return math.hypot(self.x, self.y)

    def unit(self) -> Point:
        n = self.norm()
        return Point(self.x / n, self.y / n) if n > 0 else Point(0.0, 0.0)

    def dist(self, o: Point) -> float:
        return (self - o).norm()

    def dot(self, o: Point) -> float:
        return self.x * o.x + self.y * o.y

    def cross(self, o: Point) -> float:
        return self.x * o.y - self.y * o.x

    def perp(self) -> Point:
        """Rotated +90° (x right, y down: turns right-hand side)."""
        return Point(-self.y, self.x)

    def lerp(self, o: Point, t: float) -> Point:
        return Point(self.x + (o.x - self.x) * t, self.y + (o.y - self.y) * t)

    def towards(self, o: Point, dist: float) -> Point:
        return self + (o - self).unit() * dist

    def rotate(self, center: Point, angle_rad: float) -> Point:
        c, s = math.cos(angle_rad), math.sin(angle_rad)
        d = self - center
        return Point(center.x + d.x * c - d.y * s, center.y + d.x * s + d.y * c)

    def polar(self, angle_rad: float, dist: float) -> Point:
        return Point(self.x + math.cos(angle_rad) * dist, self.y + math.sin(angle_rad) * dist)

    def as_tuple(self) -> tuple[float, float]:
        return (self.x, self.y)


@dataclass(frozen=True)
class Line:
    """Straight segment."""

    p0: Point
    p1: Point

    @property
    def start(self) -> Point:
        return self.p0

    @property
    def end(self) -> Point:
        return self.p1

    def length(self) -> float:
        return self.p0.dist(self.p1)

    def point(self, t: float) -> Point:
        return self.p0.lerp(self.p1, t)

    def tangent(self, t: float) -> Point:
        return (self.p1 - self.p0).unit()

    def split(self, t: float) -> tuple[Line, Line]:
        m = self.point(t)
        return Line(self.p0, m), Line(m, self.p1)

    def t_at_length(self, s: float) -> float:
        n = self.length()
        return 0.0 if n == 0 else min(max(s / n, 0.0), 1.0)

    def flatten(self, tol: float = 0.1) -> list[Point]:
        return [self.p0, self.p1]

    def reversed(self) -> Line:
        return Line(self.p1, self.p0)

    def map(self, fn: Callable[[Point], Point]) -> Line:
        return Line(fn(self.p0), fn(self.p1))


@dataclass(frozen=True)
class CubicBezier:
    """Cubic Bézier; length by adaptive Gauss-Legendre quadrature."""

    p0: Point
    c1: Point
    c2: Point
    p1: Point

    @property
    def start(self) -> Point:
        return self.p0

    @property
    def end(self) -> Point:
        return self.p1

    def point(self, t: float) -> Point:
        u = 1.0 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        return Point(a * self.p0.x + b * self.c1.x + c * self.c2.x + d * self.p1.x,
                     a * self.p0.y + b * self.c1.y + c * self.c2.y + d * self.p1.y)

    def derivative(self, t: float) -> Point:
        u = 1.0 - t
        d0, d1, d2 = self.c1 - self.p0, self.c2 - self.c1, self.p1 - self.c2
        return d0 * (3 * u * u) + d1 * (6 * u * t) + d2 * (3 * t * t)

    def tangent(self, t: float) -> Point:
        d = self.derivative(t)
        return d.unit() if d.norm() > 1e-12 else (self.p1 - self.p0).unit()

    def _gl(self, a: float, b: float) -> float:
        ts = a + (b - a) * _GL_T
        return float((b - a) * sum(w * self.derivative(float(t)).norm()
                                   for t, w in zip(ts, _GL_W, strict=True)))

    def _len(self, a: float, b: float, whole: float, depth: int) -> float:
        m = (a + b) / 2
        left, right = self._gl(a, m), self._gl(m, b)
        if depth > 12 or abs(left + right - whole) < 1e-9:
            return left + right
        return self._len(a, m, left, depth + 1) + self._len(m, b, right, depth + 1)

    def length(self, t: float = 1.0) -> float:
        return self._len(0.0, t, self._gl(0.0, t), 0) if t > 0 else 0.0

    def split(self, t: float) -> tuple[CubicBezier, CubicBezier]:
        a, b, c, d = self.p0, self.c1, self.c2, self.p1
        ab, bc, cd = a.lerp(b, t), b.lerp(c, t), c.lerp(d, t)
        abc, bcd = ab.lerp(bc, t), bc.lerp(cd, t)
        m = abc.lerp(bcd, t)
        return CubicBezier(a, ab, abc, m), CubicBezier(m, bcd, cd, d)

    def t_at_length(self, s: float) -> float:
        total = self.length()
        if s <= 0:
            return 0.0
        if s >= total:
            return 1.0
        t = s / total
        for _ in range(30):  # Newton with bisection safeguard
            f = self.length(t) - s
            if abs(f) < 1e-7:
                break
            d = self.derivative(t).norm()
            t = min(max(t - f / d if d > 1e-9 else t, 0.0), 1.0)
        return t

    def flatten(self, tol: float = 0.1) -> list[Point]:
        n = max(2, math.ceil(math.sqrt(self._ctrl_dev() / max(tol, 1e-6) * 0.75)) + 1)
        return [self.point(i / n) for i in range(n + 1)]

    def _ctrl_dev(self) -> float:
        d1 = (self.p0 - self.c1 * 2 + self.c2)
        d2 = (self.c1 - self.c2 * 2 + self.p1)
        return 3 * max(d1.norm(), d2.norm())

    def reversed(self) -> CubicBezier:
        return CubicBezier(self.p1, self.c2, self.c1, self.p0)

    def map(self, fn: Callable[[Point], Point]) -> CubicBezier:
        return CubicBezier(fn(self.p0), fn(self.c1), fn(self.c2), fn(self.p1))


Segment = Line | CubicBezier


@dataclass(frozen=True)
class Path:
    """An open chain of segments (lines and cubics), end of one = start of next."""

    segments: tuple[Segment, ...]

    @staticmethod
    def of(*segs: Segment) -> Path:
        return Path(tuple(segs))

    @staticmethod
    def polyline(points: Sequence[Point]) -> Path:
        return Path(tuple(Line(a, b) for a, b in itertools.pairwise(points)))

    @property
    def start(self) -> Point:
        return self.segments[0].start

    @property
    def end(self) -> Point:
        return self.segments[-1].end

    def length(self) -> float:
        return sum(s.length() for s in self.segments)

    def _locate(self, dist: float) -> tuple[int, float]:
        acc = 0.0
        for i, seg in enumerate(self.segments):
            n = seg.length()
            if dist <= acc + n or i == len(self.segments) - 1:
                return i, seg.t_at_length(dist - acc)
            acc += n
        return len(self.segments) - 1, 1.0

    def point_at_length(self, dist: float) -> Point:
        i, t = self._locate(dist)
        return self.segments[i].point(t)

    def tangent_at_length(self, dist: float) -> Point:
        i, t = self._locate(dist)
        return self.segments[i].tangent(t)

    def split_at_length(self, dist: float) -> tuple[Path, Path]:
        i, t = self._locate(dist)
        a, b = self.segments[i].split(t)
        return Path((*self.segments[:i], a)), Path((b, *self.segments[i + 1:]))

    def flatten(self, tol: float = 0.1) -> list[Point]:
        pts: list[Point] = [self.start]
        for seg in self.segments:
            pts.extend(seg.flatten(tol)[1:])
        return pts

    def reversed(self) -> Path:
        return Path(tuple(s.reversed() for s in reversed(self.segments)))

    def map(self, fn: Callable[[Point], Point]) -> Path:
        return Path(tuple(s.map(fn) for s in self.segments))

    def then(self, other: Path) -> Path:
        return Path(self.segments + other.segments)


def smooth_cubic(a: Point, ta: Point, b: Point, tb: Point, k: float = 0.36) -> CubicBezier:
    """Cubic from a leaving along direction ta to b arriving along direction tb."""
    d = a.dist(b) * k
    return CubicBezier(a, a + ta.unit() * d, b - tb.unit() * d, b)


def line_intersection(p: Point, d: Point, q: Point, e: Point) -> Point | None:
    """Intersection of the infinite lines p + s·d and q + u·e (None when parallel)."""
    den = d.cross(e)
    if abs(den) < 1e-12:
        return None
    s = (q - p).cross(e) / den
    return p + d * s


def reflect(p: Point, a: Point, b: Point) -> Point:
    """Mirror p across the line through a and b."""
    d = (b - a).unit()
    v = p - a
    return a + d * (2 * v.dot(d)) - v


def bisect(fn: Callable[[float], float], lo: float, hi: float, tol: float = 1e-4,
           iters: int = 80) -> float:
    """Root of a monotonic fn on [lo, hi] (clamped to the bracket when no sign change)."""
    flo, fhi = fn(lo), fn(hi)
    if flo * fhi > 0:
        return lo if abs(flo) < abs(fhi) else hi
    for _ in range(iters):
        mid = (lo + hi) / 2
        fm = fn(mid)
        if abs(fm) < tol:
            return mid
        if (fm < 0) == (flo < 0):
            lo, flo = mid, fm
        else:
            hi = mid
    return (lo + hi) / 2


def path_x_at_y(path: Path, y: float) -> list[float]:
    """x of every crossing of the flattened path with the horizontal line at y."""
    pts = path.flatten(0.05)
    out: list[float] = []
    for a, b in itertools.pairwise(pts):
        if (a.y - y) * (b.y - y) <= 0 and a.y != b.y:
            t = (y - a.y) / (b.y - a.y)
            out.append(a.x + (b.x - a.x) * t)
    return out



