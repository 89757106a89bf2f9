"""Paperless mode and imperial units: the lengths written on SVG/PDF drawings are the
pieces' own (edge lengths, overall size, notch positions) rounded, in cm or 1/8 in."""

from __future__ import annotations

import argparse
import math
import re
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest

from pattern import SizeChart, draft_block, grade
from pattern.export import Job, render_format
from pattern.finish.units import eighths, format_length, parse_length

ROOT = Path(__file__).resolve().parents[2]
CHART = SizeChart.load(ROOT / "sample_data/size_charts/womens_eu.json")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def bodice():  # type: ignore[no-untyped-def]
    return draft_block("bodice", CHART.bodies["M"])


def _job(draft, units: str = "metric", paperless: bool = True) -> Job:  # type: ignore[no-untyped-def]
    return Job("BODICE", draft=draft, size="M", paperless=paperless, units=units)


def _texts(svg: bytes, kind: str) -> list[ElementTree.Element]:
    root = ElementTree.fromstring(svg)
    layer = root.find(f"{SVG}g[@id='dimensions']")
    assert layer is not None, "no dimensions layer"
    return [t for t in layer.iter(f"{SVG}text") if t.get("class") == kind]


def _rounded(mm: float, units: str) -> float:
    """The length a label should show, in mm: whole mm, or whole eighths of an inch."""
    return math.floor(mm + 0.5) if units == "metric" else eighths(mm) * 25.4 / 8


@pytest.mark.parametrize("units", ["metric", "imperial"])
def test_svg_seam_lengths_equal_the_edge_lengths_rounded(bodice, units: str) -> None:
    labels = _texts(render_format(_job(bodice, units), "svg"), "seam")
    found = {(t.get("data-piece"), t.get("data-edge")): t.text or "" for t in labels}
    expected = {(p.name, e.name): e.length() for p in bodice.pieces for e in p.edges}
    assert set(found) == set(expected)
    for key, text in found.items():
        assert text.startswith(str(key[1]).replace("_", " ") + " ")
        assert parse_length(text) == pytest.approx(_rounded(expected[key], units), abs=1e-6), key
        if units == "imperial":
            assert text.endswith('"') and "cm" not in text
        else:
            assert re.fullmatch(r".* \d+\.\d cm", text)


def test_svg_overall_dimensions_and_notch_positions(bodice) -> None:
    svg = render_format(_job(bodice), "svg")
    for piece in bodice.pieces:
        ring = piece.outline(0.2)
        w = max(p.x for p in ring) - min(p.x for p in ring)
        h = max(p.y for p in ring) - min(p.y for p in ring)
        for kind, size in (("width", w), ("height", h)):
            [t] = [t for t in _texts(svg, kind) if t.get("data-piece") == piece.name]
            assert parse_length(t.text or "") == pytest.approx(_rounded(size, "metric"))
        notches = [t for t in _texts(svg, "notch") if t.get("data-piece") == piece.name]
        assert len(notches) == len(piece.notches) > 0
        for t in notches:
            e = piece.edge(str(t.get("data-edge")))
            shown = parse_length(t.text or "")
            # measured from the nearer end of its edge, an arrow pointing at that end
            assert any(math.isclose(shown, _rounded(min(n.dist, e.length() - n.dist), "metric"))
                       for n in piece.notches if n.edge == e.name)
            assert (t.text or "").startswith("<- ") or (t.text or "").endswith(" ->")
    root = ElementTree.fromstring(svg)
    assert len(root.findall(f"{SVG}g[@id='dimensions']/{SVG}path")) == 6 * len(bodice.pieces)


def test_not_paperless_has_no_dimensions(bodice) -> None:
    svg = render_format(_job(bodice, paperless=False), "svg")
    assert b'id="dimensions"' not in svg and b'class="seam"' not in svg


