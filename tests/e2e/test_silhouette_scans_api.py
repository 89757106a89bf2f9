"""Silhouette scans and the camera pitch through the HTTP API (Flask test client)."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

CAPTURES = ROOT / "sample_data" / "captures"
PEOPLE = {p["id"]: p for p in map(json.loads, (CAPTURES / "people.jsonl").read_text().splitlines())}
PID = sorted(PEOPLE)[2]


def _file(name: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO((CAPTURES / PID / name).read_bytes()), name


def _form(**extra: object) -> dict:
    return {"height_cm": str(PEOPLE[PID]["stature_cm"]), **extra}


def test_silhouette_scan_lifecycle(client) -> None:
    data = _form(front_mask=_file("front_mask.png"), side_mask=_file("side_mask.png"))
    r = client.post("/v1/scans", data=data, content_type="multipart/form-data")
    assert r.status_code == 201, r.json
    body = r.json
    assert body["kind"] == "silhouette" and body["feature_set"] == "front_side"
    assert "no_camera_pitch_assumed_level" in body["warnings"]
    m = body["measurements"]["hip_girth"]
    assert m["low_cm"] <= m["value_cm"] <= m["high_cm"]
    png = client.get(f"/v1/scans/{body['id']}/overlay.png")
    assert png.status_code == 200 and png.data[:4] == b"\x89PNG"
    assert client.get(f"/v1/scans/{body['id']}").json["kind"] == "silhouette"


def test_camera_pitch_is_used_and_recorded(client) -> None:
    pitch = PEOPLE[PID]["camera"]["pitch_deg"]
    data = _form(front_mask=_file("front_mask.png"), side_mask=_file("side_mask.png"),
                 camera_pitch_deg=str(pitch))
    body = client.post("/v1/scans", data=data, content_type="multipart/form-data").json
    assert body["observed_cm"]["camera_pitch_deg"] == pytest.approx(pitch, abs=0.1)
    assert "no_camera_pitch_assumed_level" not in body["warnings"]


def test_photo_scan_estimates_the_pitch(client) -> None:
    data = _form(front=_file("front.jpg"), side=_file("side.jpg"))
    body = client.post("/v1/scans", data=data, content_type="multipart/form-data").json
    true = PEOPLE[PID]["camera"]["pitch_deg"]
    assert body["kind"] == "photo"
    assert body["observed_cm"]["camera_pitch_deg"] == pytest.approx(true, abs=12)


@pytest.mark.parametrize(("extra", "status", "code"), [
    ({"front": "front.jpg", "front_mask": "front_mask.png"}, 400, "mixed_inputs"),
    ({"side_mask": "side_mask.png"}, 400, "missing_photo"),
    ({"front_mask": "front.jpg"}, 422, "unsupported_format"),
    ({"front_mask": "front_mask.png", "camera_pitch_deg": "75"}, 422, "invalid_input"),
])
def test_bad_silhouette_requests(client, extra, status, code) -> None:
    data = _form(**{k: (_file(v) if v.endswith((".png", ".jpg")) else v) for k, v in extra.items()})
    r = client.post("/v1/scans", data=data, content_type="multipart/form-data")
    assert r.status_code == status, r.json
    assert r.mimetype == "application/problem+json" and r.json["code"] == code


def test_an_empty_mask_is_no_person(client) -> None:
    buf = io.BytesIO()
    Image.fromarray(np.zeros((960, 720), np.uint8)).save(buf, "PNG")
    buf.seek(0)
    data = _form(front_mask=(buf, "front_mask.png"))
    r = client.post("/v1/scans", data=data, content_type="multipart/form-data")
    assert r.status_code == 422 and r.json["code"] == "no_person"


def test_openapi_documents_the_silhouette_fields(client) -> None:
    spec = json.dumps(client.get("/openapi.json").json)
    assert "camera_pitch_deg" in spec
