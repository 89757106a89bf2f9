"""One-piece set-in sleeve for the bodice block.

Method: the asymmetric "triangle" cap of `pattern.draft.sleeve_cap` (Aldrich's one-piece
sleeve block: back and front armscye measured separately and struck from the crown to
the bicep line). The fitted sleeve gives the bicep (upper arm + `bicep_ease`) and lets
the cap height follow, as in FreeSewing Brian's documented fitting loop (cap length =
armhole × (1 + cap ease), within 2 mm) but per half: the back half of the cap is the back
armhole + ease and the front half the front armhole + ease, so the shoulder notch at the
cap top splits the ease in the ratio of the armholes (pattern-findings §5.3 "Sleeve",
steps 2–5; cap ease of a woven set-in sleeve 2.5–4.5 cm, i.e. ≈ 6 % here).
Notches: back pitch double, front pitch single, shoulder at the cap top, elbow double
notch on the back seam (§5.3 step 6).
"""

from __future__ import annotations

from dataclasses import dataclass

from pattern.draft.base import DraftContext, Option, Part
from pattern.draft.sleeve_cap import Cap, cap_for_bicep, cap_for_height
from pattern.errors import DraftError
from pattern.geometry import Line, Path, Point
from pattern.piece import Cut, Edge, Notch, Piece

MEASUREMENTS = ("arm_length", "upper_arm_girth", "wrist_girth")
OPTIONS = {
    "cap_ease": Option(0.06, 0.0, 0.12, description="sleeve cap longer than the armhole by "
                       "this fraction (eased in; split front/back like the armholes)"),
    "bicep_ease": Option(0.18, 0.05, 0.45, ease=True,
                         description="ease over the upper arm girth at the bicep line"),
    "wrist_ease": Option(0.60, 0.2, 1.5, description="ease over the wrist girth at the hem"),
    "length_bonus": Option(0.02, -0.5, 0.2,
                           description="sleeve length change, as a fraction of the arm length"),
    "sa": Option(10.0, 0.0, 30.0, kind="mm", description="seam allowance"),
    "hem": Option(30.0, 0.0, 60.0, kind="mm", description="hem allowance"),
}


@dataclass(frozen=True)
class SleeveSpec:
    """Inputs of the sleeve construction (all mm).

    With ``cap_ratio`` set, the cap height is cap_ratio × armhole and the bicep follows
    (never below ``bicep``: then the cap is lowered); otherwise the bicep is ``bicep``.
    """

    armhole_back: float
    armhole_front: float
    pitch_back: float  # along the bodice armhole from the shoulder
    pitch_front: float
    cap_ease: float
    bicep: float
    length: float
    hem_width: float
    hem_takeup: float = 0.0
    cap_ratio: float | None = None
    hem_kind: str = "hem"


def fit_cap(spec: SleeveSpec) -> Cap:
    """The cap for the spec; raises DraftError when it cannot match the armhole."""
    k = 1 + spec.cap_ease
    back, front = spec.armhole_back * k, spec.armhole_front * k
    arm = spec.armhole_back + spec.armhole_front
    if spec.cap_ratio is not None:
        cap = cap_for_height(back, front, spec.cap_ratio * arm)
        if cap.width < spec.bicep:  # a big arm: lower the cap rather than pinch the bicep
            cap = cap_for_bicep(back, front, spec.bicep, 0.18 * arm)
    else:
        cap = cap_for_bicep(back, front, spec.bicep, 0.25 * arm)
    if abs(cap.back_len - back) > 1.0 or abs(cap.path.length() - back - front) > 1.0:
        raise DraftError(f"sleeve cap cannot match armhole {arm:.0f} mm at ease "
                         f"{spec.cap_ease:.0%}")
    return cap


def sleeve_piece(spec: SleeveSpec, sa: float, hem: float, name: str, code: str) -> Piece:
    """Draft the sleeve from its spec (cap, underarm seams, hem, notches)."""
    cap = fit_cap(spec)
    h, path = cap.h, cap.path
    hw = min(spec.hem_width, cap.width * 0.98)
    ub, uf = path.start, path.end
    mid = (ub.x + uf.x) / 2  # hem centred under the bicep
    hf, hb = Point(mid + hw / 2, spec.length), Point(mid - hw / 2, spec.length)
    k = 1 + spec.cap_ease
    arm = spec.armhole_back + spec.armhole_front
    total = path.length()
    notches = (Notch("cap", (spec.armhole_back - spec.pitch_back) * k, "double"),
               Notch("cap", total - (spec.armhole_front - spec.pitch_front) * k),
               Notch("cap", cap.back_len),
               Notch("back_seam", hb.dist(ub) * 0.45, "double"))
    return Piece(
        name=name, code=code,
        edges=(Edge("cap", path, sa), Edge("front_seam", Path.of(Line(uf, hf)), sa),
               Edge("hem", Path.of(Line(hf, hb)), hem, spec.hem_kind, takeup=spec.hem_takeup),
               Edge("back_seam", Path.of(Line(hb, ub)), sa)),
        points={"cap_top": Point(0, 0), "back_underarm": ub, "front_underarm": uf,
                "front_hem": hf, "back_hem": hb, "elbow": Point(mid, (h + spec.length) / 2)},
        grain=(Point(0, h * 0.6), Point(0, spec.length * 0.9)),
        cut=Cut(2, mirrored=True), levels={"bicep": h + 1.0}, notches=notches,
        meta={"cap_height_mm": f"{h:.1f}", "cap_ease_mm": f"{total - arm:.1f}",
              "cap_ease_back_mm": f"{cap.back_len - spec.armhole_back:.1f}",
              "cap_ease_front_mm": f"{total - cap.back_len - spec.armhole_front:.1f}",
              "bicep_mm": f"{cap.width:.1f}"},
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
