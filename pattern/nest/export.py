"""Marker exports: SVG, one-page 1:1 plotter PDF, DXF (ezdxf) and a PNG preview (OpenCV).

Drawings keep the marker frame: x along the marker length, y across the fabric, origin at
the bottom-left corner of the strip, units as the pieces (mm for garment markers).
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

import numpy as np

from pattern.nest.solution import MarkerSolution

PALETTE = ((66, 133, 244), (219, 68, 55), (244, 180, 0), (15, 157, 88), (171, 71, 188),
           (0, 172, 193), (255, 112, 67), (158, 157, 36))


def _groups(sol: MarkerSolution) -> list[str]:
    """Colour group of each placement (size when known, else the item key)."""
    out = []
    for p in sol.placements:
        lab = sol.labels.get(p.key)
        out.append(lab.size if lab is not None else p.key)
    return out


def _colour(groups: list[str], order: list[str] | None = None) -> dict[str, tuple[int, int, int]]:
    """A colour per group, in ``order`` (e.g. the sizes of the ratio) when given."""
    keys = [g for g in dict.fromkeys(order or []) if g in groups]
    keys += [g for g in dict.fromkeys(groups) if g not in keys]
    return {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(keys)}


def _order(sol: MarkerSolution) -> list[str]:
    return [sol.labels[it.key].size if it.key in sol.labels else it.key
            for it in sol.problem.items]


def _rings(sol: MarkerSolution) -> list[np.ndarray]:
    return [np.asarray(g.exterior.coords) for g in sol.polygons()]


def to_svg(sol: MarkerSolution) -> str:
    """SVG drawing (y flipped so the strip's y axis points up)."""
    L, W = sol.length, sol.strip_width
    groups = _groups(sol)
    cols = _colour(groups, _order(sol))
    lines = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {L:.3f} {W:.3f}" '
             f'width="{L:.3f}mm" height="{W:.3f}mm">',
             f"<title>{sol.problem.name}: length {L:.1f}, efficiency "
             f"{100 * sol.efficiency:.2f} %</title>",
             f'<g transform="translate(0 {W:.3f}) scale(1 -1)">',
             f'<rect x="0" y="0" width="{L:.3f}" height="{W:.3f}" fill="#f4f1ea" '
             f'stroke="#333" stroke-width="{W / 600:.3f}"/>']
    for ring, grp in zip(_rings(sol), groups, strict=True):
        r, g, b = cols[grp]
        pts = " ".join(f"{x:.3f},{y:.3f}" for x, y in ring[:-1])
        lines.append(f'<polygon points="{pts}" fill="rgb({r},{g},{b})" fill-opacity="0.55" '
                     f'stroke="#222" stroke-width="{W / 800:.3f}"/>')
    lines += ["</g>", "</svg>"]
    return "\n".join(lines)


