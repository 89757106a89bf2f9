"""GET /v1/scans/{id}/avatar.glb|.obj through the Flask test client."""

from __future__ import annotations

import io

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _estimate(client) -> dict:
    r = client.post("/v1/estimates", json={"height_cm": 171.0, "weight_kg": 68.0,
                                           "sex": "female"})
    assert r.status_code == 201, r.json
    return r.json


def test_avatar_glb_matches_scan_and_is_stored(client, tmp_path) -> None:
    import numpy as np
    import trimesh

    from fitsvc.synth.avatar import GIRTHS, fit_avatar, torso_girths

    scan = _estimate(client)
    r = client.get(f"/v1/scans/{scan['id']}/avatar.glb")
    assert r.status_code == 200
    assert r.mimetype == "model/gltf-binary"
    scene = trimesh.load(io.BytesIO(r.data), file_type="glb")
    mesh = scene.to_geometry() if isinstance(scene, trimesh.Scene) else scene
    assert isinstance(mesh, trimesh.Trimesh)
    assert 1.69 < mesh.bounds[1][2] - mesh.bounds[0][2] < 1.73  # stature 171 cm, metres
    targets = {"stature": 171.0, **{g: scan["measurements"][g]["value_cm"] for g in GIRTHS}}
    body = fit_avatar("female", targets, 68.0).body  # the same fit, done again here
    assert np.allclose(mesh.vertices, body.vertices, atol=1e-5)
    got = torso_girths(body)  # the served avatar re-measured exactly
    for g in ("chest_girth", "waist_girth", "hip_girth"):
        assert abs(got[g] - scan["measurements"][g]["value_cm"]) < 1.0, g
    stored = tmp_path / "artefacts" / "default" / "scans" / scan["id"]
    assert sorted(p.name for p in stored.iterdir()) == ["avatar.glb", "avatar.obj"]
    assert (stored / "avatar.glb").read_bytes() == r.data
    again = client.get(f"/v1/scans/{scan['id']}/avatar.glb")
    assert again.data == r.data  # served from the artefact store
    obj = client.get(f"/v1/scans/{scan['id']}/avatar.obj")
    assert obj.status_code == 200 and obj.data.lstrip().startswith((b"#", b"v "))
    assert obj.data == (stored / "avatar.obj").read_bytes()
    assert client.delete(f"/v1/scans/{scan['id']}").status_code == 204
    assert not stored.exists()  # erased with its scan


def test_avatar_unknown_scan_is_404_problem(client) -> None:
    r = client.get("/v1/scans/00000000-0000-0000-0000-000000000000/avatar.glb")
    assert r.status_code == 404
    assert r.mimetype == "application/problem+json"


def test_an_avatar_still_being_made_answers_202_and_one_job_serves_every_request(
        tmp_path) -> None:
    import time

    from fitsvc import app_services, create_app
    from tests.auth_helpers import authed_client

    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'a.sqlite3'}",
                      "DETECTOR": "unused", "AVATAR_WAIT_S": 0})
    client = authed_client(app, "storefront")
    scan = _estimate(client)
    url = f"/v1/scans/{scan['id']}/avatar.glb"
    first, second = client.get(url), client.get(url.replace(".glb", ".obj"))
    assert first.status_code == 202 and second.status_code == 202
    assert first.headers["Retry-After"] and first.headers["Location"] == url
    assert first.json["kind"] == "avatar" and first.json["id"] == second.json["id"]
    deadline = time.monotonic() + 120
    while (r := client.get(url)).status_code == 202 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert r.status_code == 200 and r.mimetype == "model/gltf-binary"
    assert client.get(url.replace(".glb", ".obj")).status_code == 200  # made by the same job
    app_services(app).close()
