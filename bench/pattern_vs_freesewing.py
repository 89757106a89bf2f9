"""Our blocks next to the closest FreeSewing designs, drafted for the same bodies.

FreeSewing (MIT, JavaScript) is installed with npm into a scratch folder (default
``var/freesewing/``, git-ignored) the first time, pinned to one version, and run with node
by ``bench/freesewing/draft.mjs``; no FreeSewing code is copied into this project. Both
sides are then measured here, the same way, on flattened seam lines:

- ease per girth: a scan line across each piece's seam polygon at a body level (underarm
  + 2 mm for the chest, the piece's own waist / hip / seat / fork / knee level otherwise),
  minus internal dart intakes, ×2 for half pieces; waist girths of blocks with a waist
  seam use the sewn seam (darts closed);
- seam matching: sewn length of one side minus the other (dart mouths on a seam closed);
- armhole and sleeve cap: lengths, cap ease, cap height (farthest cap point from the
  bicep chord), cap height / armhole, bicep width;
- trousers: crotch seam front / back / total and how far the back waist rises at CB
  above the side waist;
- collar stand vs neckline, collar vs stand, neckline vs the neck measurement.

Designs (defaults, sa 10 mm): bodice F = Bella, bodice M = Brian; the sleeve is the one
drafted with that bodice; skirt = Penelope; trousers = Titan; shirt = Simon. Bodies:
FreeSewing's cisFemaleAdult36 (F) and cisMaleAdult40 (M), mapped to our measurement names
as in ../shared/notes/freesewing-comparison/bodies.json (a copy is below).

    .venv/bin/python bench/pattern_vs_freesewing.py                 # text table
    .venv/bin/python bench/pattern_vs_freesewing.py --markdown      # Markdown (docs)
    .venv/bin/python bench/pattern_vs_freesewing.py --json var/fs_compare.json

Without node or npm on PATH it says so and exits 0 without figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import json
import math
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NODE_SCRIPT = ROOT / "bench" / "freesewing" / "draft.mjs"
DEFAULT_FS_DIR = ROOT / "var" / "freesewing"
BODIES_JSON = ROOT.parent / "shared" / "notes" / "freesewing-comparison" / "bodies.json"

#: FreeSewing release compared against (latest 4.10.x on npm when this bench was written).
FS_VERSION = "4.10.2"
DESIGNS = ("bella", "brian", "penelope", "titan", "simon")
#: Packages installed at FS_VERSION. 4.10.2 has packaging gaps: core-plugins imports
#: plugin-transform and plugin-annotations imports config without declaring them, so they
#: are installed explicitly; titan's peer snapseries exists only as 4.10.0 (overridden).
FS_EXTRA = ("core", "plugin-transform", "config")
FS_OVERRIDES = {"@freesewing/snapseries": "4.10.0"}

Pt = tuple[float, float]

# --------------------------------------------------------------------------------------
# Bodies. Source: ../shared/notes/freesewing-comparison/bodies.json (FreeSewing test models
# cisFemaleAdult36 / cisMaleAdult40, mm; "ours" in cm, mapped as described in
# COMPARISON.md there). Used only when that file is absent.
FALLBACK_BODIES: dict[str, dict[str, Any]] = {
    "F": {
        "fs_model": "cisFemaleAdult36",
        "fs": {"ankle": 259, "biceps": 286, "bustFront": 494, "bustPointToUnderbust": 103,
               "bustSpan": 165, "chest": 979, "crossSeam": 766, "crossSeamFront": 383,
               "crotchDepth": 280, "heel": 320, "head": 577, "highBust": 916,
               "highBustFront": 453, "hips": 953, "hpsToBust": 286, "hpsToWaistBack": 410,
               "hpsToWaistFront": 415, "inseam": 776, "knee": 395, "neck": 360, "seat": 1046,
               "seatBack": 538, "shoulderSlope": 13, "shoulderToElbow": 350,
               "shoulderToShoulder": 431, "shoulderToWrist": 600, "underbust": 826,
               "upperLeg": 585, "waist": 788, "waistBack": 399, "waistToArmpit": 177,
               "waistToFloor": 1075, "waistToHips": 130, "waistToKnee": 623,
               "waistToSeat": 260, "waistToUnderbust": 83, "waistToUpperLeg": 296,
               "wrist": 170},
        "ours": {"sex": "female", "stature": 172, "chest_girth": 97.9, "waist_girth": 78.8,
                 "hip_girth": 104.6, "neck_girth": 36, "neck_base_girth": 38,
                 "shoulder_width": 38.8, "arm_length": 60, "inside_leg": 77.9,
                 "thigh_girth": 58.5, "upper_arm_girth": 28.6, "back_waist_length": 38.7,
                 "waist_height": 107.5, "crotch_length": 76.6, "wrist_girth": 17,
                 "across_back": 39.7, "shoulder_length": 15, "knee_height": 45.2},
    },
    "M": {
        "fs_model": "cisMaleAdult40",
        "fs": {"ankle": 247, "biceps": 368, "bustFront": 575, "bustPointToUnderbust": 62,
               "bustSpan": 195, "chest": 1053, "crossSeam": 897, "crossSeamFront": 423,
               "crotchDepth": 352, "heel": 365, "head": 601, "highBust": 1084,
               "highBustFront": 585, "hips": 884, "hpsToBust": 290, "hpsToWaistBack": 486,
               "hpsToWaistFront": 476, "inseam": 790, "knee": 424, "neck": 400, "seat": 1052,
               "seatBack": 578, "shoulderSlope": 13, "shoulderToElbow": 369,
               "shoulderToShoulder": 465, "shoulderToWrist": 640, "underbust": 1032,
               "upperLeg": 640, "waist": 846, "waistBack": 428, "waistToArmpit": 217,
               "waistToFloor": 1184, "waistToHips": 134, "waistToKnee": 662,
               "waistToSeat": 279, "waistToUnderbust": 57, "waistToUpperLeg": 352,
               "wrist": 180},
        "ours": {"sex": "male", "stature": 185, "chest_girth": 105.3, "waist_girth": 84.6,
                 "hip_girth": 105.2, "neck_girth": 40, "neck_base_girth": 42,
                 "shoulder_width": 41.9, "arm_length": 64, "inside_leg": 83.2,
                 "thigh_girth": 64, "upper_arm_girth": 36.8, "back_waist_length": 46.1,
                 "waist_height": 118.4, "crotch_length": 89.7, "wrist_girth": 18,
                 "across_back": 42.8, "shoulder_length": 14.9, "knee_height": 52.2},
    },
}


def load_bodies(path: Path | None = None) -> tuple[dict[str, dict[str, Any]], str]:
    """Bodies from bodies.json when present, else the copy above; and where they came from."""
    p = path or BODIES_JSON
    if p.exists():
        return json.loads(p.read_text(encoding="utf-8")), str(p)
    if path is not None:
        raise SystemExit(f"bodies file {path} not found")
    return FALLBACK_BODIES, "built-in copy of ../shared/notes/freesewing-comparison/bodies.json"


# --------------------------------------------------------------------------------------
# Pure measurement functions (unit-tested in tests/unit/test_bench_freesewing_measures.py)

def flatten_cubic(p0: Pt, c1: Pt, c2: Pt, p1: Pt, step: float = 1.0) -> list[Pt]:
    """Points of a cubic after p0 (p1 included): n = max(8, ceil(control polygon / step))
    uniform parameter steps, exactly like draft.mjs does for FreeSewing's curves."""
    poly = math.dist(p0, c1) + math.dist(c1, c2) + math.dist(c2, p1)
    n = max(8, math.ceil(poly / step))
    out = []
    for i in range(1, n + 1):
        t = i / n
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append((a * p0[0] + b * c1[0] + c * c2[0] + d * p1[0],
                    a * p0[1] + b * c1[1] + c * c2[1] + d * p1[1]))
    return out


