"""PDF exports with fpdf2: tiled home-printer PDF (A4 / US Letter) and a plotter PDF.

Tiled: page 1 carries two test squares (metric: 10 cm and 4 in; imperial: 2 in and
10 cm) and the print-at-100 % note, page 2 an assembly map, then one page per tile.
Neighbouring tiles overlap by `overlap` mm; the glue line and diamond marks coincide when
tiles are laid over each other (pattern-findings §3.3). Paperless mode writes the measurements of
:mod:`pattern.finish.paperless` on the tiles and the plotter page (not on the scaled map).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from fpdf import FPDF

from pattern.export.layout import Placed, bbox, shelf
from pattern.finish import FinishedPiece
from pattern.finish.paperless import REACH, TEXT_MM, piece_marks
from pattern.finish.units import MM_PER_INCH, check_units
from pattern.geometry import Point

PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGIN = 10.0
#: Cover-page test squares (side mm, label) per units; the first is the one to check.
TEST_SQUARES = {"metric": ((100.0, "10 cm x 10 cm"), (4 * MM_PER_INCH, "4 in x 4 in")),
                "imperial": ((2 * MM_PER_INCH, "2 in x 2 in"), (100.0, "10 cm x 10 cm"))}


def _draw(pdf: FPDF, placed: list[Placed], shift: Point, k: float = 1.0,
          window: tuple[float, float, float, float] | None = None,
          units: str | None = None) -> None:
    """Pieces at scale k; ``units`` (paperless mode) also writes their measurements."""
    reach = REACH if units else 0.0
    for pl in placed:
        x0, y0, x1, y1 = bbox(pl.fp.cut)
        o = pl.offset
        if window and (x1 + o.x < window[0] or x0 + o.x - reach > window[2]
                       or y1 + o.y < window[1] or y0 + o.y - reach > window[3]):
            continue

        def tr(p: Point, o: Point = o) -> tuple[float, float]:
            return ((p.x + o.x) * k + shift.x, (p.y + o.y) * k + shift.y)

        pdf.set_line_width(0.4 * k)
        pdf.polyline([tr(p) for p in pl.fp.cut], polygon=True)
        pdf.set_line_width(0.15 * k)
        pdf.set_dash_pattern(dash=2 * k, gap=1 * k)
        pdf.polyline([tr(p) for p in pl.fp.seam], polygon=True)
        pdf.set_dash_pattern()
        for d in pl.fp.piece.darts:
            pdf.polyline([tr(d.leg_a), tr(d.tip), tr(d.leg_b)])
        for a, b in pl.fp.notches:
            pdf.line(*tr(a), *tr(b))
        if pl.fp.piece.grain:
            pdf.line(*tr(pl.fp.piece.grain[0]), *tr(pl.fp.piece.grain[1]))
        for h in pl.fp.piece.drill_holes:
            cx, cy = tr(h)
            pdf.circle(cx, cy, 1.5 * k)
        lab = pl.fp.label
        pdf.set_font("helvetica", size=max(4.0, lab.height * 2.8 * k))
        for i, line in enumerate(lab.lines):
            x, y = tr(lab.at + Point(0, i * lab.height * 1.6))
            pdf.text(x, y, line)
        if units:
            _paperless(pdf, pl, tr, units)


def _paperless(pdf: FPDF, pl: Placed, tr: Callable[[Point], tuple[float, float]],
               units: str) -> None:
    """Dimension lines and measurements of one piece (1:1 pages only)."""
    marks = piece_marks(pl.fp, units)
    pdf.set_draw_color(0, 85, 170)
    pdf.set_text_color(0, 85, 170)
    pdf.set_line_width(0.2)
    for a, b in marks.lines:
        pdf.line(*tr(a), *tr(b))
    pdf.set_font("helvetica", size=TEXT_MM * 72 / MM_PER_INCH)
    for t in marks.texts:
        x, y = tr(t.at)
        with pdf.rotation(-t.angle, x, y):  # fpdf turns counter-clockwise
            w = pdf.get_string_width(t.text)
            pdf.text(x - {"start": 0.0, "middle": w / 2, "end": w}[t.anchor], y, t.text)
    pdf.set_draw_color(0)
    pdf.set_text_color(0)


def _cover(pdf: FPDF, title: str, paper: str, units: str = "metric") -> None:
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.text(MARGIN, MARGIN + 5, title[:80])
    pdf.set_font("helvetica", size=9)
    pdf.text(MARGIN, MARGIN + 11, f"Print at 100 % / actual size on {paper} - "
             "no 'fit to page'. Check both squares before cutting.")
    pdf.set_line_width(0.3)
    squares = TEST_SQUARES[units]
    y = MARGIN + 16
    for side, text in squares:
        pdf.rect(MARGIN, y, side, side)
        pdf.text(MARGIN + 3, y + 8, text)
        y += side + 8


def tile_grid(w: float, h: float, paper: str, overlap: float) -> tuple[int, int, float, float]:
    pw, ph = PAPERS[paper]
    cw, ch = pw - 2 * MARGIN, ph - 2 * MARGIN
    cols = max(1, math.ceil((w - overlap) / (cw - overlap)))
    rows = max(1, math.ceil((h - overlap) / (ch - overlap)))
    return rows, cols, cw, ch


def _marks(pdf: FPDF, cw: float, ch: float, overlap: float, name: str) -> None:
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=1, gap=1)
    pdf.rect(MARGIN, MARGIN, cw, ch)
    gx, gy = MARGIN + cw - overlap, MARGIN + ch - overlap
    pdf.line(gx, MARGIN, gx, MARGIN + ch)
    pdf.line(MARGIN, gy, MARGIN + cw, gy)
    pdf.set_dash_pattern()
    for f in (0.25, 0.75):  # diamonds centred on the glue lines and their copies
        for cx, cy in ((gx, MARGIN + ch * f), (MARGIN, MARGIN + ch * f),
                       (MARGIN + cw * f, gy), (MARGIN + cw * f, MARGIN)):
            pdf.polyline([(cx, cy - 3), (cx + 3, cy), (cx, cy + 3), (cx - 3, cy)], polygon=True)
    pdf.set_font("helvetica", "B", 10)
    pdf.text(MARGIN + 2, MARGIN - 3, name)


def to_tiled_pdf(pieces: list[FinishedPiece], paper: str = "A4", title: str = "",
                 overlap: float = 10.0, paperless: bool = False, units: str = "metric") -> bytes:
    check_units(units)
    placed, w, h = shelf(pieces)
    rows, cols, cw, ch = tile_grid(w, h, paper, overlap)
    pdf = FPDF(unit="mm", format=PAPERS[paper])
    pdf.set_auto_page_break(False)
    pdf.set_title(title or "pattern")
    _cover(pdf, title or "Pattern", paper, units)
    pdf.add_page()  # assembly map
    k = min((PAPERS[paper][0] - 2 * MARGIN) / w, (PAPERS[paper][1] - 40) / h)
    _draw(pdf, placed, Point(MARGIN, 20), k)
    pdf.set_font("helvetica", size=8)
    for r in range(rows):
        for c in range(cols):
            x, y = MARGIN + c * (cw - overlap) * k, 20 + r * (ch - overlap) * k
            pdf.rect(x, y, cw * k, ch * k)
            pdf.text(x + 1, y + 4, f"{chr(65 + r)}{c + 1}")
    for r in range(rows):
        for c in range(cols):
            pdf.add_page()
            x0, y0 = c * (cw - overlap), r * (ch - overlap)
            with pdf.rect_clip(MARGIN, MARGIN, cw, ch):
                _draw(pdf, placed, Point(MARGIN - x0, MARGIN - y0),
                      window=(x0, y0, x0 + cw, y0 + ch), units=units if paperless else None)
            _marks(pdf, cw, ch, overlap, f"{chr(65 + r)}{c + 1}  (row {r + 1}, column {c + 1})")
    return bytes(pdf.output())


def to_plotter_pdf(pieces: list[FinishedPiece], roll_width: float = 914.0,
                   title: str = "", paperless: bool = False, units: str = "metric") -> bytes:
    """One page as wide as the plotter roll (default 36 in), as long as needed."""
    check_units(units)
    placed, _w, h = shelf(pieces, max_width=roll_width - 2 * MARGIN - 40)
    pdf = FPDF(unit="mm", format=(roll_width, h + 2 * MARGIN + 10))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("helvetica", size=8)
    roll = f"{roll_width:.0f} mm" if units == "metric" else f"{roll_width / MM_PER_INCH:.0f} in"
    pdf.text(MARGIN, MARGIN, f"{title}  - plot at 100 %, roll {roll}")
    _draw(pdf, placed, Point(MARGIN, MARGIN + 5), units=units if paperless else None)
    return bytes(pdf.output())
