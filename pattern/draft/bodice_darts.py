"""Dart handling of the bodice: the bust dart pivoted about the bust point, and the back
shoulder's ease or dart.

* Pivoting (Joseph-Armstrong, *Patternmaking for Fashion Design*, "pivotal-transfer
  technique"; dresspatternmaking.com "Manipulating darts", Bodice Front Style 13): the
  panel between the side dart's upper leg and a slash from the bust point to the
  mid-shoulder is rotated about the bust point by the dart angle. The side dart closes,
  a shoulder dart of the same angle opens; every seam keeps its sewn length and the
  fabric area is unchanged (a rigid rotation).
* Back shoulder (Aldrich, *Metric Pattern Cutting for Women's Wear*, close-fitting
  bodice block, as summarised in pattern-findings §5.3 step 2: the back shoulder is the
  shoulder length + 0.5–1 cm, eased in over the shoulder blades or taken out by a back
  shoulder dart; FreeSewing Bella eases 4.6 mm on the comparison body). The dart length,
  0.2 × nape-to-waist (≈ 8 cm), is our reading of the book's figure, to be checked
  against it. The excess is the edge's `takeup`, so seam checks compare sewn lengths.
"""

from __future__ import annotations

from dataclasses import dataclass

from pattern.draft.bodice_bust import Front
from pattern.geometry import Line, Path, Point
from pattern.piece import Dart

BACK_DART_DEPTH = 0.2  # back shoulder dart length, × nape-to-waist (Aldrich ≈ 8 cm on 41)


def dart_tip(apex: Point, a: Point, b: Point, setback: float) -> Point:
    """The drawn dart point: on the bisector, `setback` short of the apex."""
    return apex.towards(a.lerp(b, 0.5), setback)


@dataclass(frozen=True)
class FrontLayout:
    """The front's seam paths and bust dart for one dart handling."""

    shoulder: Path
    armhole: Path
    side: Path
    dart: Dart | None
    tip: Point
    under: Point
    pitch: Point
    shoulder_takeup: float
    side_takeup: float


def folded(f: Front, setback: float) -> FrontLayout:
    """Bust dart in the side seam (the block as drafted); the mouth is bridged."""
    shoulder = Path.of(Line(f.hps, f.tip))
    if f.alpha <= 0:
        return FrontLayout(shoulder, f.armhole, Path.of(Line(f.under, f.side_waist)), None,
                           f.tip, f.under, f.pitch, 0.0, 0.0)
    dart = Dart("bust_dart", f.m_up, dart_tip(f.bp, f.m_up, f.m_low, setback), f.m_low)
    side = Path.polyline([f.under, f.m_up, f.m_low, f.side_waist])
    return FrontLayout(shoulder, f.armhole, side, dart, f.tip, f.under, f.pitch, 0.0,
                       f.m_up.dist(f.m_low))


def pivoted(f: Front, setback: float, at: float = 0.5) -> FrontLayout:
    """Bust dart pivoted from the side seam to the shoulder (`at` along HPS -> tip)."""
    if f.alpha <= 0:
        return folded(f, setback)

    def rot(p: Point) -> Point:
        return p.rotate(f.bp, f.alpha)

    s = f.hps.lerp(f.tip, at)
    s2, tip, under = rot(s), rot(f.tip), rot(f.under)
    dart = Dart("bust_dart", s, dart_tip(f.bp, s, s2, setback), s2)
    shoulder = Path.polyline([f.hps, s, s2, tip])
    side = Path.polyline([under, f.m_low, f.side_waist])
    return FrontLayout(shoulder, f.armhole.map(rot), side, dart, tip, under, rot(f.pitch),
                       s.dist(s2), 0.0)


@dataclass(frozen=True)
class BackShoulder:
    path: Path
    tip: Point
    takeup: float
    dart: Dart | None


def back_shoulder(hps: Point, tip: Point, mode: str, excess: float,
                  dart_depth: float) -> BackShoulder:
    """Back shoulder HPS -> tip lengthened by `excess`: eased (`ease`), or with a dart at
    mid-shoulder (`dart`, `dart_depth` long, square to the shoulder); `none`: as given."""
    if mode == "none" or excess <= 0:
        return BackShoulder(Path.of(Line(hps, tip)), tip, 0.0, None)
    u = (tip - hps).unit()
    sl = hps.dist(tip)
    end = hps + u * (sl + excess)
    if mode == "ease":
        return BackShoulder(Path.of(Line(hps, end)), end, excess, None)
    a, b = hps + u * (sl / 2), hps + u * (sl / 2 + excess)
    apex = a.lerp(b, 0.5) + u.perp() * dart_depth
    return BackShoulder(Path.polyline([hps, a, b, end]), end, excess,
                        Dart("back_shoulder_dart", a, apex, b))
