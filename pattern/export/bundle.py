"""Render a draft (made-to-measure) or a graded run into files: svg, pdf, dxf, rul, png, zip."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

import cv2

from pattern.draft.registry import Draft
from pattern.export.dxf import DxfPiece, to_dxf
from pattern.export.nested import nested_pieces, render_nest
from pattern.export.pdf import to_plotter_pdf, to_tiled_pdf
from pattern.export.png import render
from pattern.export.rul import to_rul
from pattern.export.svg import to_svg
from pattern.finish import FinishedPiece, cut_list, finish
from pattern.finish.units import check_units
from pattern.grade.grade import GradedRun

FORMATS = ("svg", "pdf", "pdf_letter", "pdf_plotter", "dxf", "rul", "png", "zip")


@dataclass(frozen=True)
class Job:
    """What to render: one draft (size label `size`) or a graded run. ``paperless`` writes
    seam lengths, overall dimensions and notch positions on SVG/PDF drawings, labelled in
    ``units`` (metric | imperial); drawings stay 1:1 in mm either way."""

    style: str
    draft: Draft | None = None
    run: GradedRun | None = None
    size: str = "MTM"
    paperless: bool = False
    units: str = "metric"

    def __post_init__(self) -> None:
        check_units(self.units)

    @property
    def sample(self) -> Draft:
        if self.run is not None:
            return self.run.sample
        assert self.draft is not None
        return self.draft

    @property
    def sample_size(self) -> str:
        return self.run.chart.sample_size if self.run else self.size

    def finished(self) -> list[FinishedPiece]:
        return [finish(p, self.style, self.sample_size) for p in self.sample.pieces]


def render_format(job: Job, fmt: str) -> bytes:
    """Bytes of one format (raises ValueError for an unknown one or rul without grading)."""
    fps = job.finished()
    title = f"{job.style} {job.sample.block.title} - size {job.sample_size}"
    pl, units = job.paperless, job.units
    if fmt == "svg":
        if job.run is not None:
            return nested_svg(job).encode()
        return to_svg(fps, title=title, paperless=pl, units=units).encode()
    if fmt == "pdf":
        return to_tiled_pdf(fps, "A4", title, paperless=pl, units=units)
    if fmt == "pdf_letter":
        return to_tiled_pdf(fps, "Letter", title, paperless=pl, units=units)
    if fmt == "pdf_plotter":
        return to_plotter_pdf(fps, title=title, paperless=pl, units=units)
    if fmt == "dxf":
        rules = job.run.point_rules if job.run else {}
        return to_dxf([DxfPiece(fp, rules.get(fp.name)) for fp in fps], job.style,
                      job.sample_size, job.style if job.run else "").encode("ascii")
    if fmt == "rul":
        if job.run is None:
            raise ValueError("a .RUL grade-rule file needs a graded size run")
        return to_rul(job.run, job.style).encode("ascii")
    if fmt == "png":
        img = render_nest(job.run) if job.run is not None else render(fps, title=title)
        return bytes(cv2.imencode(".png", img)[1].tobytes())
    if fmt == "zip":
        return _zip(job)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def nested_svg(job: Job) -> str:
    assert job.run is not None
    fps, placed, size = nested_pieces(job.run, job.style)
    return to_svg(fps, placed, size, title=f"{job.style} nested sizes", paperless=job.paperless,
                  units=job.units, mark_size=job.run.chart.sample_size)


def report(job: Job) -> dict[str, object]:
    """JSON-able summary: pieces, cut list, warnings, store figures."""
    d = job.sample
    return {"block": d.block.name, "style": job.style, "size": job.sample_size,
            "sizes": list(job.run.sizes) if job.run else [job.size],
            "options": d.options, "warnings": d.warnings,
            "paperless": job.paperless, "units": job.units,
            "cut_list": cut_list(d.pieces),
            "figures": {k: round(v, 1) for k, v in d.store.items() if isinstance(v, float)}}


def _zip(job: Job) -> bytes:
    buf = io.BytesIO()
    base = job.style.lower()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for fmt, name in (("svg", f"{base}.svg"), ("pdf", f"{base}_A4.pdf"),
                          ("pdf_letter", f"{base}_letter.pdf"),
                          ("pdf_plotter", f"{base}_plotter.pdf"), ("dxf", f"{base}.dxf"),
                          ("png", f"{base}.png")):
            z.writestr(name, render_format(job, fmt))
        if job.run is not None:
            z.writestr(f"{base}.rul", render_format(job, "rul"))
        z.writestr("report.json", json.dumps(report(job), indent=1))
    return buf.getvalue()