def test_nested_svg_marks_the_sample_size_only() -> None:
    run = grade("skirt", CHART, ["S", "M", "L"])
    svg = render_format(Job("SKIRT", run=run, paperless=True, units="imperial"), "svg")
    labels = _texts(svg, "seam")
    sample = run.sample
    assert len(labels) == sum(len(p.edges) for p in sample.pieces)
    for t in labels:
        e = sample.piece(str(t.get("data-piece"))).edge(str(t.get("data-edge")))
        assert parse_length(t.text or "") == pytest.approx(_rounded(e.length(), "imperial"))


def _pdf_text(pdf: bytes) -> list[str]:
    pages = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            pages.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            pages.append(raw.decode("latin-1"))
    return pages


def _squares_mm(cover: str) -> list[tuple[float, float]]:
    sizes = re.findall(r"[-\d.]+ [-\d.]+ ([-\d.]+) ([-\d.]+) re", cover)
    return [(round(float(w) / 72 * 25.4, 1), round(abs(float(h)) / 72 * 25.4, 1)) for w, h in sizes]


@pytest.mark.parametrize("fmt", ["pdf", "pdf_letter", "pdf_plotter"])
@pytest.mark.parametrize("units", ["metric", "imperial"])
def test_pdf_writes_the_same_lengths(bodice, fmt: str, units: str) -> None:
    def shown(paperless: bool) -> set[str]:
        text = "".join(_pdf_text(render_format(_job(bodice, units, paperless), fmt)))
        return set(re.findall(r"\(([^()]*)\) Tj", text))

    labels = {f"{e.name.replace('_', ' ')} {format_length(e.length(), units)}"
              for p in bodice.pieces for e in p.edges}
    assert labels <= shown(True)
    assert not labels & shown(False)


def test_imperial_pdf_test_square_is_two_inches(bodice) -> None:
    cover = _pdf_text(render_format(_job(bodice, "imperial", paperless=False), "pdf"))[0]
    squares = _squares_mm(cover)
    assert squares[0] == (50.8, 50.8) and "2 in x 2 in" in cover
    assert (100.0, 100.0) in squares  # the metric check stays
    metric = _squares_mm(_pdf_text(render_format(_job(bodice, paperless=False), "pdf"))[0])
    assert metric[:2] == [(100.0, 100.0), (101.6, 101.6)]
    roll = "".join(_pdf_text(render_format(_job(bodice, "imperial"), "pdf_plotter")))
    assert "roll 36 in" in roll


@pytest.mark.parametrize("mm,metric,imperial", [
    (0.0, "0.0 cm", '0"'), (25.4, "2.5 cm", '1"'), (9.525, "1.0 cm", '3/8"'),
    (187.325, "18.7 cm", '7 3/8"'), (182.45, "18.2 cm", '7 1/8"'), (50.8, "5.1 cm", '2"'),
    (1000.0, "100.0 cm", '39 3/8"'), (12.7, "1.3 cm", '1/2"'),
])
def test_format_length(mm: float, metric: str, imperial: str) -> None:
    assert format_length(mm) == metric and format_length(mm, "imperial") == imperial
    assert parse_length(imperial) == pytest.approx(eighths(mm) * 25.4 / 8)
    with pytest.raises(ValueError):
        format_length(mm, "cubits")


def test_job_refuses_unknown_units(bodice) -> None:
    with pytest.raises(ValueError):
        Job("B", draft=bodice, units="cubits")


def test_cli_paperless_imperial(tmp_path: Path) -> None:
    from fitsvc.patterns.cli import add_commands

    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    out = tmp_path / "b.svg"
    args = parser.parse_args(["pattern", "draft", "bodice", "--measurements",
                              str(ROOT / "sample_data/measurements/customer_female.json"),
                              "--paperless", "--units", "imperial", "-o", str(out)])
    assert args.func(args) == 0
    labels = _texts(out.read_bytes(), "seam")
    assert labels and all((t.text or "").endswith('"') for t in labels)
    with pytest.raises(SystemExit):
        parser.parse_args(["pattern", "draft", "bodice", "--measurements", "m.json",
                           "--units", "cubits", "-o", "x.svg"])
