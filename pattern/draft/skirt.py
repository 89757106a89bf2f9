"""Straight skirt block, front (on fold) and back (CB seam), one dart each.

Width = hip/2 + ease; side waist raised 1 % of hip; darts take what the shared side
shaping leaves (pattern-findings §5.3 "Straight skirt").
"""

from __future__ import annotations

from pattern.draft.base import DraftContext, Option, Part
from pattern.draft.shared import hip_depth
from pattern.geometry import Line, Path, Point, bisect, smooth_cubic
from pattern.piece import Cut, Dart, Edge, Notch, Piece

MEASUREMENTS = ("waist_girth", "hip_girth", "waist_height", "knee_height")
OPTIONS = {
    "hip_ease": Option(0.04, 0.0, 0.25, ease=True),
    "waist_ease": Option(0.02, 0.0, 0.15, ease=True),
    "length": Option(1.0, 0.3, 2.2, kind="ratio"),  # × waist-to-knee
    "sa": Option(10.0, 0.0, 30.0, kind="mm"),
    "hem": Option(40.0, 0.0, 80.0, kind="mm"),
}


def _waist(side_w: Point, side_dir: Point) -> Path:
    perp = Point(side_dir.y, -side_dir.x)
    return Path.of(smooth_cubic(Point(0, 0), Point(1, 0), side_w, perp, k=0.4))


def _point_at_x(path: Path, x: float) -> tuple[Point, float]:
    n = path.length()
    d = bisect(lambda s: path.point_at_length(s).x - x, 0.0, n, tol=1e-3)
    return path.point_at_length(d), d


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
    side = Path.of(smooth_cubic(sw, sdir, hp, Point(0, 1), k=0.4),
                   Line(hp, Point(w, length)))
    sa = ctx.o("sa")
    centre_name = "cf" if front else "cb"
    centre = Edge(centre_name, Path.of(Line(Point(0, length), Point(0, 0))),
                  0.0 if front else 15.0, "fold" if front else "seam")
    nk = "slit" if front else "double"
    piece = Piece(
        name="skirt_front" if front else "skirt_back", code="E" if front else "F",
        edges=(Edge("waist", waist, sa, takeup=max(dart, 0.0)), Edge("side", side, sa),
               Edge("hem", Path.of(Line(Point(w, length), Point(0, length))), ctx.o("hem"),
                    "hem"), centre),
        points={f"{centre_name}_waist": Point(0, 0), "side_waist": sw, "side_hip": hp,
                "side_hem": Point(w, length), f"{centre_name}_hem": Point(0, length)},
        darts=(Dart(f"{'front' if front else 'back'}_dart", pa, tip, pb),) if dart >= 0.5 else (),
        drill_holes=(Point(dart_x, dart_len - 0.01 * hip),) if dart >= 0.5 else (),
        grain=(Point(w * 0.35, hd * 0.6), Point(w * 0.35, length * 0.9)),
        cut=Cut(1, on_fold=True) if front else Cut(2, mirrored=True),
        levels={"hip": hd + 1.0},
        notches=(*((Notch("waist", da), Notch("waist", db)) if dart >= 0.5 else ()),
                 Notch("side", side.segments[0].length(), nk)),
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
        front, df = _panel(ctx, front_w, side_in, half_w / 2, 0.42 * front_w, 0.45 * hd, True)
        back, dbk = _panel(ctx, back_w, side_in, half_w / 2, 0.46 * back_w, 0.65 * hd, False)
        worst = min(df, dbk)
        if worst >= 0:
            break
        side_in += worst
    return [front, back]


SKIRT = Part("skirt", MEASUREMENTS, OPTIONS, draft_skirt)
