"""Peak memory of decoding one large photo (`decode_photo`), each case in a fresh process.

    .venv/bin/python bench/photo_memory.py [--mp 40] [--no-draft]

Makes a synthetic JPEG of ``--mp`` megapixels (3:2, smooth gradients plus noise, baseline
and progressive), decodes it with :func:`fitsvc.measure.images.decode_photo` and prints the
process' peak RSS growth (VmHWM, reset before decoding: what libjpeg and Pillow allocate outside
Python too) and the tracemalloc peak (Python and NumPy allocations only). ``--no-draft``
turns Pillow's JPEG draft mode off, i.e. decodes at full size as before the reduction.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def make_jpeg(megapixels: float, progressive: bool) -> bytes:
    import numpy as np
    from PIL import Image

    w = int((megapixels * 1e6 * 1.5) ** 0.5)
    h = int(megapixels * 1e6 / w)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    rgb = np.stack([xx / w * 255, yy / h * 255, (xx + yy) / (w + h) * 255], axis=-1)
    rgb += np.random.default_rng(0).normal(0, 6, (h, 1, 1)).astype(np.float32)
    buf = io.BytesIO()
    Image.fromarray(rgb.clip(0, 255).astype(np.uint8)).save(buf, "JPEG", quality=90,
                                                            progressive=progressive)
    return buf.getvalue()


def _hwm_kb() -> int:
    """Peak resident set size (kB) since the last reset, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(path: str, draft: bool) -> dict[str, float]:
    from PIL import JpegImagePlugin

    from fitsvc.measure.images import decode_photo

    if not draft:
        JpegImagePlugin.JpegImageFile.draft = lambda self, mode, size: None  # type: ignore[assignment,method-assign,return-value]
    data = Path(path).read_bytes()
    Path("/proc/self/clear_refs").write_text("5")  # Linux: reset the peak RSS to the current
    base = _hwm_kb()
    tracemalloc.start()
    t0 = time.perf_counter()
    photo = decode_photo(data, view="front", max_pixels=100_000_000)
    seconds = time.perf_counter() - t0
    _, traced = tracemalloc.get_traced_memory()
    peak = _hwm_kb()
    return {"rss_growth_mb": (peak - base) / 1024, "tracemalloc_peak_mb": traced / 2**20,
            "seconds": round(seconds, 3), "out": list(photo.rgb.shape)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mp", type=float, default=40.0)
    ap.add_argument("--no-draft", action="store_true")
    ap.add_argument("--child", nargs=2, metavar=("PATH", "DRAFT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], args.child[1] == "1")))
        return
    with tempfile.TemporaryDirectory() as tmp:
        for progressive in (False, True):
            path = Path(tmp) / f"p{int(progressive)}.jpg"
            path.write_bytes(make_jpeg(args.mp, progressive))
            for draft in ([False] if args.no_draft else [False, True]):
                out = subprocess.run([sys.executable, __file__, "--child", str(path),
                                      "1" if draft else "0"], capture_output=True, text=True,
                                     check=True).stdout.strip().splitlines()[-1]
                kind = "progressive" if progressive else "baseline"
                print(f"{args.mp:g} MP {kind} ({path.stat().st_size / 2**20:.1f} MB), "
                      f"draft={'on' if draft else 'off'}: {out}")


if __name__ == "__main__":
    main()