def polyline_length(pts: Sequence[Pt]) -> float:
    return sum(math.dist(a, b) for a, b in itertools.pairwise(pts))


@dataclass(frozen=True)
class Outline:
    """A piece's seam line as a polyline ring (first point not repeated) with named vertices,
    its internal darts (polyline, is_diamond: a diamond's ends are not on a seam), named
    points and levels."""

    pts: tuple[Pt, ...]
    marks: Mapping[str, tuple[int, ...]]
    closed: bool = True
    darts: tuple[tuple[tuple[Pt, ...], bool], ...] = ()
    points: Mapping[str, Pt] = field(default_factory=dict)
    levels: Mapping[str, float] = field(default_factory=dict)


class MissingName(KeyError):
    """A vertex or point name the spec expects is not in the drafted piece."""


def run_indices(outline: Outline, a: str, b: str) -> list[int]:
    """Vertex indices from vertex `a` forward to vertex `b` (wrapping on a ring). Where a
    name marks several vertices, the shortest forward run is taken."""
    if a not in outline.marks:
        raise MissingName(a)
    if b not in outline.marks:
        raise MissingName(b)
    n = len(outline.pts)
    best: tuple[int, int] | None = None
    for ia in outline.marks[a]:
        for ib in outline.marks[b]:
            d = (ib - ia) % n if outline.closed else ib - ia
            if d > 0 and (best is None or d < best[1]):
                best = (ia, d)
    if best is None:
        raise MissingName(f"{a}->{b}")
    ia, d = best
    return [(ia + k) % n for k in range(d + 1)]


def run(outline: Outline, a: str, b: str) -> list[Pt]:
    """The seam line from vertex `a` forward to vertex `b` (see run_indices)."""
    return [outline.pts[i] for i in run_indices(outline, a, b)]


def scan_xs(pts: Sequence[Pt], y: float, closed: bool = True) -> list[float]:
    """Sorted x where the horizontal line at y crosses the polyline (half-open rule, so a
    vertex on the line counts once)."""
    segs = list(itertools.pairwise(pts))
    if closed and len(pts) > 2:
        segs.append((pts[-1], pts[0]))
    xs = []
    for (x0, y0), (x1, y1) in segs:
        if (y0 <= y < y1) or (y1 <= y < y0):
            xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return sorted(xs)


def width_at(pts: Sequence[Pt], y: float, clip: tuple[float, int] | None = None) -> float:
    """Length of the scan line at y inside the ring (even-odd). `clip=(x0, sign)` keeps only
    the part with sign·(x − x0) ≥ 0 (e.g. the side of the centre front line the body is on,
    leaving out a button extension)."""
    xs = scan_xs(pts, y)
    total = 0.0
    for lo, hi in zip(xs[0::2], xs[1::2], strict=False):
        if clip is not None:
            x0, sign = clip
            if sign > 0:
                lo = max(lo, x0)
            else:
                hi = min(hi, x0)
        total += max(hi - lo, 0.0)
    return total


def fill_v(outline: Outline, mouths: Sequence[tuple[str, str]]) -> tuple[list[Pt], list[list[Pt]]]:
    """The ring with each V dart cut into it (mouth vertices a, b; tip in between) bridged
    by its straight mouth, and the Vs themselves as open dart polylines. Needed where a scan
    line runs along a dart (a bust dart in the side seam): the open V would cut it short."""
    inner: set[int] = set()
    vs = []
    for a, b in mouths:
        idx = run_indices(outline, a, b)
        inner.update(idx[1:-1])
        vs.append([outline.pts[i] for i in idx])
    return [p for i, p in enumerate(outline.pts) if i not in inner], vs


def is_transverse(dart: Sequence[Pt]) -> bool:
    """True for a dart a horizontal scan line crosses across its axis (a vertical waist
    dart); False for a horizontal one (a bust dart from the side seam), which shortens
    lengths, not widths. Axis: tip -> middle of the mouth; for a diamond, its longer side."""
    xs, ys = [p[0] for p in dart], [p[1] for p in dart]
    if len(dart) == 3:
        (ax, ay), (tx, ty), (bx, by) = dart
        return abs((ay + by) / 2 - ty) >= abs((ax + bx) / 2 - tx)
    return max(ys) - min(ys) >= max(xs) - min(xs)


def dart_intake_at(dart: Sequence[Pt], y: float) -> float:
    """Width a dart takes out of the scan line at y (0 where the line misses it, and for a
    horizontal dart). The dart is closed by its mouth."""
    if not is_transverse(dart):
        return 0.0
    xs = scan_xs(dart, y, closed=True)
    return xs[-1] - xs[0] if len(xs) >= 2 else 0.0


def _project(pts: Sequence[Pt], p: Pt) -> tuple[float, float]:
    """(distance from p to the polyline, arc length of the nearest point)."""
    best, at, acc = math.inf, 0.0, 0.0
    for a, b in itertools.pairwise(pts):
        seg = math.dist(a, b)
        if seg > 0:
            t = ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / seg ** 2
            t = min(max(t, 0.0), 1.0)
            q = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
            d = math.dist(p, q)
            if d < best:
                best, at = d, acc + t * seg
        acc += seg
    return best, at


