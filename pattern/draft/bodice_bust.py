"""Bust inputs of the women's bodice and the front drafted with a full-bust adjustment.

Method (sources per rule):

* The front is first drafted without a bust on the **high bust** (upper chest, measured
  under the arms and above the bust): its underarm width is high bust × (1 + ease)/2
  minus the back (FreeSewing Bella drafts its armhole from ``highBust``;
  dresspatternmaking.com "Why upper bust": a block drafted on the full bust carries the
  cup's excess in the armhole, which is the 8.8 cm front scoop of issue 14).
* The bust is then added by the **full-bust adjustment** (Palmer & Alto, *Fit for Real
  People*): slash waist -> bust point -> armhole pitch and side -> bust point; the side
  panel is hinged at the pitch and spread until the half front gains
  s = (bust - high bust) × (1 + ease)/2 at the bust line. The opening at the side is the
  bust dart (apex at the bust point, equal legs, angle = the hinge rotation; the side
  slash is drawn so that the dart ends up level) and the centre-front panel is lowered
  by the spread's drop so the waist stays level: a fuller bust gives a bigger dart and a
  longer front. FreeSewing Bella hinges its side panel at the same pitch point. The
  same rotation about the bust point moves the dart elsewhere (Joseph-Armstrong,
  *Patternmaking for Fashion Design*, "pivotal-transfer"), see `bodice_darts`.
* The bust point sits at half the bust span from CF (Joseph-Armstrong's bust span; Bella
  places it the same way). Before the spread it lies at the bust depth below the HPS;
  the spread lowers it with the side panel (the FBA re-marks the bust point at the new
  dart apex), so a fuller bust also sits lower.
* A measured ``front_length`` (HPS -> waist over the bust, Armstrong's "full length
  front", FreeSewing ``hpsToWaistFront``) sets the centre-front waist; the side waist
  stays where the side seam (sewn to the back's) ends, so the front waist line slopes by
  the difference — FreeSewing Bella does the same (``cfHem`` at hpsToWaistFront, the side
  hem from the back's side-seam length). Bust point, dart and armhole stay as drafted.

Estimates when a bust measurement is missing (documented in `ESTIMATES`):

* ``high_bust_girth`` = 0.945 × chest (female): a patternmaking B cup, i.e. bust - high
  bust = 2 in (5.1 cm) on the 92 cm size-12 bust (dresspatternmaking.com "Bust cup
  sizes": A 1 in, B 2 in, C 3 in ...; commercial patterns are drafted for a B cup), kept
  proportional so dolls and giants scale. FreeSewing's base female body has 865/925 =
  0.935. Male: = chest (no cup; FreeSewing's base male high bust even exceeds his chest).
* ``bust_span`` = 0.173 × chest (female), 0.19 (male): FreeSewing base bodies
  (``neckstimate`` bustSpan 160 mm at chest 925 mm; 190 at 1000; FreeSewing marks its
  bust values as estimates).
* bust depth (HPS -> bust point of the no-bust front; not a user input) = 0.70 × back
  HPS->waist (female), 0.60 (male): FreeSewing base bodies (hpsToBust 275 /
  hpsToWaistBack 395; 280 / 470).
* ``front_length`` = back HPS->waist + the FBA drop (no separate rule).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pattern.draft.shared import Torso, front_neck
from pattern.geometry import CubicBezier, Path, Point, bisect, line_intersection, smooth_cubic
from pattern.measurements import Measurements

ESTIMATES = {  # name -> (female, male) ratio and what it multiplies
    "high_bust_girth": ((0.945, 1.0), "chest_girth"),
    "bust_span": ((0.173, 0.19), "chest_girth"),
    "bust_depth": ((0.70, 0.60), "back HPS->waist"),
}
PITCH_FRAC = 0.62  # front pitch: this far from the shoulder tip down to the underarm line


@dataclass(frozen=True)
class Bust:
    """Bust inputs in mm; `sources` says which were measured and which estimated."""

    span: float
    high_bust: float
    depth: float
    front_length: float | None
    sources: dict[str, str]


def bust_inputs(m: Measurements, back_length: float) -> Bust:
    """Measured bust values where given, estimates (see `ESTIMATES`) otherwise."""
    i = 0 if m.sex == "female" else 1
    src: dict[str, str] = {}

    def get(name: str, ref: float) -> float:
        if name in m:
            src[name] = "measured"
            return m[name]
        ratios, what = ESTIMATES[name]
        src[name] = f"estimated: {ratios[i]:g} × {what}"
        return ratios[i] * ref

    chest = m["chest_girth"]
    high = get("high_bust_girth", chest)
    span = get("bust_span", chest)
    depth = get("bust_depth", back_length)
    front = m.values_mm.get("front_length")
    src["front_length"] = "measured" if front is not None else "estimated: back + FBA drop"
    return Bust(span, high, depth, front, src)


def cup(m: Measurements, bust: Bust) -> float:
    """Bust minus high bust (≥ 0): the patternmaking cup."""
    return max(m["chest_girth"] - bust.high_bust, 0.0)


@dataclass(frozen=True)
class Front:
    """Front bodice geometry with the bust dart in the side seam (mm, y down).

    ``m_up``/``m_low`` are the dart's mouth on the side seam, ``bp`` its apex.
    """

    hps: Point
    cf_neck: Point
    tip: Point
    pitch: Point
    under: Point
    m_up: Point
    m_low: Point
    side_waist: Point
    bp: Point
    neck: Path
    armhole: Path
    alpha: float  # dart angle (rad) = FBA hinge rotation
    drop: float  # CF lowered by the spread (mm)
    level: float  # y of the full-bust girth line (just below the dart; with a spread)


def front_armhole(tip: Point, hps: Point, pitch: Point, under: Point) -> Path:
    """Shoulder tip -> pitch (tangent vertical) -> underarm (tangent horizontal)."""
    sdir = (tip - hps).unit()
    a = smooth_cubic(tip, Point(-sdir.y, sdir.x), pitch, Point(0, 1), k=0.4)
    r = max(min(under.x - pitch.x, under.y - pitch.y), 0.0)
    b = CubicBezier(pitch, pitch + Point(0, (under.y - pitch.y) * 0.55),
                    under - Point(r * 0.75, 0), under)
    return Path.of(a, b)


def draft_front(t: Torso, side_dir: Point, side_len: float, bust: Bust, cup_spread: float,
                bp_x: float, across: float, fba: bool) -> Front:
    """FBA front. `cup_spread` = (bust - high bust)(1 + ease)/2, the width the half front
    gains at the bust line; `side_dir`/`side_len` = the back side seam (the front's sews
    to it); `across` = across-front; `bp_x` = the bust point's distance from CF. Without
    `fba` (no cup: menswear) nothing is spread and the side seam is straight, as in the
    block before the bust inputs.

    The no-bust front's bust point lies at the bust depth below the HPS; the spread moves
    it down (and out to `bp_x`) with the side panel, as in the FBA, where the bust point
    is re-marked at the new dart apex."""
    hps = Point(t.front_neck_w, -t.rise)
    tip = t.front_tip
    pitch = Point(across, tip.y + (t.scye - tip.y) * PITCH_FRAC)
    u0 = Point(t.front_w - (cup_spread if fba else 0.0), t.scye)  # no-bust underarm
    y0 = max(hps.y + bust.depth, t.scye + 0.05 * (t.waist_y - t.scye))
    m0 = u0 + side_dir * ((y0 - t.scye) / side_dir.y)

    def solve(m: Point) -> tuple[Point, float]:
        """(no-bust bust point, hinge angle) giving the full width at the bust line."""
        need = t.front_w - m.x
        b = Point(max(bp_x - need, 0.0), y0)
        return b, bisect(lambda a: (b.rotate(pitch, -a) - b).x - need, 0.0, 1.2, tol=1e-6)

    bp0, alpha = Point(bp_x, y0), 0.0
    for _ in range(5 if fba else 0):  # slash alpha/2 below level -> a level dart after
        bp0, alpha = solve(m0)
        hit = line_intersection(bp0, Point(math.cos(alpha / 2), math.sin(alpha / 2)),
                                u0, side_dir)
        m0 = hit if hit is not None else m0
    if fba:
        bp0, alpha = solve(m0)
    bp = bp0.rotate(pitch, -alpha)
    tr = bp - bp0
    w0 = u0 + side_dir * side_len
    under, m_up = u0.rotate(pitch, -alpha), m0.rotate(pitch, -alpha)
    m_low, side_waist = m0 + tr, w0 + tr
    neck = front_neck(t)
    return Front(hps=hps, cf_neck=neck.start, tip=tip, pitch=pitch, under=under, m_up=m_up,
                 m_low=m_low, side_waist=side_waist, bp=bp, neck=neck,
                 armhole=front_armhole(tip, hps, pitch, under), alpha=alpha, drop=tr.y,
                 level=m_low.y + 0.5)
