"""Read marker pieces from JSON polygons or a DXF (AAMA-style blocks or plain polylines).

JSON: ``{"units": "mm"|"cm"|"in", "pieces": [{"name", "size", "outline": [[x, y], ...],
"quantity": 1, "mirrored_pair": false, "grain_deg": 0}]}`` (a bare list is accepted too).
``grain_deg`` is the grainline's direction in the outline's coordinates (90 = vertical,
as drafted pattern pieces usually are).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from pattern.nest.errors import NestInputError
from pattern.nest.instance import Piece

UNIT_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "m": 1000.0}


def pieces_from_json(data: Any) -> list[Piece]:
    """Pieces from the JSON document (see module doc); coordinates converted to mm."""
    if isinstance(data, list):
        data = {"pieces": data}
    if not isinstance(data, dict) or not isinstance(data.get("pieces"), list):
        raise NestInputError("pieces JSON must be a list or an object with a 'pieces' list")
    k = UNIT_MM.get(str(data.get("units", "mm")))
    if k is None:
        raise NestInputError(f"unknown units {data.get('units')!r}; use mm, cm, in or m")
    out = []
    for i, p in enumerate(data["pieces"]):
        try:
            outline = tuple((float(x) * k, float(y) * k) for x, y in p["outline"])
            out.append(Piece(name=str(p.get("name", f"piece{i}")), size=str(p.get("size", "ONE")),
                             outline=outline, quantity=int(p.get("quantity", 1)),
                             mirrored_pair=bool(p.get("mirrored_pair", False)),
                             grain_deg=float(p.get("grain_deg", 0.0))))
        except (KeyError, TypeError, ValueError) as exc:
            raise NestInputError(f"piece {i}: bad entry ({exc})") from exc
    if not out:
        raise NestInputError("the pieces file holds no pieces")
    return out


def _closed_rings(entities: Any) -> list[list[tuple[float, float]]]:
    rings = []
    for e in entities:
        if e.dxftype() == "LWPOLYLINE" and e.closed:
            rings.append([(float(x), float(y)) for x, y, *_ in e.get_points()])
        elif e.dxftype() == "POLYLINE" and e.is_closed:
            rings.append([(float(v.dxf.location.x), float(v.dxf.location.y))
                          for v in e.vertices])
    return [r for r in rings if len(r) >= 3]


def _ring_area(r: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1], strict=False))) / 2


def _texts(entities: Any) -> dict[str, str]:
    out = {}
    for e in entities:
        if e.dxftype() in ("TEXT", "MTEXT"):
            txt = e.dxf.text if e.dxftype() == "TEXT" else e.text
            m = re.match(r"\s*(piece name|size|quantity|name|fold)\s*:\s*(.+)", txt, re.I)
            if m:
                out[m.group(1).lower()] = m.group(2).strip()
    return out


def _grain(entities: Any) -> float:
    for e in entities:
        if e.dxftype() == "LINE" and str(e.dxf.layer) == "7":
            d = e.dxf.end - e.dxf.start
            return math.degrees(math.atan2(d.y, d.x))
    return 90.0


def _quantity(text: str) -> tuple[int, bool]:
    """AAMA quantity: '2' -> 2 pieces; '1,1' -> 1 mirrored pair (left, right)."""
    nums = [int(n) for n in re.findall(r"\d+", text)] or [1]
    if len(nums) >= 2:
        return max(1, min(nums[:2])), True
    return max(1, nums[0]), False


def _unfold(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Mirror a cut-on-fold half across its fold: the longest straight edge on x = 0
    (drafting CB/CF line) when there is one, else the longest straight edge."""
    from shapely import union_all
    from shapely.geometry import Polygon

    from pattern.nest.from_pattern import reflect_across

    edges = list(zip(ring, ring[1:] + ring[:1], strict=False))
    on_axis = [e for e in edges if abs(e[0][0]) < 0.5 and abs(e[1][0]) < 0.5]
    a, b = max(on_axis or edges, key=lambda e: math.dist(*e))
    half = Polygon(ring).buffer(0)
    full = union_all([half, reflect_across(half, a, b)]).buffer(0)
    if full.geom_type != "Polygon":
        full = max(full.geoms, key=lambda g: g.area)
    return [(float(x), float(y)) for x, y in list(full.exterior.coords)[:-1]]


def pieces_from_dxf(path: str | Path, units: str = "mm") -> list[Piece]:
    """AAMA-style: one BLOCK per piece (largest closed polyline = cut line, texts
    'Piece Name:', 'Size:', 'Quantity:' ('1,1' = a mirrored pair), 'Fold: Y' (unfolded),
    grain LINE on layer 7); otherwise each closed
    polyline in modelspace is a piece with its layer as size and a vertical grain."""
    import ezdxf

    k = UNIT_MM.get(units)
    if k is None:
        raise NestInputError(f"unknown units {units!r}")
    try:
        doc = ezdxf.readfile(str(path))
    except (OSError, ezdxf.DXFError) as exc:
        raise NestInputError(f"cannot read DXF {path}: {exc}") from exc
    out: list[Piece] = []
    for blk in doc.blocks:
        if blk.name.startswith("*"):
            continue
        rings = _closed_rings(blk)
        if not rings:
            continue
        ring = max(rings, key=_ring_area)
        meta = _texts(blk)
        if meta.get("fold", "").strip().upper().startswith("Y"):
            ring = _unfold(ring)
        qty, pair = _quantity(meta.get("quantity", "1"))
        out.append(Piece(name=meta.get("piece name", meta.get("name", blk.name)),
                         size=meta.get("size", "ONE"),
                         outline=tuple((x * k, y * k) for x, y in ring),
                         quantity=qty, mirrored_pair=pair, grain_deg=_grain(blk)))
    if not out:
        for i, ring in enumerate(_closed_rings(doc.modelspace())):
            out.append(Piece(name=f"piece{i}", size="ONE",
                             outline=tuple((x * k, y * k) for x, y in ring), grain_deg=90.0))
    if not out:
        raise NestInputError(f"no closed polylines found in {path}")
    return out


def load_pieces(path: str | Path) -> list[Piece]:
    """Pieces from a .json or .dxf file."""
    p = Path(path)
    if not p.exists():
        raise NestInputError(f"pieces file not found: {p}")
    if p.suffix.lower() == ".dxf":
        return pieces_from_dxf(p)
    if p.suffix.lower() == ".json":
        try:
            return pieces_from_json(json.loads(p.read_text()))
        except json.JSONDecodeError as exc:
            raise NestInputError(f"{p} is not valid JSON: {exc}") from exc
    raise NestInputError(f"unsupported pieces file {p.name}; use .json or .dxf")