def dart_mouth_on(run_pts: Sequence[Pt], dart: Sequence[Pt], tol: float = 0.5) -> float:
    """Seam length between an open dart's two leg ends when both lie on the run, else 0."""
    if len(dart) < 3:
        return 0.0
    da, sa = _project(run_pts, dart[0])
    db, sb = _project(run_pts, dart[-1])
    return abs(sb - sa) if da <= tol and db <= tol else 0.0


def sewn_length(run_pts: Sequence[Pt], darts: Iterable[tuple[Sequence[Pt], bool]] = ()) -> float:
    """Length of a seam run once the internal darts whose mouths sit on it are closed."""
    closed_mouths = sum(dart_mouth_on(run_pts, d) for d, is_ring in darts if not is_ring)
    return polyline_length(run_pts) - closed_mouths


def chord(pts: Sequence[Pt]) -> float:
    return math.dist(pts[0], pts[-1])


def cap_height(pts: Sequence[Pt]) -> float:
    """Farthest distance of the cap from the chord between its two underarm ends."""
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    c = math.dist(pts[0], pts[-1])
    if c == 0:
        return 0.0
    return max(abs((x1 - x0) * (y0 - y) - (x0 - x) * (y1 - y0)) / c for x, y in pts)


def ease(drafted: float, body: float) -> tuple[float, float]:
    """(ease in mm, ease in % of the body measurement)."""
    return drafted - body, 100.0 * (drafted - body) / body


# --------------------------------------------------------------------------------------
# Both sides as Outlines

def outline_from_fs(part: Mapping[str, Any], dart_paths: Sequence[str] = ()) -> Outline:
    """A FreeSewing part from draft.mjs (its `seam` path) as an Outline."""
    seam = part["paths"]["seam"]
    darts = tuple((tuple(map(tuple, part["paths"][d]["pts"])), bool(part["paths"][d]["closed"]))
                  for d in dart_paths if d in part["paths"])
    return Outline(pts=tuple(map(tuple, seam["pts"])),
                   marks={k: tuple(v) for k, v in seam["marks"].items()},
                   closed=bool(seam["closed"]), darts=darts,
                   points={k: (v[0], v[1]) for k, v in part["points"].items()})


def outline_from_piece(piece: Any) -> Outline:
    """One of our pieces (pattern.piece.Piece) as an Outline: vertex `<edge>` is where that
    edge starts, `<edge>.end` where it ends; the piece's named points are marked where they
    fall on a vertex. Curves are flattened as FreeSewing's are (flatten_cubic)."""
    start = piece.edges[0].path.start
    pts: list[Pt] = [(start.x, start.y)]
    marks: dict[str, list[int]] = {}
    for e in piece.edges:
        marks.setdefault(e.name, []).append(len(pts) - 1)
        for seg in e.path.segments:
            if hasattr(seg, "c1"):
                pts.extend(flatten_cubic((seg.p0.x, seg.p0.y), (seg.c1.x, seg.c1.y),
                                         (seg.c2.x, seg.c2.y), (seg.p1.x, seg.p1.y)))
            else:
                pts.append((seg.p1.x, seg.p1.y))
        marks.setdefault(f"{e.name}.end", []).append(len(pts) - 1)
    last = len(pts) - 1
    if math.dist(pts[0], pts[-1]) < 1e-6:
        pts.pop()
        marks = {k: [0 if i == last else i for i in v] for k, v in marks.items()}
    for name, p in piece.points.items():
        for i, q in enumerate(pts):
            if math.dist((p.x, p.y), q) < 0.05:
                marks.setdefault(name, []).append(i)
                break
    darts = tuple((((d.leg_a.x, d.leg_a.y), (d.tip.x, d.tip.y), (d.leg_b.x, d.leg_b.y)), False)
                  for d in piece.darts)
    return Outline(pts=tuple(pts), marks={k: tuple(v) for k, v in marks.items()}, closed=True,
                   darts=darts, points={k: (p.x, p.y) for k, p in piece.points.items()},
                   levels=dict(piece.levels))


# --------------------------------------------------------------------------------------
# What is measured, by name on each side

@dataclass(frozen=True)
class S:
    """Seam run on a piece from vertex a forward to vertex b (sewn: dart mouths closed)."""

    piece: str
    a: str
    b: str


@dataclass(frozen=True)
class L:
    """Scan-line width of a piece at the y of `point` + dy (or at its level `level`), minus
    the intake of vertical internal darts (horizontal ones change no width); `vdarts` V
    darts cut into the outline are bridged first; `clip` = (point whose x is the centre
    line, side sign) drops a button extension."""

    piece: str
    point: str = ""
    dy: float = 0.0
    level: str = ""
    clip: tuple[str, int] | None = None
    y_from_body: tuple[str, str, float] | None = None  # (point, fs measurement, sign)
    vdarts: tuple[tuple[str, str], ...] = ()  # V darts cut into the outline: (mouth a, mouth b)


@dataclass(frozen=True)
class D:
    """Straight distance between two named points of a piece."""

    piece: str
    a: str
    b: str


Term = S | L | D
Side = dict[str, Outline]


def _y(o: Outline, t: L, body: Mapping[str, float]) -> float:
    if t.level:
        return o.levels[t.level] + t.dy
    if t.y_from_body:
        pt, meas, sign = t.y_from_body
        if pt not in o.points:
            raise MissingName(pt)
        return o.points[pt][1] + sign * body[meas] + t.dy
    if t.point not in o.points:
        raise MissingName(t.point)
    return o.points[t.point][1] + t.dy


def term_value(side: Side, t: Term, body: Mapping[str, float]) -> float:
    if t.piece not in side:
        raise MissingName(t.piece)
    o = side[t.piece]
    if isinstance(t, S):
        return sewn_length(run(o, t.a, t.b), o.darts)
    if isinstance(t, D):
        for name in (t.a, t.b):
            if name not in o.points:
                raise MissingName(name)
        return math.dist(o.points[t.a], o.points[t.b])
    y = _y(o, t, body)
    clip = None
    if t.clip:
        if t.clip[0] not in o.points:
            raise MissingName(t.clip[0])
        clip = (o.points[t.clip[0]][0], t.clip[1])
    ring, vs = fill_v(o, t.vdarts) if t.vdarts else (list(o.pts), [])
    darts = [*o.darts, *((tuple(v), False) for v in vs)]
    return width_at(ring, y, clip) - sum(dart_intake_at(d, y) for d, _ in darts)


