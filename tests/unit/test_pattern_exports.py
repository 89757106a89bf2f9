"""Exports: DXF-AAMA round trip, RUL, PDF test squares, SVG scale, zip bundle, geometry."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
import zlib
from pathlib import Path

import ezdxf
import pytest

from pattern import SizeChart, draft_block, grade
from pattern.export import Job, render_format
from pattern.export.pdf import tile_grid
from pattern.export.rul import parse_rul
from pattern.geometry import CubicBezier, Line, Point
from pattern.geometry import Path as GPath

ROOT = Path(__file__).resolve().parents[2]
CHART = SizeChart.load(ROOT / "sample_data/size_charts/womens_eu.json")


@pytest.fixture(scope="module")
def run_job() -> Job:
    return Job("BODICE", run=grade("bodice", CHART))


@pytest.fixture(scope="module")
def mtm_job() -> Job:
    return Job("SKIRT", draft=draft_block("skirt", CHART.bodies["S"]), size="S")


def _entities(doc: ezdxf.document.Drawing) -> list:
    return [e for b in doc.blocks if not b.name.startswith("*") for e in b]


@pytest.mark.parametrize("flavour", ["aama", "gerber"])
def test_dxf_round_trip_layers_and_texts(run_job: Job, flavour: str) -> None:
    from pattern.export.dxf import DxfPiece, to_dxf

    fps = run_job.finished()
    rules = run_job.run.point_rules  # type: ignore[union-attr]
    text = to_dxf([DxfPiece(fp, rules[fp.name]) for fp in fps], "BODICE", "M", "BODICE",
                  flavour=flavour)
    doc = ezdxf.read(io.StringIO(text))
    ents = _entities(doc)
    assert {e.dxf.layer for e in ents} == {"1", "2", "4", "7", "8", "13", "14"}
    texts = [e.dxf.text for e in ents if e.dxftype() == "TEXT"]
    assert any(t.startswith("Piece Name: A-bodice_back") for t in texts)
    assert "Size: M" in texts and "Quantity: 1" in texts
    style = [e.dxf.text for e in doc.modelspace() if e.dxftype() == "TEXT"]
    assert "Sample Size: M" in style and "Units: METRIC" in style
    boundaries = [e for e in ents if e.dxftype() == "POLYLINE" and e.dxf.layer == "1"]
    assert len(boundaries) == 2 and all(b.is_closed for b in boundaries)
    rule_texts = [t for t in texts if t.startswith("# ")]
    assert len(rule_texts) == sum(len(fp.piece.edges) for fp in fps)
    assert text.isascii()


def test_rul_matches_drafts(run_job: Job) -> None:
    rul = parse_rul(render_format(run_job, "rul").decode())
    assert rul["SIZE LIST"] == "XS S M L XL" and rul["SAMPLE SIZE"] == "M"
    rules = rul["rules"]
    assert isinstance(rules, dict)
    assert rules[1] == [(0.0, 0.0)] * 5
    run = run_job.run
    assert run is not None
    back = run.point_rules["bodice_back"]
    # side-waist point of size XL vs M, y flipped to DXF orientation
    k = [e.name for e in run.sample.piece("bodice_back").edges].index("waist")
    xl = run.drafts["XL"].piece("bodice_back").edges[k].path.start
    m = run.drafts["M"].piece("bodice_back").edges[k].path.start
    dx, dy = rules[back[k]][4]
    assert dx == pytest.approx(xl.x - m.x, abs=0.06) and dy == pytest.approx(m.y - xl.y, abs=0.06)


def _page_streams(pdf: bytes) -> list[bytes]:
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return out


@pytest.mark.parametrize("fmt,paper", [("pdf", "A4"), ("pdf_letter", "Letter")])
def test_pdf_test_squares_are_true_size(mtm_job: Job, fmt: str, paper: str) -> None:
    pdf = render_format(mtm_job, fmt)
    cover = _page_streams(pdf)[0].decode("latin-1")
    sizes = [(float(w), float(h)) for w, h in
             re.findall(r"[-\d.]+ [-\d.]+ ([-\d.]+) ([-\d.]+) re", cover)]
    mm = [(round(w / 72 * 25.4, 1), round(abs(h) / 72 * 25.4, 1)) for w, h in sizes]
    assert (100.0, 100.0) in mm and (101.6, 101.6) in mm
    rows, cols, _, _ = tile_grid(800, 900, paper, 10)
    assert rows * cols > 1
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page\r") >= 3 or \
        len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 3


def test_svg_is_mm_scaled(mtm_job: Job) -> None:
    svg = render_format(mtm_job, "svg").decode()
    w = float(re.search(r'width="([\d.]+)mm"', svg).group(1))  # type: ignore[union-attr]
    vb = re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1)  # type: ignore[union-attr]
    assert w == float(vb) and 'inkscape:label="cut"' in svg


@pytest.mark.parametrize("block", ["bodice", "sleeve", "skirt", "trousers", "shirt"])
def test_every_svg_is_well_formed_xml(block: str) -> None:
    """Strict XML parsing, as browsers and cairosvg do (an attribute twice is fatal)."""
    from xml.etree import ElementTree

    for job in (Job(block.upper(), draft=draft_block(block, CHART.bodies["M"]), size="M"),
                Job(block.upper(), run=grade(block, CHART))):
        root = ElementTree.fromstring(render_format(job, "svg"))
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 3


def _cairosvg():
    try:
        import cairosvg
    except OSError as exc:  # the Python package is there, the libcairo2 library is not
        pytest.skip(f"libcairo2 is not installed ({exc}); .ci/run installs it with chromium")
    return cairosvg


@pytest.mark.parametrize("block", ["bodice", "sleeve", "skirt", "trousers", "shirt"])
@pytest.mark.parametrize("paperless", [False, True])
def test_every_svg_renders_with_cairosvg(block: str, paperless: bool) -> None:
    """A real SVG renderer draws the pieces: ink on a white page, in every layer's colour."""
    import numpy as np
    from PIL import Image

    cairosvg = _cairosvg()
    for job in (Job(block.upper(), draft=draft_block(block, CHART.bodies["M"]), size="M",
                    paperless=paperless),
                Job(block.upper(), run=grade(block, CHART), paperless=paperless)):
        png = cairosvg.svg2png(bytestring=render_format(job, "svg"), output_width=1600,
                               background_color="white")
        pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
        assert pixels.shape[1] == 1600
        assert 0.002 < (pixels < 250).mean() < 0.5  # lines drawn, page not flooded


def test_zip_bundle(run_job: Job) -> None:
    z = zipfile.ZipFile(io.BytesIO(render_format(run_job, "zip")))
    names = set(z.namelist())
    assert {"bodice.svg", "bodice_A4.pdf", "bodice.dxf", "bodice.rul", "report.json"} <= names


def test_rul_needs_grading(mtm_job: Job) -> None:
    with pytest.raises(ValueError):
        render_format(mtm_job, "rul")


def test_bezier_length_and_split() -> None:
    c = CubicBezier(Point(0, 0), Point(30, 80), Point(90, -40), Point(120, 30))
    dense = GPath.of(c).flatten(0.001)
    ref = sum(a.dist(b) for a, b in itertools.pairwise(dense))
    assert c.length() == pytest.approx(ref, abs=0.01)
    a, b = GPath.of(c).split_at_length(50.0)
    assert a.length() == pytest.approx(50.0, abs=1e-4)
    assert a.length() + b.length() == pytest.approx(c.length(), abs=1e-6)
    line = Line(Point(0, 0), Point(3, 4))
    assert line.length() == 5.0
