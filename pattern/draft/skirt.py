"""Skirt block, front (on fold) and back (CB seam), one dart each; straight, A-line or pencil.

Width = hip/2 + ease; side waist raised 1 % of hip; darts take what the shared side
shaping leaves (pattern-findings §5.3 "Straight skirt"). Shapes use the side-seam method
of the straight-skirt adaptations: the side hem moves out by ``flare`` (A-line) or in by
``peg`` (pencil), each × the hip-to-hem length (an angle, not a fixed amount), the same on
front and back so the side seams stay equal; the side seam keeps its straight length and
the hem curves up to it at a right angle. (Aldrich's dart-closing A-line is not used: it
needs a slashed dart that the block does not have.) Optional back vent, a CB extension
4 cm wide on a 100 cm hip mitred at 45° at its top, and a straight waistband
(:mod:`pattern.draft.waistband`).
"""

from __future__ import annotations

from pattern.draft import waistband
from pattern.draft.base import DraftContext, Option, Part
from pattern.draft.shared import hip_depth
from pattern.geometry import CubicBezier, Line, Path, Point, Segment, bisect, smooth_cubic
from pattern.piece import Cut, Dart, Edge, Notch, Piece

MEASUREMENTS = ("waist_girth", "hip_girth", "waist_height", "knee_height")
SHAPES = ("straight", "a_line", "pencil")
VENT_WIDTH = 0.04  # × hip
OPTIONS = {
    "hip_ease": Option(0.04, 0.0, 0.25, ease=True,
                       description="ease at the hip line, fraction of the hip girth"),
    "waist_ease": Option(0.02, 0.0, 0.15, ease=True,
                         description="ease at the waist seam, fraction of the waist girth"),
    "length": Option(1.0, 0.3, 2.2, kind="ratio",
                     description="waist-to-hem length / waist-to-knee length (1.0 = to the "
                                 "knee)"),
    "shape": Option(0, 0, 2, kind="choice", choices=SHAPES,
                    description="straight; a_line (hem flared by `flare`); pencil (hem "
                                "pegged in by `peg`)"),
    "flare": Option(0.18, 0.05, 0.6, kind="ratio",
                    description="a_line only: side hem moved out by this × the hip-to-hem "
                                "length on each panel (0.18 ≈ 10°)"),
    "peg": Option(0.06, 0.02, 0.15, kind="ratio",
                  description="pencil only: side hem moved in by this × the hip-to-hem "
                              "length on each panel"),
    "vent": Option(0, 0, 1, kind="bool", description="back vent: CB extension at the hem"),
    "vent_length": Option(180.0, 60.0, 400.0, kind="mm",
                          description="vent length up from the hem in mm (kept below the "
                                      "hip line)"),
    **waistband.OPTIONS,
    "sa": Option(10.0, 0.0, 30.0, kind="mm", description="seam allowance in mm"),
    "hem": Option(40.0, 0.0, 80.0, kind="mm", description="hem allowance in mm"),
}


def _waist(side_w: Point, side_dir: Point) -> Path:
    perp = Point(side_dir.y, -side_dir.x)
    return Path.of(smooth_cubic(Point(0, 0), Point(1, 0), side_w, perp, k=0.4))


def _point_at_x(path: Path, x: float) -> tuple[Point, float]:
    n = path.length()
    d = bisect(lambda s: path.point_at_length(s).x - x, 0.0, n, tol=1e-3)
    return path.point_at_length(d), d


def _side_hem(ctx: DraftContext, hp: Point, length: float) -> Point:
    """Side hem: straight down, or rotated about the hip point (same seam length)."""
    drop = length - hp.y
    dx = {"a_line": ctx.o("flare"), "pencil": -ctx.o("peg")}.get(ctx.choice("shape"), 0.0)
    return hp + Point(dx * drop, drop).unit() * drop


def _vent_length(ctx: DraftContext, length: float, hd: float) -> float:
    vl = ctx.o("vent_length")
    most = length - hd - VENT_WIDTH * ctx["hip_girth"] - 30.0
    if vl > most:
        ctx.warnings.append(f"skirt: vent shortened to {max(most, 0):.0f} mm (hip line)")
    return max(min(vl, most), 0.0)


