"""Hostile files, built on demand (no binary is committed): (id, (builder, expected code)).

Used by tests/e2e/test_hostile_files.py; the valid seeds (:func:`jpeg`, :func:`png`) also
seed the fuzzing in tests/unit/test_fuzz_inputs.py.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from pillow_heif import register_heif_opener

register_heif_opener()

DOCS = Path(__file__).resolve().parents[2] / "docs" / "errors.md"
Builder = Callable[[], bytes]
GREY = 128  # plain grey decodes fine and stops at the exposure gate: no MediaPipe run
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x00\x00" + b"\x00" * 16 + b"evil.jsp<% exec() %>PK\x05\x06" + bytes(18)
SVG = (b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="600"><text>&xxe;</text></svg>')


def documented_codes() -> set[str]:
    """Every `code` in the first column of a table of docs/errors.md."""
    codes: set[str] = set()
    for line in DOCS.read_text().splitlines():
        if line.startswith("| `"):
            codes.update(re.findall(r"`([a-z_]+)`", line.split("|")[1]))
    return codes


def save(img: Image.Image, fmt: str, **kw: Any) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def grey(w: int = 300, h: int = 400, mode: str = "RGB") -> Image.Image:
    return Image.new("RGB", (w, h), (GREY, GREY, GREY)).convert(mode)


def jpeg(w: int = 300, h: int = 400, **kw: Any) -> bytes:
    return save(grey(w, h), "JPEG", **kw)


def png(w: int = 300, h: int = 400, mode: str = "RGB") -> bytes:
    return save(grey(w, h, mode), "PNG")


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(w: int, h: int, *extra: bytes) -> bytes:
    """A PNG whose IHDR claims w×h, with a one-row IDAT (never decoded that far)."""
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
    idat = chunk(b"IDAT", zlib.compress(b"\x00" * (min(w, 4096) + 1)))
    return b"\x89PNG\r\n\x1a\n" + ihdr + b"".join(extra) + idat + chunk(b"IEND", b"")


def with_sof_size(data: bytes, w: int, h: int) -> bytes:
    """A JPEG whose frame header (SOF0) claims w×h."""
    i = data.index(b"\xff\xc0") + 5
    return data[:i] + struct.pack(">HH", h, w) + data[i + 4 :]


def scan_bomb(repeats: int = 150) -> bytes:
    """A progressive JPEG whose last scan is repeated: each repeat is another full pass."""
    data = jpeg(progressive=True)
    last = data[data.rindex(b"\xff\xda") : -2]
    return data[:-2] + last * repeats + b"\xff\xd9"


def exif(*entries: tuple[int, int, int, bytes], next_ifd: int = 0) -> bytes:
    """A raw little-endian EXIF block: (tag, type, count, 4-byte value) entries."""
    body = struct.pack("<H", len(entries)) + b"".join(
        struct.pack("<HHI", t, ty, n) + v for t, ty, n, v in entries)
    return b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + body + struct.pack("<I", next_ifd)


def heic(w: int = 300, h: int = 400, ispe: tuple[int, int] | None = None) -> bytes:
    data = save(grey(w, h), "HEIF")
    if ispe is not None:  # the image-size property: what the header says the size is
        i = data.index(b"ispe") + 8
        data = data[:i] + struct.pack(">II", *ispe) + data[i + 8 :]
    return data


def webp_canvas(w: int, h: int) -> bytes:
    """An extended WebP header (VP8X) claiming a w×h canvas, and nothing else."""
    vp8x = b"VP8X" + struct.pack("<I", 10) + bytes(4) + (w - 1).to_bytes(3, "little") + \
        (h - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x


def noise(w: int = 300, h: int = 400, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (h, w, 3), np.uint8)


def _frames(fmt: str, **kw: Any) -> bytes:
    return save(grey(), fmt, save_all=True, append_images=[grey(), grey()], **kw)


def _png16() -> bytes:
    return save(Image.fromarray(np.full((400, 300), GREY * 257, np.uint16)), "PNG")


def _palette() -> bytes:
    img = Image.new("P", (300, 400), 0)
    img.putpalette([GREY] * 3 + [0] * 765)
    return save(img, "PNG", transparency=0)


def _broken_crc() -> bytes:
    data = bytearray(png())
    data[29] ^= 0xFF  # the IHDR's CRC
    return bytes(data)


PHOTOS: list[tuple[str, tuple[Builder, str]]] = [
    # not a photo at all, whatever the name and content type say
    ("svg-with-external-entity", (lambda: SVG, "unsupported_format")),
    ("svg-after-bom", (lambda: b"\xef\xbb\xbf \n" + SVG, "unsupported_format")),
    ("html-script", (lambda: b"<!doctype html><script>alert(1)</script>", "unsupported_format")),
    ("pdf", (lambda: b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "unsupported_format")),
    ("zip", (lambda: ZIP, "unsupported_format")),
    ("utf16-text", (lambda: "a photo, honest".encode("utf-16"), "unsupported_format")),
    ("random-bytes", (lambda: np.random.default_rng(1).bytes(5000), "unsupported_format")),
    ("gif-animated", (lambda: _frames("GIF"), "unsupported_format")),
    ("gifar-gif-then-zip", (lambda: save(grey(), "GIF") + ZIP, "unsupported_format")),
    ("tiff", (lambda: save(grey(), "TIFF"), "unsupported_format")),
    ("bmp", (lambda: save(grey(), "BMP"), "unsupported_format")),
    # polyglots and damaged files
    ("jpeg-header-then-zip", (lambda: jpeg()[:300] + ZIP, "unsupported_format")),
    ("jpeg-header-then-html", (lambda: jpeg()[:300] + b"<html><script>x()</script>",
                               "unsupported_format")),
    ("png-truncated-in-idat", (lambda: png(mode="L")[:-40], "unsupported_format")),
    ("png-bad-crc", (_broken_crc, "unsupported_format")),
    ("png-ztxt-bomb", (lambda: png_header(400, 300, chunk(b"zTXt", b"c\x00\x00" + zlib.compress(
        b"\x00" * 50_000_000, 9))), "unsupported_format")),
    ("webp-truncated", (lambda: save(grey(), "WEBP")[:60], "unsupported_format")),
    ("heic-truncated", (lambda: heic()[:400], "unsupported_format")),
    # decompression bombs and odd shapes, refused from the header
    ("png-header-49-megapixels", (lambda: png_header(7000, 7000), "image_too_large")),
    ("png-header-90-megapixels", (lambda: png_header(9500, 9500), "image_too_large")),
    ("jpeg-frame-60000-square", (lambda: with_sof_size(jpeg(), 60000, 60000), "image_too_large")),
    ("webp-canvas-16000-square", (lambda: webp_canvas(16000, 16000), "image_too_large")),
    ("heic-ispe-30000-square", (lambda: heic(ispe=(30000, 30000)), "image_too_large")),
    ("jpeg-frame-0x0", (lambda: with_sof_size(jpeg(), 0, 0), "unsupported_format")),
    ("strip-1x100000", (lambda: png_header(1, 100_000), "image_too_small")),
    ("strip-300x2000", (lambda: jpeg(300, 2000), "image_too_narrow")),
    ("jpeg-scan-bomb", (scan_bomb, "image_too_complex")),
    ("over-max-photo-bytes", (lambda: jpeg() + bytes(15 * 2**20), "photo_too_large")),
    ("over-max-content-length", (lambda: bytes(26 * 2**20), "payload_too_large")),
    # legitimate images of another kind: read and converted (then refused as featureless)
    ("png-named-jpg", (png, "too_dark_or_blurred")),
    ("jpeg-cmyk", (lambda: save(grey(mode="CMYK"), "JPEG"), "too_dark_or_blurred")),
    ("png-16-bit-grey", (_png16, "too_dark_or_blurred")),
    ("png-palette-transparency", (_palette, "too_dark_or_blurred")),
    ("png-la", (lambda: png(mode="LA"), "too_dark_or_blurred")),
    ("png-1-bit", (lambda: save(Image.new("1", (300, 400), 1), "PNG"), "too_dark_or_blurred")),
    ("png-animated", (lambda: _frames("PNG"), "too_dark_or_blurred")),
    ("webp-animated", (lambda: _frames("WEBP"), "too_dark_or_blurred")),
    ("mpo-two-frames", (lambda: _frames("MPO"), "too_dark_or_blurred")),
    ("heic", (heic, "too_dark_or_blurred")),
    ("jpeg-then-zip-polyglot", (lambda: jpeg() + ZIP, "too_dark_or_blurred")),
    ("exif-orientation-bomb", (lambda: jpeg(exif=exif(
        (0x0112, 3, 1, struct.pack("<HH", 65535, 0)), (0x8769, 4, 1, struct.pack("<I", 8)),
        next_ifd=8)), "too_dark_or_blurred")),
    ("exif-orientation-text", (lambda: jpeg(exif=exif((0x0112, 2, 4, b"six\x00"))),
                               "too_dark_or_blurred")),
    ("exif-garbage", (lambda: jpeg(exif=b"Exif\x00\x00MM\x00*" + np.random.default_rng(2).bytes(
        4000)), "too_dark_or_blurred")),
    # the one that reaches MediaPipe: a noisy photo, turned by its EXIF orientation
    ("noise-exif-rotated", (lambda: save(Image.fromarray(noise()), "JPEG", exif=exif(
        (0x0112, 3, 1, struct.pack("<HH", 6, 0)))), "no_person")),
]


def _mask(array: np.ndarray) -> bytes:
    return save(Image.fromarray(array), "PNG")


def _line_mask() -> bytes:
    m = np.zeros((1000, 300), np.uint8)
    m[100:900, 150] = 255  # a person one pixel wide
    return _mask(m)


MASKS: list[tuple[str, tuple[Builder, str]]] = [
    ("mask-svg", (lambda: SVG, "unsupported_format")),
    ("mask-jpeg", (jpeg, "unsupported_format")),
    ("mask-png-header-49-megapixels", (lambda: png_header(7000, 7000), "image_too_large")),
    ("mask-strip", (lambda: png_header(10, 5000), "image_too_narrow")),
    ("mask-16-bit-black", (lambda: save(Image.fromarray(np.zeros((800, 600), np.uint16)), "PNG"),
                           "no_person")),
    ("mask-all-white", (lambda: _mask(np.full((800, 600), 255, np.uint8)), "body_cut_off")),
    ("mask-one-pixel-wide", (_line_mask, "wrong_view")),
    ("mask-noise", (lambda: _mask(noise(600, 800)[..., 0]), "body_cut_off")),
]


def _csv(*rows: str) -> Builder:
    return lambda: ("item_id,category,size,chest\n" + "".join(r + "\n" for r in rows)).encode()


def _json(doc: Any) -> Builder:
    return lambda: json.dumps(doc).encode()


ITEM = {"id": "x1", "category": "dress", "sizes": [{"size": "S", "chest": 88}]}
CSV, JSON, TEXT = "csv:text/csv", "json:application/json", "json:text/plain"
CATALOGS: list[tuple[str, tuple[Builder, str, str, int]]] = [
    ("csv-nul-bytes", (_csv("a\x00b,dress,S,88"), CSV, "invalid_catalog", 422)),
    ("csv-formula-in-id", (_csv("=cmd|' /C calc'!A0,dress,S,88"), CSV, "invalid_catalog", 422)),
    ("csv-formula-in-size", (_csv("a1,dress,@SUM(1+1),88"), CSV, "invalid_catalog", 422)),
    ("csv-bidi-override", (_csv("a1,dress\u202egnp.exe,S,88"), CSV, "invalid_catalog", 422)),
    ("csv-quoted-newline-in-id", (_csv('"a\n1",dress,S,88'), CSV, "invalid_catalog", 422)),
    ("csv-bom-then-formula", (lambda: b"\xef\xbb\xbf" + _csv("+1+1,dress,S,88")(), CSV,
                              "invalid_catalog", 422)),
    ("csv-utf16-bom", (lambda: _csv("a1,dress,S,88")().decode().encode("utf-16"), CSV,
                       "invalid_encoding", 422)),
    ("csv-1mb-line", (_csv("a1,dress,S," + "9" * 2**20), CSV, "invalid_csv", 422)),
    ("csv-10000-columns", (lambda: (",".join(["item_id"] + [f"c{i}" for i in range(10_000)])
                                    + "\n").encode(), CSV, "invalid_csv", 422)),
    ("csv-empty", (lambda: b"", CSV, "invalid_csv", 422)),
    ("csv-binary-upload", (png, "multipart", "invalid_encoding", 422)),
    ("csv-20001-items", (_csv(*(f"i{i},top,S,90" for i in range(20_001))), CSV,
                         "too_many_items", 413)),
    ("csv-5000-sizes", (_csv(*(f"a1,top,S{i},90" for i in range(5000))), CSV,
                        "invalid_catalog", 422)),
    ("json-nested-100000", (lambda: b"[" * 100_000 + b"]" * 100_000, JSON, "invalid_json", 400)),
    ("json-nested-as-text", (lambda: b"[" * 100_000 + b"]" * 100_000, TEXT, "invalid_json", 422)),
    ("json-5000-digit-number", (lambda: b'[{"id": "a", "chest": ' + b"9" * 5000 + b"}]", JSON,
                                "invalid_json", 400)),
    ("json-5000-digit-as-text", (lambda: b"[" + b"9" * 5000 + b"]", TEXT, "invalid_json", 422)),
    ("json-nan", (lambda: b'[{"id": "a", "category": "x", "sizes": [{"size": "S", "chest": NaN}]}]',
                  JSON, "invalid_json", 422)),
    ("json-1e999", (lambda: b'[{"id": "a", "sizes": [{"size": "S", "chest": 1e999}]}]', JSON,
                    "invalid_json", 422)),
    ("json-duplicate-keys", (lambda: b'[{"id": "a", "id": "=1+1", "category": "x"}]', JSON,
                             "invalid_json", 422)),
    ("json-items-not-a-list", (_json({"items": {"id": "a"}}), JSON, "invalid_json", 422)),
    ("json-scalar-items", (_json([1, "a", None, True]), JSON, "invalid_catalog", 422)),
    ("json-wrong-types", (_json([{**ITEM, "id": ["a"], "sizes": [{"size": {}, "chest": True}]},
                                 {**ITEM, "sizes": "S,M"}]), JSON, "invalid_catalog", 422)),
]