def total(side: Side, terms: Sequence[Term], body: Mapping[str, float]) -> float:
    return sum(term_value(side, t, body) for t in terms)


@dataclass(frozen=True)
class Girth:
    label: str
    factor: float  # 2: half pieces of a symmetric body; 1: one leg
    fs_body: str  # FreeSewing measurement (mm)
    ours_body: str  # our measurement, or "fs:<name>" to use FreeSewing's for both
    fs: Mapping[str, Sequence[Term]]  # design -> terms
    ours: Sequence[Term] | Mapping[str, Sequence[Term]]  # terms, or body -> terms


@dataclass(frozen=True)
class Length:
    """A length figure (optionally the difference of two): seams, crotch, necklines."""

    label: str
    fs: Mapping[str, tuple[Sequence[Term], Sequence[Term]]]  # design -> (terms, minus terms)
    ours: tuple[Sequence[Term], Sequence[Term]]
    kind: str = "cm"  # cm | diff (a seam pair: first − second, mm) | neck | collar | crotch


@dataclass(frozen=True)
class Sleeve:
    """Armhole (bodice runs) against a sleeve cap run, and the bicep chord."""

    armhole: Mapping[str, Sequence[S]]
    cap: Mapping[str, S]
    ours_armhole: Sequence[S]
    ours_cap: S
    fs_biceps: str = "biceps"
    ours_biceps: str = "upper_arm_girth"


@dataclass(frozen=True)
class Raise:
    """How far the waist rises at the centre (CB / CF) above the side, in the piece frame."""

    label: str
    fs: Mapping[str, tuple[str, str, str]]  # design -> (piece, side point, centre point)
    ours: tuple[str, str, str]


@dataclass(frozen=True)
class Block:
    name: str
    designs: Mapping[str, str]  # body -> FreeSewing design
    ours: tuple[str, ...]  # our blocks drafted (pieces of all of them are available)
    fs_darts: Mapping[str, Sequence[str]] = field(default_factory=dict)  # part -> dart paths
    girths: tuple[Girth, ...] = ()
    lengths: tuple[Length, ...] = ()
    sleeve: Sleeve | None = None
    raises: tuple[Raise, ...] = ()
    count_pieces: bool = True  # False where our block is one part of the FS design


def _pair(a: Sequence[Term], b: Sequence[Term]) -> tuple[Sequence[Term], Sequence[Term]]:
    return (a, b)


BELLA_CHEST = [L("bella.back", "armhole", 2),
               L("bella.frontSideDart", "bust", 1, vdarts=(("bustDartBottom", "bustDartTop"),))]
BRIAN_CHEST = [L("brian.back", "armhole", 2), L("brian.front", "armhole", 2)]
BELLA_WAIST = [S("bella.back", "waistCenter", "dartBottomLeft"),
               S("bella.back", "dartBottomRight", "waistSide"),
               S("bella.frontSideDart", "cfHem", "waistDartLeft"),
               S("bella.frontSideDart", "waistDartRight", "sideHem")]
BELLA_ARM = [S("bella.back", "armhole", "shoulder"), S("bella.frontSideDart", "armhole", "shoulder")]
BRIAN_ARM = [S("brian.back", "armhole", "shoulder"), S("brian.front", "armhole", "shoulder")]
OUR_BODICE_ARM = [S("bodice_back", "armhole", "armhole.end"),
                  S("bodice_front", "armhole", "armhole.end")]
SIMON_ARM = [S("simon.back", "armhole", "armholeYokeSplit"),
             S("simon.yoke", "armholeYokeSplit", "shoulder"),
             S("simon.frontRight", "armhole", "shoulder")]
OUR_SHIRT_ARM = [S("shirt_back", "armhole", "armhole.end"), S("shirt_yoke", "armhole", "armhole.end"),
                 S("shirt_front", "armhole", "armhole.end")]
SIMON_NECK = [S("simon.yoke", "neck", "cbNeck"), S("simon.frontRight", "neck", "cfNeck")]
OUR_SHIRT_NECK = [S("shirt_yoke", "neck", "neck.end"), S("shirt_front", "neck", "neck.end")]


def _edge(piece: str, edge: str) -> S:
    return S(piece, edge, f"{edge}.end")


