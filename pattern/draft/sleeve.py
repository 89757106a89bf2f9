"""One-piece set-in sleeve; the cap height is found by a fitting loop so that the cap is
the drafted armhole plus the chosen cap ease (pattern-findings §5.3 "Sleeve", step 5).
"""

from __future__ import annotations

from dataclasses import dataclass

from pattern.draft.base import DraftContext, Option, Part
from pattern.errors import DraftError
from pattern.geometry import Line, Path, Point, bisect, smooth_cubic
from pattern.piece import Cut, Edge, Notch, Piece

MEASUREMENTS = ("arm_length", "upper_arm_girth", "wrist_girth")
OPTIONS = {
    "cap_ease": Option(0.06, 0.0, 0.12),
    "bicep_ease": Option(0.18, 0.05, 0.45, ease=True),
    "wrist_ease": Option(0.60, 0.2, 1.5),
    "length_bonus": Option(0.02, -0.5, 0.2),
    "sa": Option(10.0, 0.0, 30.0, kind="mm"),
    "hem": Option(30.0, 0.0, 60.0, kind="mm"),
}


def cap_path(width: float, h: float) -> Path:
    """Back underarm -> cap top (0, 0) -> front underarm; front scooped a little more."""
    ub, top, uf = Point(-width / 2, h), Point(0, 0), Point(width / 2, h)
    mb, mf = Point(-width * 0.27, h * 0.42), Point(width * 0.25, h * 0.48)
    db, df = Point(width / 2, -h * 1.3).unit(), Point(width / 2, h * 1.3).unit()
    return Path.of(smooth_cubic(ub, Point(1, -0.25), mb, db),
                   smooth_cubic(mb, db, top, Point(1, 0)),
                   smooth_cubic(top, Point(1, 0), mf, df),
                   smooth_cubic(mf, df, uf, Point(1, 0.25)))


@dataclass(frozen=True)
class SleeveSpec:
    """Inputs of the sleeve construction (all mm)."""

    armhole_back: float
    armhole_front: float
    pitch_back: float  # along the bodice armhole from the shoulder
    pitch_front: float
    cap_ease: float
    bicep: float
    length: float
    hem_width: float
    hem_takeup: float = 0.0


def sleeve_piece(spec: SleeveSpec, sa: float, hem: float, name: str, code: str) -> Piece:
    """Draft the sleeve; raises DraftError when no cap height matches the armhole."""
    arm = spec.armhole_back + spec.armhole_front
    target = arm * (1 + spec.cap_ease)
    width = spec.bicep
    if target < width * 1.12:  # flat cap impossible: narrow the sleeve (keeps ≥ 80 %)
        width = max(target / 1.12, 0.8 * spec.bicep)
    h = bisect(lambda v: cap_path(width, v).length() - target, 0.02 * width, 1.5 * width,
               tol=0.01)
    cap = cap_path(width, h)
    if abs(cap.length() - target) > 1.0:
        raise DraftError(f"sleeve cap cannot match armhole {arm:.0f} mm at ease "
                         f"{spec.cap_ease:.0%}")
    hw = min(spec.hem_width, width * 0.98)
    ub, uf = cap.start, cap.end
    hf, hb = Point(hw / 2, spec.length), Point(-hw / 2, spec.length)
    k = 1 + spec.cap_ease
    notches = (Notch("cap", (spec.armhole_back - spec.pitch_back) * k, "double"),
               Notch("cap", cap.length() - (spec.armhole_front - spec.pitch_front) * k),
               Notch("cap", sum(s.length() for s in cap.segments[:2])),
               Notch("back_seam", hb.dist(ub) * 0.45, "double"))
    return Piece(
        name=name, code=code,
        edges=(Edge("cap", cap, sa), Edge("front_seam", Path.of(Line(uf, hf)), sa),
               Edge("hem", Path.of(Line(hf, hb)), hem, "hem", takeup=spec.hem_takeup),
               Edge("back_seam", Path.of(Line(hb, ub)), sa)),
        points={"cap_top": Point(0, 0), "back_underarm": ub, "front_underarm": uf,
                "front_hem": hf, "back_hem": hb, "elbow": Point(0, (h + spec.length) / 2)},
        grain=(Point(0, h * 0.6), Point(0, spec.length * 0.9)),
        cut=Cut(2, mirrored=True), levels={"bicep": h + 1.0}, notches=notches,
        meta={"cap_height_mm": f"{h:.1f}", "cap_ease_mm": f"{cap.length() - arm:.1f}"},
    )


def draft_sleeve(ctx: DraftContext) -> list[Piece]:
    """Plain fitted sleeve for the bodice armhole."""
    s = ctx.store
    wrist = ctx["wrist_girth"] * (1 + ctx.o("wrist_ease"))
    spec = SleeveSpec(s["armhole_back"], s["armhole_front"], s["pitch_back"], s["pitch_front"],
                      ctx.o("cap_ease"), ctx["upper_arm_girth"] * (1 + ctx.o("bicep_ease")),
                      ctx["arm_length"] * (1 + ctx.o("length_bonus")), wrist)
    piece = sleeve_piece(spec, ctx.o("sa"), ctx.o("hem"), "sleeve", "C")
    s["cap_length"] = piece.edge("cap").length()
    return [piece]


SLEEVE = Part("sleeve", MEASUREMENTS, OPTIONS, draft_sleeve)
