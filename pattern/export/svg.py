"""SVG at 1:1 (1 user unit = 1 mm) with Inkscape layers per line type."""

from __future__ import annotations

from xml.sax.saxutils import escape

from pattern.export.layout import Placed, shelf
from pattern.finish import FinishedPiece
from pattern.finish.paperless import piece_marks
from pattern.finish.units import check_units
from pattern.geometry import Point

LAYERS = ("cut", "seam", "internal", "notches", "grain", "drill", "text")
DIMS = "dimensions"  # the paperless layer (written only in paperless mode)


def _d(points: list[Point], off: Point, close: bool) -> str:
    body = " ".join(f"{p.x + off.x:.2f},{p.y + off.y:.2f}" for p in points)
    return f"M {body}{' Z' if close else ''}"


def _piece_layers(pl: Placed, color: str = "#000") -> dict[str, list[str]]:
    fp, off = pl.fp, pl.offset
    out: dict[str, list[str]] = {k: [] for k in LAYERS}
    out["cut"].append(f'<path d="{_d(fp.cut, off, True)}" stroke="{color}"/>')
    out["seam"].append(f'<path d="{_d(fp.seam, off, True)}" stroke-dasharray="4 2"/>')
    for d in fp.piece.darts:
        out["internal"].append(f'<path d="{_d([d.leg_a, d.tip, d.leg_b], off, False)}"/>')
    for path in fp.piece.internal:
        out["internal"].append(f'<path d="{_d(path.flatten(0.2), off, False)}"/>')
    for a, b in fp.notches:
        out["notches"].append(f'<path d="{_d([a, b], off, False)}"/>')
    if fp.piece.grain:
        out["grain"].append(f'<path d="{_d(list(fp.piece.grain), off, False)}" '
                            'marker-start="url(#arrow)" marker-end="url(#arrow)"/>')
    for h in fp.piece.drill_holes:
        out["drill"].append(f'<circle cx="{h.x + off.x:.2f}" cy="{h.y + off.y:.2f}" r="1.5"/>')
    lab = fp.label
    for i, line in enumerate(lab.lines):
        out["text"].append(f'<text x="{lab.at.x + off.x:.1f}" '
                           f'y="{lab.at.y + off.y + i * lab.height * 1.5:.1f}" '
                           f'font-size="{lab.height:.1f}">{escape(line)}</text>')
    return out


def _marks(pl: Placed, units: str) -> list[str]:
    """Paperless marks of one placed piece: dimension lines, then the measurements."""
    off, marks = pl.offset, piece_marks(pl.fp, units)
    out = [f'<path d="{_d([a, b], off, False)}"/>' for a, b in marks.lines]
    for t in marks.texts:
        x, y = t.at.x + off.x, t.at.y + off.y
        edge = f' data-edge="{escape(t.edge)}"' if t.edge else ""
        edge += f' text-anchor="{t.anchor}"' if t.anchor != "middle" else ""
        out.append(f'<text class="{t.kind}" stroke="none" data-piece="{escape(t.piece)}"{edge} '
                   f'data-mm="{t.mm:.2f}" x="{x:.2f}" y="{y:.2f}" '
                   f'transform="rotate({t.angle:.2f} {x:.2f} {y:.2f})">{escape(t.text)}</text>')
    return out


def to_svg(pieces: list[FinishedPiece], placed: list[Placed] | None = None,
           size: tuple[float, float] | None = None, title: str = "", paperless: bool = False,
           units: str = "metric", mark_size: str | None = None) -> str:
    """Whole drawing as an SVG string (width/height in mm, viewBox in mm).

    ``paperless`` adds a `dimensions` layer (seam lengths, overall width/height, notch
    positions) labelled in ``units``; ``mark_size`` limits it to one size (nested runs)."""
    check_units(units)
    if placed is None:
        placed, w, h = shelf(pieces)
    else:
        w, h = size or (1000.0, 1000.0)
    names = (*LAYERS, DIMS) if paperless else LAYERS
    layers: dict[str, list[str]] = {k: [] for k in names}
    for pl in placed:
        for k, v in _piece_layers(pl).items():
            layers[k].extend(v)
        if paperless and mark_size in (None, pl.fp.size):
            layers[DIMS].extend(_marks(pl, units))
    # each layer's attributes once (an attribute twice is not XML: parsers and browsers refuse it)
    line = 'fill="none" stroke="#000"'
    style = {"cut": f'{line} stroke-width="0.5"', "seam": 'fill="none" stroke="#888" stroke-width="0.3"',
             "internal": f'{line} stroke-width="0.3"', "notches": f'{line} stroke-width="0.5"',
             "grain": f'{line} stroke-width="0.3"', "drill": f'{line} stroke-width="0.3"',
             "text": 'stroke="none" fill="#000" font-family="sans-serif"',
             DIMS: 'fill="#05a" stroke="#05a" stroke-width="0.25" font-family="sans-serif" '
                   'font-size="3.0" text-anchor="middle"'}
    groups = "\n".join(f'<g inkscape:groupmode="layer" inkscape:label="{k}" id="{k}" '
                       f'{style[k]}>\n' + "\n".join(layers[k]) + "\n</g>"
                       for k in names)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" '
            f'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
            f'width="{w:.1f}mm" height="{h:.1f}mm" viewBox="0 0 {w:.1f} {h:.1f}">\n'
            f'<title>{escape(title)}</title>\n'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="4" '
            'markerHeight="4" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
            'fill="#000"/></marker></defs>\n' + groups + "\n</svg>\n")