BLOCKS: tuple[Block, ...] = (
    Block(
        "bodice", {"F": "bella", "M": "brian"}, ("bodice",),
        girths=(
            Girth("chest (F: front at the bust point)", 2, "chest", "chest_girth",
                  {"bella": BELLA_CHEST, "brian": BRIAN_CHEST},
                  {"F": [L("bodice_back", "underarm", 2), L("bodice_front", "bust_point", 1)],
                   "M": [L("bodice_back", "underarm", 2), L("bodice_front", "underarm", 2)]}),
            Girth("waist", 2, "waist", "waist_girth",
                  {"bella": BELLA_WAIST,  # sewn waist seam, darts closed
                   "brian": [L("brian.back", "waist"), L("brian.front", "waist")]},  # no seam
                  [_edge("bodice_back", "waist"), _edge("bodice_front", "waist")]),
        ),
        lengths=(
            Length("side seam, back − front", {
                "bella": _pair([S("bella.back", "waistSide", "armhole")],
                               [S("bella.frontSideDart", "sideHem", "bustDartBottom"),
                                S("bella.frontSideDart", "bustDartTop", "armhole")]),
                "brian": _pair([S("brian.back", "hips", "armhole")],
                               [S("brian.front", "hips", "armhole")])},
                _pair([_edge("bodice_back", "side")], [_edge("bodice_front", "side")]), "diff"),
            Length("shoulder seam, back − front", {
                "bella": _pair([S("bella.back", "shoulder", "hps")],
                               [S("bella.frontSideDart", "shoulder", "hps")]),
                "brian": _pair([S("brian.back", "shoulder", "neck")],
                               [S("brian.front", "shoulder", "neck")])},
                _pair([_edge("bodice_back", "shoulder")], [_edge("bodice_front", "shoulder")]),
                "diff"),
            Length("armhole back", {"bella": _pair(BELLA_ARM[:1], []),
                                    "brian": _pair(BRIAN_ARM[:1], [])},
                   _pair(OUR_BODICE_ARM[:1], []), "cm"),
            Length("armhole front", {"bella": _pair(BELLA_ARM[1:], []),
                                     "brian": _pair(BRIAN_ARM[1:], [])},
                   _pair(OUR_BODICE_ARM[1:], []), "cm"),
            Length("neckline ×2 (body: FS neck / our neck base)", {
                "bella": _pair([S("bella.back", "hps", "cbNeck"),
                                S("bella.frontSideDart", "hps", "cfNeck")], []),
                "brian": _pair([S("brian.back", "neck", "cbNeck"),
                                S("brian.front", "neck", "cfNeck")], [])},
                _pair([_edge("bodice_back", "neck"), _edge("bodice_front", "neck")], []), "neck"),
        ),
    ),
    Block(
        "sleeve", {"F": "bella", "M": "brian"}, ("bodice", "sleeve"),
        sleeve=Sleeve(
            armhole={"bella": BELLA_ARM, "brian": BRIAN_ARM},
            cap={"bella": S("bella.sleeve", "bicepsRight", "bicepsLeft"),
                 "brian": S("library.sleeve", "bicepsRight", "bicepsLeft")},
            ours_armhole=OUR_BODICE_ARM, ours_cap=_edge("sleeve", "cap")),
        count_pieces=False,
        lengths=(
            Length("underarm seam, one − other", {
                "bella": _pair([S("bella.sleeve", "bicepsLeft", "wristLeft")],
                               [S("bella.sleeve", "wristRight", "bicepsRight")]),
                "brian": _pair([S("library.sleeve", "bicepsLeft", "wristLeft")],
                               [S("library.sleeve", "wristRight", "bicepsRight")])},
                _pair([_edge("sleeve", "back_seam")], [_edge("sleeve", "front_seam")]), "diff"),
        ),
    ),
    Block(
        "skirt", {"F": "penelope", "M": "penelope"}, ("skirt",),
        girths=(
            Girth("seat / hip", 2, "seat", "hip_girth",
                  {"penelope": [L("penelope.back", "rSeat", 1), L("penelope.front", "rSeat", 1)]},
                  [L("skirt_back", "side_hip", 1), L("skirt_front", "side_hip", 1)]),
            Girth("waist", 2, "waist", "waist_girth",
                  {"penelope": [S(p, a, b) for p in ("penelope.back", "penelope.front")
                                for a, b in (("rWaist", "dart2End"), ("dart2Start", "dart1End"),
                                             ("dart1Start", "lWaist"))]},
                  [_edge("skirt_back", "waist"), _edge("skirt_front", "waist")]),
        ),
        lengths=(
            Length("side seam, back − front", {
                "penelope": _pair([S("penelope.back", "rHem", "rWaist")],
                                  [S("penelope.front", "rHem", "rWaist")])},
                _pair([_edge("skirt_back", "side")], [_edge("skirt_front", "side")]), "diff"),
        ),
    ),
    Block(
        "trousers", {"F": "titan", "M": "titan"}, ("trousers",),
        girths=(
            Girth("seat / hip", 2, "seat", "hip_girth",
                  {"titan": [L("titan.back", "seatOut", 1), L("titan.front", "seatOut", 1)]},
                  [L("trousers_back", "side_hip", 1), L("trousers_front", "side_hip", 1)]),
            Girth("waist (sewn seam)", 2, "waist", "waist_girth",
                  {"titan": [S("titan.back", "styleWaistOut", "styleWaistIn"),
                             S("titan.front", "styleWaistIn", "styleWaistOut")]},
                  [_edge("trousers_back", "waist"), _edge("trousers_front", "waist")]),
            Girth("thigh (25 mm below the fork, one leg)", 1, "upperLeg", "thigh_girth",
                  {"titan": [L("titan.back", "fork", 25), L("titan.front", "fork", 25)]},
                  [L("trousers_back", "fork", 25), L("trousers_front", "fork", 25)]),
            Girth("knee (one leg; body: FS knee)", 1, "knee", "fs:knee",
                  {"titan": [L("titan.back", "kneeIn"), L("titan.front", "kneeIn")]},
                  [L("trousers_back", "knee_inner"), L("trousers_front", "knee_inner")]),
        ),
        lengths=(
            Length("inseam, back − front", {
                "titan": _pair([S("titan.back", "fork", "floorIn")],
                               [S("titan.front", "floorIn", "fork")])},
                _pair([_edge("trousers_back", "inseam")], [_edge("trousers_front", "inseam")]),
                "diff"),
            Length("outseam, back − front", {
                "titan": _pair([S("titan.back", "floorOut", "styleWaistOut")],
                               [S("titan.front", "styleWaistOut", "floorOut")])},
                _pair([_edge("trousers_back", "outseam")], [_edge("trousers_front", "outseam")]),
                "diff"),
            Length("crotch seam front", {
                "titan": _pair([S("titan.front", "fork", "styleWaistIn")], [])},
                _pair([_edge("trousers_front", "crotch")], []), "cm"),
            Length("crotch seam back", {
                "titan": _pair([S("titan.back", "styleWaistIn", "fork")], [])},
                _pair([_edge("trousers_back", "crotch")], []), "cm"),
            Length("crotch seam total as cut (body: crossSeam)", {
                "titan": _pair([S("titan.front", "fork", "styleWaistIn"),
                                S("titan.back", "styleWaistIn", "fork")], [])},
                _pair([_edge("trousers_front", "crotch"), _edge("trousers_back", "crotch")], []),
                "crotch"),
            Length("crotch seam total to the body waist (Titan: up to waistIn)", {
                "titan": _pair([S("titan.front", "fork", "crotchSeamCurveStart"),
                                D("titan.front", "crotchSeamCurveStart", "waistIn"),
                                S("titan.back", "crossSeamCurveStart", "fork"),
                                D("titan.back", "crossSeamCurveStart", "waistIn")], [])},
                _pair([_edge("trousers_front", "crotch"), _edge("trousers_back", "crotch")], []),
                "crotch"),
        ),
        raises=(
            Raise("back: CB waist above side waist",
                  {"titan": ("titan.back", "styleWaistOut", "styleWaistIn")},
                  ("trousers_back", "side_waist", "centre_waist")),
            Raise("front: CF waist above side waist",
                  {"titan": ("titan.front", "styleWaistOut", "styleWaistIn")},
                  ("trousers_front", "side_waist", "centre_waist")),
        ),
    ),
    Block(
        "shirt", {"F": "simon", "M": "simon"}, ("shirt",),
        fs_darts={"simon.back": ("dart",)},
        girths=(
            Girth("chest", 2, "chest", "chest_girth",
                  {"simon": [L("simon.back", "armhole", 2),
                             L("simon.frontRight", "armhole", 2, clip=("cfNeck", -1))]},
                  [L("shirt_back", "underarm", 2), L("shirt_front", "underarm", 2, clip=("cf_neck", 1))]),
            Girth("waist", 2, "waist", "waist_girth",
                  {"simon": [L("simon.back", "waist"),
                             L("simon.frontRight", "waist", clip=("cfNeck", -1))]},
                  [L("shirt_back", level="waist"), L("shirt_front", level="waist", clip=("cf_neck", 1))]),
            Girth("seat (FS: waist + waistToSeat) / our hip", 2, "seat", "hip_girth",
                  {"simon": [L("simon.back", y_from_body=("waist", "waistToSeat", 1)),
                             L("simon.frontRight", y_from_body=("waist", "waistToSeat", 1),
                               clip=("cfNeck", -1))]},
                  [L("shirt_back", level="hip"), L("shirt_front", level="hip", clip=("cf_neck", 1))]),
            Girth("FS hips (no such level in ours)", 2, "hips", "",
                  {"simon": [L("simon.back", "hips", 1),
                             L("simon.frontRight", "hips", 1, clip=("cfNeck", -1))]}, []),
        ),
        sleeve=Sleeve(armhole={"simon": SIMON_ARM},
                      cap={"simon": S("simon.sleeve", "bicepsRight", "bicepsLeft")},
                      ours_armhole=OUR_SHIRT_ARM, ours_cap=_edge("shirt_sleeve", "cap")),
        lengths=(
            Length("side seam, back − front", {
                "simon": _pair([S("simon.back", "hem", "armhole")],
                               [S("simon.frontRight", "hem", "armhole")])},
                _pair([_edge("shirt_back", "side")], [_edge("shirt_front", "side")]), "diff"),
            Length("shoulder seam, yoke − front", {
                "simon": _pair([S("simon.yoke", "shoulder", "neck")],
                               [S("simon.frontRight", "shoulder", "neck")])},
                _pair([_edge("shirt_yoke", "shoulder")], [_edge("shirt_front", "shoulder")]), "diff"),
            Length("yoke seam, yoke − back", {
                "simon": _pair([S("simon.yoke", "cbYoke", "armholeYokeSplit")],
                               [S("simon.back", "armholeYokeSplit", "cbYoke")])},
                _pair([_edge("shirt_yoke", "yoke_seam")], [_edge("shirt_back", "yoke_seam")]), "diff"),
            Length("underarm seam, one − other", {
                "simon": _pair([S("simon.sleeve", "bicepsLeft", "wristLeft")],
                               [S("simon.sleeve", "wristRight", "bicepsRight")])},
                _pair([_edge("shirt_sleeve", "back_seam")], [_edge("shirt_sleeve", "front_seam")]),
                "diff"),
            Length("collar stand − neckline (CB→CF)", {
                "simon": _pair([S("simon.collarStand", "bottomMid", "rightBottomCf")], SIMON_NECK)},
                _pair([_edge("collar_stand", "neckline")], OUR_SHIRT_NECK), "diff"),
            Length("collar − stand top (CB→CF)", {
                "simon": _pair([S("simon.collar", "bottomMid", "rightBottomEdge")],
                               [S("simon.collarStand", "rightTopCf", "topMid")])},
                _pair([_edge("collar", "stand_seam")], [_edge("collar_stand", "collar_seam")]), "diff"),
            Length("neckline ×2 (body: FS neck / our neck base)", {"simon": _pair(SIMON_NECK, [])},
                   _pair(OUR_SHIRT_NECK, []), "neck"),
            Length("collar stand CB→CF ×2", {
                "simon": _pair([S("simon.collarStand", "bottomMid", "rightBottomCf")], [])},
                _pair([_edge("collar_stand", "neckline")], []), "collar"),
        ),
    ),
)