def to_pdf(sol: MarkerSolution) -> bytes:
    """One-page vector PDF at 1:1 (units read as mm) for a plotter; long markers use
    /UserUnit so the page can exceed the 200-inch default limit."""
    mm = 72.0 / 25.4
    margin = 10.0
    w_pt = (sol.length + 2 * margin) * mm
    h_pt = (sol.strip_width + 2 * margin) * mm
    unit = max(1.0, max(w_pt, h_pt) / 14000.0)
    k = mm / unit
    ops = [f"{k:.6f} 0 0 {k:.6f} {margin * k:.3f} {margin * k:.3f} cm", "0.3 w",
           f"0 0 {sol.length:.3f} {sol.strip_width:.3f} re S"]
    for ring in _rings(sol):
        ops.append(" ".join(f"{x:.3f} {y:.3f} {'m' if i == 0 else 'l'}"
                            for i, (x, y) in enumerate(ring[:-1])) + " h S")
    stream = zlib.compress("\n".join(ops).encode())
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt / unit:.2f} {h_pt / unit:.2f}]"
             f" /UserUnit {unit:.6f} /Contents 4 0 R /Resources << >> >>").encode(),
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
            + b"\nendstream"]
    out = bytearray(b"%PDF-1.6\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def write_dxf(sol: MarkerSolution, path: str | Path) -> None:
    """DXF (R2010): strip frame on layer MARKER, one closed polyline per piece on a layer
    per size."""
    import ezdxf

    doc = ezdxf.new("R2010")
    _draw_dxf(sol, doc)
    doc.saveas(str(path))


def _draw_dxf(sol: MarkerSolution, doc: Any) -> None:
    doc.header["$INSUNITS"] = 4  # millimetres
    msp = doc.modelspace()
    doc.layers.add("MARKER")
    L, W = sol.length, sol.strip_width
    msp.add_lwpolyline([(0, 0), (L, 0), (L, W), (0, W)], close=True,
                       dxfattribs={"layer": "MARKER"})
    for ring, grp in zip(_rings(sol), _groups(sol), strict=True):
        layer = f"SIZE_{grp}".replace("|", "_")
        if layer not in doc.layers:
            doc.layers.add(layer)
        msp.add_lwpolyline([tuple(pt) for pt in ring[:-1]], close=True,
                           dxfattribs={"layer": layer})


def to_png(sol: MarkerSolution, max_px: int = 2400) -> bytes:
    """PNG preview with a caption (length, efficiency)."""
    import cv2

    L, W = sol.length, sol.strip_width
    s = (max_px - 20) / max(L, W)
    h_img, w_img = int(W * s) + 70, int(L * s) + 20
    img = np.full((h_img, w_img, 3), 255, np.uint8)
    origin = np.array([10.0, 10.0 + W * s])
    groups = _groups(sol)
    cols = _colour(groups, _order(sol))

    def px(ring: np.ndarray) -> np.ndarray:
        return np.round(origin + ring * np.array([s, -s])).astype(np.int32)

    frame = np.array([[0, 0], [L, 0], [L, W], [0, W]], float)
    cv2.fillPoly(img, [px(frame)], (234, 241, 244))
    for ring, grp in zip(_rings(sol), groups, strict=True):
        r, g, b = cols[grp]
        cv2.fillPoly(img, [px(ring)], (b, g, r), lineType=cv2.LINE_AA)
        cv2.polylines(img, [px(ring)], True, (40, 40, 40), 1, lineType=cv2.LINE_AA)
    cv2.polylines(img, [px(frame)], True, (0, 0, 0), 2)
    caption = (f"{sol.problem.name}: {len(sol.placements)} pieces, width {W:g}, length {L:.1f}, "
               f"efficiency {100 * sol.efficiency:.2f} %")
    legend = "  ".join(dict.fromkeys(g for g in groups if len(g) <= 6))
    cv2.putText(img, caption, (10, int(W * s) + 40), cv2.FONT_HERSHEY_SIMPLEX, 0.7,
                (0, 0, 0), 1, cv2.LINE_AA)
    x = 10
    for grp in cols if legend else ():
        r, g, b = cols[grp]
        cv2.rectangle(img, (x, int(W * s) + 50), (x + 14, int(W * s) + 64), (b, g, r), -1)
        cv2.putText(img, grp, (x + 18, int(W * s) + 63), cv2.FONT_HERSHEY_SIMPLEX, 0.5,
                    (0, 0, 0), 1, cv2.LINE_AA)
        x += 30 + 10 * len(grp)
    ok, buf = cv2.imencode(".png", img)
    if not ok:
        raise RuntimeError("PNG encoding failed")
    return buf.tobytes()


FILE_FORMATS = {"svg": "image/svg+xml", "pdf": "application/pdf", "dxf": "application/dxf",
                "png": "image/png"}


def marker_bytes(sol: MarkerSolution, fmt: str) -> bytes:
    """The marker as one of FILE_FORMATS' files, in memory."""
    if fmt == "svg":
        return to_svg(sol).encode()
    if fmt == "pdf":
        return to_pdf(sol)
    if fmt == "png":
        return to_png(sol)
    if fmt == "dxf":
        import io

        import ezdxf

        buf = io.StringIO()
        doc = ezdxf.new("R2010")  # same drawing as write_dxf, written to memory
        _draw_dxf(sol, doc)
        doc.write(buf)
        return buf.getvalue().encode()
    raise ValueError(f"unknown marker format {fmt!r}; use {', '.join(FILE_FORMATS)}")


def write_marker(sol: MarkerSolution, path: str | Path) -> Path:
    """Write by extension: .svg .pdf .dxf .png .json."""
    import json

    p = Path(path)
    ext = p.suffix.lower()
    if ext == ".svg":
        p.write_text(to_svg(sol))
    elif ext == ".pdf":
        p.write_bytes(to_pdf(sol))
    elif ext == ".dxf":
        write_dxf(sol, p)
    elif ext == ".png":
        p.write_bytes(to_png(sol))
    elif ext == ".json":
        p.write_text(json.dumps(sol.to_dict(), indent=1))
    else:
        raise ValueError(f"unknown marker format {ext!r}; use .svg .pdf .dxf .png .json")
    return p
