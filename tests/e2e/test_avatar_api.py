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


def test_avatar_glb_matches_scan_and_is_cached(client) -> None:
    import trimesh

    from fitsvc.synth.avatar import torso_girths
    from fitsvc.synth.avatars import _CACHE

    scan = _estimate(client)
    r = client.get(f"/v1/scans/{scan['id']}/avatar.glb")
    assert r.status_code == 200
    assert r.mimetype == "model/gltf-binary"
    scene = trimesh.load(io.BytesIO(r.data), file_type="glb")
    mesh = scene.to_geometry() if isinstance(scene, trimesh.Scene) else scene
    assert isinstance(mesh, trimesh.Trimesh)
    assert 1.69 < mesh.bounds[1][2] - mesh.bounds[0][2] < 1.73  # stature 171 cm, metres
    body = next(b for k, b in _CACHE.items() if k[1] == scan["id"])
    assert len(mesh.vertices) == len(body.vertices)
    got = torso_girths(body)  # the served avatar re-measured exactly
    for g in ("chest_girth", "waist_girth", "hip_girth"):
        assert abs(got[g] - scan["measurements"][g]["value_cm"]) < 1.0, g
    again = client.get(f"/v1/scans/{scan['id']}/avatar.glb")
    assert again.data == r.data  # same bytes: served from the per-scan cache
    obj = client.get(f"/v1/scans/{scan['id']}/avatar.obj")
    assert obj.status_code == 200 and obj.data.lstrip().startswith((b"#", b"v "))


def test_avatar_unknown_scan_is_404_problem(client) -> None:
    r = client.get("/v1/scans/00000000-0000-0000-0000-000000000000/avatar.glb")
    assert r.status_code == 404
    assert r.mimetype == "application/problem+json"
