"""Photo scan end to end through the Flask test client with real MediaPipe."""

from __future__ import annotations

import io
import json

import pytest

from tests.auth_helpers import authed_client
from tests.conftest import SAMPLE_PEOPLE

pytestmark = pytest.mark.e2e

TRUTH = json.loads((SAMPLE_PEOPLE / "truth.json").read_text())["people"]
PID = sorted(TRUTH)[1]
HEADLINE = ("stature", "chest_girth", "waist_girth", "hip_girth", "neck_girth", "shoulder_width",
            "arm_length", "inside_leg", "thigh_girth", "upper_arm_girth")


def _files(side: bool = True) -> dict:
    t = TRUTH[PID]
    data = {"height_cm": str(t["stature_cm"]), "sex": t["sex"],
            "front": (io.BytesIO((SAMPLE_PEOPLE / PID / "front.png").read_bytes()), "front.png")}
    if side:
        data["side"] = (io.BytesIO((SAMPLE_PEOPLE / PID / "side.png").read_bytes()), "side.png")
    return data


def test_scan_lifecycle(client):
    r = client.post("/v1/scans", data=_files(), content_type="multipart/form-data")
    assert r.status_code == 201, r.json
    body = r.json
    assert body["feature_set"] == "front_side"
    for name in HEADLINE:
        m = body["measurements"][name]
        assert m["low_cm"] <= m["value_cm"] <= m["high_cm"], name
    truth = TRUTH[PID]["measurements_cm"]
    for name in ("chest_girth", "waist_girth", "hip_girth"):
        assert body["measurements"][name]["value_cm"] == pytest.approx(truth[name], abs=6.0)
    scan_id = body["id"]

    got = client.get(f"/v1/scans/{scan_id}")
    assert got.status_code == 200 and got.json["measurements"] == body["measurements"]

    png = client.get(f"/v1/scans/{scan_id}/overlay.png")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.data[:8] == b"\x89PNG\r\n\x1a\n" and len(png.data) > 5000

    assert client.delete(f"/v1/scans/{scan_id}").status_code == 204
    assert client.get(f"/v1/scans/{scan_id}").status_code == 404


def test_front_only_scan_has_wider_intervals(client):
    both = client.post("/v1/scans", data=_files(), content_type="multipart/form-data").json
    front = client.post("/v1/scans", data=_files(side=False),
                        content_type="multipart/form-data").json
    assert front["feature_set"] == "front"
    assert "no_side_photo_wider_intervals" in front["warnings"]

    def width(scan: dict, name: str) -> float:
        m = scan["measurements"][name]
        return m["high_cm"] - m["low_cm"]

    for name in ("chest_girth", "waist_girth", "hip_girth"):
        assert width(front, name) > width(both, name), name


def test_estimate_without_photos(client):
    r = client.post("/v1/estimates", json={"height_cm": 170, "weight_kg": 70, "sex": "female"})
    assert r.status_code == 201
    assert r.json["feature_set"] == "subject"
    assert r.json["measurements"]["stature"]["value_cm"] == pytest.approx(170, abs=2)
    heavier = client.post("/v1/estimates",
                          json={"height_cm": 170, "weight_kg": 95, "sex": "female"}).json
    assert (heavier["measurements"]["waist_girth"]["value_cm"]
            > r.json["measurements"]["waist_girth"]["value_cm"] + 5)


def test_scans_are_tenant_scoped(app, client):
    scan_id = client.post("/v1/estimates", json={"height_cm": 180}).json["id"]
    other_shop = authed_client(app, "admin", "another-shop")
    assert other_shop.get(f"/v1/scans/{scan_id}").status_code == 404
    assert client.get(f"/v1/scans/{scan_id}").status_code == 200


def test_openapi_documents_the_scan_endpoints(client):
    spec = client.get("/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert {"/v1/scans", "/v1/scans/{scan_id}", "/v1/scans/{scan_id}/overlay.png",
            "/v1/estimates", "/healthz", "/readyz"} <= set(spec["paths"])
