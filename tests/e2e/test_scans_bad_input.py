"""Bad uploads to POST /v1/scans get a 4xx problem+json with a stable code, never a 5xx."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

pytestmark = pytest.mark.e2e


def _png(w: int, h: int, colour: int = 128) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.full((h, w, 3), colour, np.uint8)).save(buf, "PNG")
    return buf.getvalue()


def _huge_png_header(w: int = 20_000, h: int = 20_000) -> bytes:
    """A valid PNG signature + IHDR claiming w×h, with a tiny IDAT (never decoded fully)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (w * 3 + 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _jpeg(w: int = 400, h: int = 600) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (h, w, 3), np.uint8)).save(buf, "JPEG")
    return buf.getvalue()


def _post(client, front: bytes, **form):
    data = {"height_cm": "170", **form, "front": (io.BytesIO(front), "front.jpg")}
    return client.post("/v1/scans", data=data, content_type="multipart/form-data")


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (b"this is not an image at all", "unsupported_format"),
        (_jpeg()[:2000], "unsupported_format"),
        (_png(1, 1), "image_too_small"),
        (_huge_png_header(), "image_too_large"),
        (b"", "unsupported_format"),
        (b"GIF89a" + b"\x00" * 100, "unsupported_format"),
    ],
    ids=["not-image", "truncated-jpeg", "1x1", "20000x20000", "empty", "gif-garbage"],
)
def test_bad_photo_bytes(client, payload, code):
    r = _post(client, payload)
    assert 400 <= r.status_code < 500, r.json
    assert r.mimetype == "application/problem+json"
    assert r.json["code"] == code
    assert r.json["hint"]
    assert r.json["details"]["view"] == "front"


def test_wrong_content_type(client):
    r = client.post("/v1/scans", json={"height_cm": 170})
    assert r.status_code in (415, 422)
    assert r.json["code"] in {"unsupported_media_type", "invalid_input"}


def test_missing_front_photo(client):
    r = client.post("/v1/scans", data={"height_cm": "170"}, content_type="multipart/form-data")
    assert r.status_code == 400 and r.json["code"] == "missing_photo"


@pytest.mark.parametrize("field,value", [("height_cm", "17"), ("height_cm", "abc"),
                                         ("sex", "other"), ("weight_kg", "-3")])
def test_bad_subject_fields(client, field, value):
    r = _post(client, _jpeg(), **{field: value})
    assert r.status_code == 422
    assert r.json["code"] == "invalid_input"
    assert field in r.json["errors"]["form"]


def test_blank_and_dark_photos(client):
    r = _post(client, _png(600, 900, colour=5))
    assert r.status_code == 422 and r.json["code"] == "too_dark_or_blurred"
    r = _post(client, _png(600, 900, colour=160))
    assert r.status_code == 422 and r.json["code"] == "too_dark_or_blurred"


def test_noise_image_has_no_person(client):
    r = _post(client, _jpeg())
    assert r.status_code == 422 and r.json["code"] == "no_person"


def test_unknown_scan_is_404_problem(client):
    r = client.get("/v1/scans/does-not-exist")
    assert r.status_code == 404 and r.json["code"] == "not_found"