def _panel(ctx: DraftContext, w: float, side_in: float, target: float, dart_x: float,
           dart_len: float, front: bool) -> tuple[Piece, float]:
    hip, hd = ctx["hip_girth"], hip_depth(ctx)
    length = (ctx["waist_height"] - ctx["knee_height"]) * ctx.o("length")
    r = 0.01 * hip
    sw, hp = Point(w - side_in, -r), Point(w, hd)
    sdir = Point(side_in * 0.6, hd).unit()
    waist = _waist(sw, sdir)
    dart = waist.length() - target
    pa, da = _point_at_x(waist, dart_x - dart / 2)
    pb, db = _point_at_x(waist, dart_x + dart / 2)
    tip = Point(dart_x, dart_len)
    sh, ch = _side_hem(ctx, hp, length), Point(0, length)
    side = Path.of(smooth_cubic(sw, sdir, hp, Point(0, 1), k=0.4), Line(hp, sh))
    down = (sh - hp).unit()
    span = sh.dist(ch)
    hem_seg: Segment = Line(sh, ch) if abs(down.x) < 1e-9 else CubicBezier(
        sh, sh + Point(-down.y, down.x) * (0.2 * span), ch + Point(0.5 * span, 0), ch)
    sa = ctx.o("sa")
    centre_name = "cf" if front else "cb"
    vent = not front and ctx.flag("vent")
    vl, vw = (_vent_length(ctx, length, hd), VENT_WIDTH * hip) if vent else (0.0, 0.0)
    top = Point(0, length - vl - vw)
    hem = Path.of(hem_seg, Line(ch, Point(-vw, length))) if vent else Path.of(hem_seg)
    centre = Edge(centre_name, Path.of(Line(top if vent else ch, Point(0, 0))),
                  0.0 if front else 15.0, "fold" if front else "seam")
    vent_edges = (Edge("vent", Path.of(Line(Point(-vw, length), Point(-vw, length - vl)),
                                       Line(Point(-vw, length - vl), top)), 15.0),) \
        if vent else ()
    nk = "slit" if front else "double"
    has_dart = dart >= 0.5
    piece = Piece(
        name="skirt_front" if front else "skirt_back", code="E" if front else "F",
        edges=(Edge("waist", waist, sa, takeup=max(dart, 0.0)), Edge("side", side, sa),
               Edge("hem", hem, ctx.o("hem"), "hem"), *vent_edges, centre),
        points={f"{centre_name}_waist": Point(0, 0), "side_waist": sw, "side_hip": hp,
                "side_hem": sh, f"{centre_name}_hem": ch,
                **({"vent_top": top} if vent else {})},
        darts=(Dart(f"{'front' if front else 'back'}_dart", pa, tip, pb),) if has_dart else (),
        drill_holes=(Point(dart_x, dart_len - 0.01 * hip),) if has_dart else (),
        grain=(Point(w * 0.35, hd * 0.6), Point(w * 0.35, length * 0.9)),
        cut=Cut(1, on_fold=True) if front else Cut(2, mirrored=True),
        levels={"hip": hd + 1.0},
        notches=(*((Notch("waist", da), Notch("waist", db)) if has_dart else ()),
                 Notch("side", side.segments[0].length(), nk),
                 *((Notch("vent", vl, nk),) if vent else ())),
    )
    return piece, dart


def draft_skirt(ctx: DraftContext) -> list[Piece]:
    """Front and back; a common side shaping keeps the side seams equal."""
    hip, waist = ctx["hip_girth"], ctx["waist_girth"]
    half_h = hip * (1 + ctx.o("hip_ease")) / 2
    half_w = waist * (1 + ctx.o("waist_ease")) / 2
    back_w = half_h * 0.5 + 0.005 * hip
    front_w = half_h - back_w
    s = half_h - half_w
    side_in = 0.2 * s if s > 0 else s / 2
    hd = hip_depth(ctx)
    for _ in range(4):
        n_warn = len(ctx.warnings)
        front, df = _panel(ctx, front_w, side_in, half_w / 2, 0.42 * front_w, 0.45 * hd, True)
        back, dbk = _panel(ctx, back_w, side_in, half_w / 2, 0.46 * back_w, 0.65 * hd, False)
        worst = min(df, dbk)
        if worst >= 0:
            break
        side_in += worst
        del ctx.warnings[n_warn:]
    pieces = [front, back]
    if ctx.flag("waistband"):
        f_w, b_w = front.edge("waist").sewn_length(), back.edge("waist").sewn_length()
        pieces.append(waistband.waistband(
            "skirt_waistband", "W", 2 * (f_w + b_w), waist, ctx.o("waistband_height"),
            ctx.o("sa"), (b_w, b_w + f_w, b_w + 2 * f_w)))
    return pieces


SKIRT = Part("skirt", MEASUREMENTS, OPTIONS, draft_skirt)
