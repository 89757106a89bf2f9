"""POST /v1/scans/check: the live framing guidance gives the gates' verdict in plain words."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.conftest import SAMPLE_PEOPLE

pytestmark = pytest.mark.e2e


def _frame(img: Image.Image) -> io.BytesIO:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=80)
    buf.seek(0)
    return buf


def _check(client, img: Image.Image, view: str):
    return client.post("/v1/scans/check", content_type="multipart/form-data",
                       data={"view": view, "frame": (_frame(img), "frame.jpg")})


def test_a_good_frame_is_ready_and_a_cut_one_says_what_to_do(client) -> None:
    full = Image.open(SAMPLE_PEOPLE / "s7-001" / "front.png")
    w, h = full.size
    small = full.resize((round(w * 480 / h), 480))
    ok = _check(client, small, "front")
    assert ok.status_code == 200 and ok.json["ok"] is True and ok.json["code"] == "ready"
    cut = _check(client, full.crop((0, 0, w, int(h * 0.6))).resize((round(w * 480 / h), 288)),
                 "front")
    assert cut.status_code == 200 and cut.json["ok"] is False
    assert cut.json["code"] == "body_cut_off" and "whole body" in cut.json["say"]
    side = Image.open(SAMPLE_PEOPLE / "s7-001" / "side.png")
    turned = _check(client, side.resize((round(side.width * 480 / side.height), 480)), "front")
    assert turned.json["ok"] is False and turned.json["code"] == "wrong_view"


def test_a_frame_that_is_no_image_is_a_422(client) -> None:
    r = client.post("/v1/scans/check", content_type="multipart/form-data",
                    data={"view": "front", "frame": (io.BytesIO(b"nope" * 100), "f.jpg")})
    assert r.status_code == 422 and r.json["code"] == "unsupported_format"
    assert client.post("/v1/scans/check", content_type="multipart/form-data",
                       data={"view": "front"}).json["code"] == "missing_photo"