# --------------------------------------------------------------------------------------
# Figures

@dataclass
class Row:
    block: str
    label: str
    values: dict[str, tuple[str, str]] = field(default_factory=dict)  # body -> (fs, ours)


def fmt_ease(drafted: float, body: float) -> str:
    mm, pct = ease(drafted, body)
    return f"{pct:.1f} % ({mm / 10:.1f} cm)"


def _safe(fn: Callable[[], str]) -> str:
    try:
        return fn()
    except MissingName as exc:
        return f"n/a ({exc.args[0]} missing)"
    except (KeyError, ValueError, ZeroDivisionError) as exc:
        return f"n/a ({type(exc).__name__}: {exc})"


def block_rows(block: Block, body_name: str, fs_side: Side, ours_side: Side,
               fs_body: Mapping[str, float], ours_body: Mapping[str, float],
               fs_pieces: int, ours_pieces: int) -> list[Row]:
    """All rows of one block for one body (values for that body only)."""
    design = block.designs[body_name]
    rows: list[Row] = []

    def add(label: str, fs_fn: Callable[[], str], ours_fn: Callable[[], str]) -> None:
        rows.append(Row(block.name, label, {body_name: (_safe(fs_fn), _safe(ours_fn))}))

    for g in block.girths:
        def fs_g(g: Girth = g) -> str:
            return fmt_ease(g.factor * total(fs_side, g.fs[design], fs_body), fs_body[g.fs_body])

        def ours_g(g: Girth = g) -> str:
            terms = g.ours[body_name] if isinstance(g.ours, Mapping) else g.ours
            if not terms:
                return "–"
            ref = fs_body[g.ours_body[3:]] if g.ours_body.startswith("fs:") else ours_body[g.ours_body]
            return fmt_ease(g.factor * total(ours_side, terms, fs_body), ref)

        add(f"ease: {g.label}", fs_g, ours_g)

    if block.sleeve:
        sl = block.sleeve

        def figures(side: Side, arm_terms: Sequence[S], cap: S, biceps: float) -> dict[str, str]:
            arm = total(side, arm_terms, {})
            cap_run = run(side[cap.piece], cap.a, cap.b)
            cap_len = polyline_length(cap_run)
            h = cap_height(cap_run)
            return {"armhole": f"{arm / 10:.1f} cm", "cap": f"{cap_len / 10:.1f} cm",
                    "cap ease": f"{cap_len - arm:.1f} mm ({100 * (cap_len - arm) / arm:.1f} %)",
                    "cap height": f"{h / 10:.1f} cm",
                    "cap height / armhole": f"{h / arm:.3f}",
                    "bicep width (ease)": f"{chord(cap_run) / 10:.1f} cm "
                                          f"({100 * (chord(cap_run) / biceps - 1):.1f} %)"}

        def fs_figs() -> dict[str, str]:
            return figures(fs_side, sl.armhole[design], sl.cap[design], fs_body[sl.fs_biceps])

        def ours_figs() -> dict[str, str]:
            return figures(ours_side, sl.ours_armhole, sl.ours_cap, ours_body[sl.ours_biceps])

        try:
            fsf: dict[str, str] | str = fs_figs()
        except (MissingName, KeyError, ValueError) as exc:
            fsf = f"n/a ({exc})"
        try:
            ourf: dict[str, str] | str = ours_figs()
        except (MissingName, KeyError, ValueError) as exc:
            ourf = f"n/a ({exc})"
        for key in ("armhole", "cap", "cap ease", "cap height", "cap height / armhole",
                    "bicep width (ease)"):
            fv = fsf[key] if isinstance(fsf, dict) else fsf
            ov = ourf[key] if isinstance(ourf, dict) else ourf
            rows.append(Row(block.name, f"sleeve: {key}", {body_name: (fv, ov)}))

    for ln in block.lengths:
        def value(side: Side, spec: tuple[Sequence[Term], Sequence[Term]],
                  ln: Length = ln, fs: bool = True) -> str:
            plus = total(side, spec[0], fs_body)
            minus = total(side, spec[1], fs_body) if spec[1] else 0.0
            if ln.kind == "diff":
                d = plus - minus
                return "0.0 mm" if abs(d) < 0.05 else f"{d:+.1f} mm"
            if ln.kind == "neck":
                ref = fs_body["neck"] if fs else ours_body["neck_base_girth"]
                return f"{2 * plus / 10:.1f} cm (body {ref / 10:.1f})"
            if ln.kind == "collar":
                ref = fs_body["neck"] if fs else ours_body["neck_girth"]
                return f"{2 * plus / 10:.1f} cm (body neck {ref / 10:.1f})"
            if ln.kind == "crotch":
                ref = fs_body["crossSeam"] if fs else ours_body["crotch_length"]
                return f"{plus / 10:.1f} cm (body {ref / 10:.1f})"
            return f"{plus / 10:.1f} cm"

        add(ln.label, functools.partial(value, fs_side, ln.fs[design], ln),
            functools.partial(value, ours_side, ln.ours, ln, fs=False))

    for r in block.raises:
        def rise(side: Side, spec: tuple[str, str, str]) -> str:
            piece, side_pt, centre_pt = spec
            pts = side[piece].points
            if side_pt not in pts or centre_pt not in pts:
                raise MissingName(side_pt if side_pt not in pts else centre_pt)
            return f"{(pts[side_pt][1] - pts[centre_pt][1]) / 10:.1f} cm"

        add(r.label, functools.partial(rise, fs_side, r.fs[design]),
            functools.partial(rise, ours_side, r.ours))

    if block.count_pieces:
        rows.append(Row(block.name, "pieces", {body_name: (str(fs_pieces), str(ours_pieces))}))
    return rows


