"""Exports: SVG, tiled/plotter PDF, DXF-AAMA + RUL, PNG; bundle renders a job."""

from pattern.export.bundle import FORMATS, Job, render_format, report

__all__ = ["FORMATS", "Job", "render_format", "report"]