def merge_rows(rows: Iterable[Row]) -> list[Row]:
    """Rows of the same block and label for different bodies merged into one."""
    out: dict[tuple[str, str], Row] = {}
    for r in rows:
        key = (r.block, r.label)
        if key in out:
            out[key].values.update(r.values)
        else:
            out[key] = Row(r.block, r.label, dict(r.values))
    return list(out.values())


def render_table(rows: Sequence[Row], bodies: Sequence[str], designs: Mapping[str, Mapping[str, str]],
                 markdown: bool) -> str:
    head = ["Block", "Figure"]
    for b in bodies:
        head += [f"{b}: FreeSewing", f"{b}: ours"]
    body_rows = []
    last = ""
    for r in rows:
        block = r.block
        if block != last:
            names = " / ".join(f"{designs[block][b].capitalize()} {b}" for b in bodies)
            label = f"{block} ({names})"
            last = block
        else:
            label = ""
        cells = [label, r.label]
        for b in bodies:
            cells += list(r.values.get(b, ("", "")))
        body_rows.append(cells)
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(c.replace("|", "/") for c in cells) + " |" for cells in body_rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [head, *body_rows]) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*cells) for cells in body_rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# FreeSewing side: install, draft, read

def _package_json() -> dict[str, Any]:
    deps = {f"@freesewing/{p}": FS_VERSION for p in (*FS_EXTRA, *DESIGNS)}
    return {"name": "fitsvc-freesewing-scratch", "private": True,
            "description": "Scratch install for bench/pattern_vs_freesewing.py (not part of the project)",
            "dependencies": deps, "overrides": FS_OVERRIDES}


def installed_versions(fs_dir: Path) -> dict[str, str]:
    out = {}
    base = fs_dir / "node_modules" / "@freesewing"
    if base.is_dir():
        for pj in sorted(base.glob("*/package.json")):
            try:
                out[pj.parent.name] = json.loads(pj.read_text(encoding="utf-8"))["version"]
            except (OSError, ValueError, KeyError):
                continue
    return out


def needs_install(fs_dir: Path) -> bool:
    v = installed_versions(fs_dir)
    return any(v.get(p) != FS_VERSION for p in (*DESIGNS, *FS_EXTRA))


def install(fs_dir: Path, npm: str) -> float:
    """npm install the pinned packages into fs_dir; returns the seconds it took."""
    fs_dir.mkdir(parents=True, exist_ok=True)
    (fs_dir / "package.json").write_text(json.dumps(_package_json(), indent=1) + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--ignore-scripts"],
                          cwd=fs_dir, capture_output=True, text=True, timeout=900, check=False)
    secs = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr)[-2000:]
        raise SystemExit(f"npm install failed in {fs_dir} (exit {proc.returncode}):\n{tail}")
    return secs


def draft_freesewing(node: str, fs_dir: Path, bodies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    request = {"designs": list(DESIGNS), "settings": {"sa": 10},
               "bodies": {b: v["fs"] for b, v in bodies.items()}}
    proc = subprocess.run([node, str(NODE_SCRIPT), "--fs-dir", str(fs_dir)], input=json.dumps(request),
                          capture_output=True, text=True, timeout=600, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"node {NODE_SCRIPT.name} failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def fs_side(result: Mapping[str, Any], block: Block) -> tuple[Side, int]:
    """Outlines of a FreeSewing draft (visible parts and hidden ones with a seam) and the
    number of visible parts that have a seam line (= pieces to cut)."""
    side: Side = {}
    pieces = 0
    for name, part in result["parts"].items():
        seam = part["paths"].get("seam")
        if not seam or len(seam["pts"]) < 3:
            continue
        side[name] = outline_from_fs(part, block.fs_darts.get(name, ()))
        pieces += 0 if part["hidden"] else 1
    return side, pieces


# --------------------------------------------------------------------------------------
# Our side

def ours_side(block: Block, body: Mapping[str, Any]) -> tuple[Side, int, list[str]]:
    """Outlines of our drafts for the body; pieces of the block itself; cross-check notes."""
    from pattern.draft.registry import draft_block
    from pattern.measurements import Measurements

    m = Measurements.from_cm(body["ours"])
    side: Side = {}
    pieces = 0
    notes: list[str] = []
    for name in block.ours:
        d = draft_block(name, m)
        notes += [f"ours {name}: {w}" for w in d.warnings]
        for p in d.pieces:
            side[p.name] = outline_from_piece(p)
        if name == block.name:
            pieces = len(d.pieces)
            # cross-check: exact edge lengths against the flattened runs measured here
            for p in d.pieces:
                for e in p.edges:
                    got = polyline_length(run(side[p.name], e.name, f"{e.name}.end"))
                    if abs(got - e.length()) > 0.5:
                        notes.append(f"ours {name}: {p.name}.{e.name} flattened {got:.1f} vs "
                                     f"exact {e.length():.1f} mm")
    return side, pieces, notes


def fs_crosschecks(design: str, body: str, result: Mapping[str, Any], side: Side, block: Block) -> list[str]:
    """FreeSewing's own stored armhole / cap lengths against the runs measured here."""
    notes = []
    store = result.get("store", {})
    sl = block.sleeve
    if sl and design in sl.armhole:
        key = "library.sleeve"
        try:
            arm = total(side, sl.armhole[design], {})
            stored = store.get(f"{key}.backArmholeLength", 0) + store.get(f"{key}.frontArmholeLength", 0)
            if stored and abs(arm - stored) > 1.0:
                notes.append(f"{design} {body}: armhole measured {arm:.1f} vs FS store {stored:.1f} mm")
            cap = polyline_length(run(side[sl.cap[design].piece], sl.cap[design].a, sl.cap[design].b))
            stored_cap = store.get(f"{key}.sleevecapLength")
            if stored_cap and abs(cap - stored_cap) > 1.0:
                notes.append(f"{design} {body}: cap measured {cap:.1f} vs FS store {stored_cap:.1f} mm")
        except (MissingName, KeyError) as exc:
            notes.append(f"{design} {body}: cross-check skipped ({exc})")
    for level in ("warn", "error"):
        msgs = result.get("logs", {}).get(level, [])
        for msg in sorted(set(msgs)):
            notes.append(f"{design} {body} FreeSewing {level}: {msg} (×{msgs.count(msg)})")
    return notes


# --------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fs-dir", type=Path, default=DEFAULT_FS_DIR,
                    help="scratch folder for the npm install (default var/freesewing)")
    ap.add_argument("--bodies", type=Path, default=None, help="bodies.json (default: ../shared copy)")
    ap.add_argument("--blocks", default=",".join(b.name for b in BLOCKS),
                    help="comma-separated blocks (default: all)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        missing = " and ".join(n for n, p in (("node", node), ("npm", npm)) if p is None)
        print(f"{missing} not found on PATH: the FreeSewing comparison needs node and npm "
              f"(FreeSewing {FS_VERSION} is installed with npm and run with node). No figures.")
        return 0

    wanted = [b for b in BLOCKS if b.name in args.blocks.split(",")]
    bodies, bodies_src = load_bodies(args.bodies)
    fs_dir = args.fs_dir.resolve()
    install_secs = None
    if needs_install(fs_dir):
        print(f"Installing FreeSewing {FS_VERSION} ({', '.join(DESIGNS)}) with npm into {fs_dir} "
              "(one time; a few seconds here, 1.9 MB)...", file=sys.stderr)
        install_secs = install(fs_dir, npm)
        print(f"npm install took {install_secs:.1f} s", file=sys.stderr)
    fs = draft_freesewing(node, fs_dir, bodies)

    rows: list[Row] = []
    notes: list[str] = []
    for block in wanted:
        for body_name in bodies:
            design = block.designs[body_name]
            res = fs["results"][design][body_name]
            if "error" in res:
                notes.append(f"{design} {body_name}: FreeSewing draft failed: {res['error'][:300]}")
                continue
            fside, fpieces = fs_side(res, block)
            try:
                oside, opieces, onotes = ours_side(block, bodies[body_name])
            except Exception as exc:  # a draft being edited: report it, keep the FS figures
                oside, opieces, onotes = {}, 0, [f"ours {block.name} {body_name}: draft failed: "
                                                 f"{type(exc).__name__}: {exc}"]
            notes += onotes + fs_crosschecks(design, body_name, res, fside, block)
            rows += block_rows(block, body_name, fside, oside, bodies[body_name]["fs"],
                               {k: float(v) * 10 for k, v in bodies[body_name]["ours"].items()
                                if k != "sex"}, fpieces, opieces)
    rows = merge_rows(rows)
    body_names = list(bodies)
    designs = {b.name: dict(b.designs) for b in wanted}
    fsv = fs["versions"]
    per_design = ", ".join(f"{d} {fsv.get(d, '?')}" for d in DESIGNS)
    version_line = (f"FreeSewing {fsv.get('core', '?')} ({per_design}; "
                    f"snapseries {fsv.get('snapseries', '?')}), node {fs['node']}, sa 10 mm, "
                    "default options both sides")
    models = ", ".join(f"{b} = {bodies[b].get('fs_model', b)}" for b in body_names)
    print(f"# {dt.date.today().isoformat()} — {version_line}")
    print(f"# bodies: {models} ({bodies_src})")
    if install_secs is not None:
        print(f"# npm install: {install_secs:.1f} s")
    print(render_table(rows, body_names, designs, args.markdown))
    if notes:
        print("\nNotes:")
        for n in dict.fromkeys(notes):
            print(f"- {n}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "date": dt.date.today().isoformat(), "freesewing": fsv, "node": fs["node"],
            "bodies": models, "rows": [{"block": r.block, "figure": r.label, "values": r.values}
                                       for r in rows], "notes": notes}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
