"""Markers as jobs over HTTP: 202 + job id, progress, result, cancel, bad input."""

from __future__ import annotations

import time

import pytest

from tests.auth_helpers import authed_client

pytestmark = pytest.mark.e2e

RECT = [[0, 0], [240, 0], [240, 520], [0, 520]]
FRONT = [[0, 0], [220, 0], [260, 450], [120, 520], [0, 500]]


@pytest.fixture
def client(tmp_path):
    from fitsvc import app_services, create_app

    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 't.sqlite3'}"})
    yield authed_client(app)
    app_services(app).jobs.shutdown()  # type: ignore[attr-defined]


def body(**kw):
    pieces = [{"name": "back", "size": s, "outline": RECT, "grain_deg": 90} for s in "SM"]
    pieces += [{"name": "front", "size": s, "outline": FRONT, "grain_deg": 90,
                "mirrored_pair": True} for s in "SM"]
    return {"pieces": pieces, "ratio": "S:1,M:2", "width_cm": 100, "seconds": 2,
            "spacing_mm": 2, **kw}


def wait(client, job_id, timeout=40.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = client.get(f"/v1/markers/{job_id}").get_json()
        if info["status"] in {"succeeded", "failed", "cancelled"}:
            return info
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish: {info}")


def test_marker_job_runs_to_a_result(client):
    resp = client.post("/v1/markers", json=body())
    assert resp.status_code == 202, resp.get_json()
    job = resp.get_json()
    assert resp.headers["Location"] == f"/v1/markers/{job['id']}"
    info = wait(client, job["id"])
    assert info["status"] == "succeeded", info
    res = info["result"]
    assert len(res["placements"]) == 3 * (1 + 2)
    assert 0.3 < res["efficiency"] < 1 and res["fabric_length"] > res["length"]
    assert info["progress"]["best_efficiency"] == pytest.approx(res["efficiency"], abs=1e-3)
    assert info["elapsed_s"] is not None


def test_cancel_stops_a_running_marker(client):
    job = client.post("/v1/markers", json=body(seconds=60)).get_json()
    deadline = time.monotonic() + 20
    while client.get(f"/v1/markers/{job['id']}").get_json()["status"] != "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    t0 = time.monotonic()
    resp = client.delete(f"/v1/markers/{job['id']}")
    assert resp.status_code == 200
    info = wait(client, job["id"], timeout=15)
    assert info["status"] == "cancelled" and time.monotonic() - t0 < 10


@pytest.mark.parametrize("change, text", [
    ({"width_cm": 20}, "wide across the fabric"),
    ({"width_cm": 28, "spacing_mm": 15}, "kept from each fabric edge"),  # 260 + 2 × 15 > 280
    ({"pieces": []}, "no pieces"),
    ({"ratio": "S:one"}, "bad ratio"),
    ({"ratio": "XL:1"}, "without pieces"),
    ({"seconds": 0}, "seconds"),
    ({"seed": -1}, "seed must be between"),
    ({"ratio": "S:1,M:2000"}, "split it into several markers"),
])
def test_bad_marker_requests_are_422(client, change, text):
    resp = client.post("/v1/markers", json=body(**change))
    assert resp.status_code == 422
    assert text in resp.get_data(as_text=True)


def test_unknown_marker_is_404(client):
    assert client.get("/v1/markers/nope").status_code == 404


def test_marker_of_a_drafted_shirt(client):
    pytest.importorskip("pattern.grade.grade")
    resp = client.post("/v1/markers", json={"block": "shirt", "size_chart": "mens_eu",
                                            "ratio": "M:1", "width_cm": 150, "seconds": 2})
    assert resp.status_code == 202, resp.get_json()
    info = wait(client, resp.get_json()["id"])
    assert info["status"] == "succeeded", info
    placed = info["result"]["placements"]
    assert {p["size"] for p in placed} == {"M"}
    fronts = [p for p in placed if p["piece"] in ("J", "shirt_front")]
    assert sorted(p["mirrored"] for p in fronts) == [False, True]


def test_unknown_size_chart_is_422(client):
    resp = client.post("/v1/markers", json={"block": "shirt", "size_chart": "../etc",
                                            "ratio": "M:1", "width_cm": 150})
    assert resp.status_code == 422 and "unknown size chart" in resp.get_data(as_text=True)


def _jobs_of(client, parent_id):
    from sqlalchemy import select

    from fitsvc import app_services
    from fitsvc.jobs_records import JobRecord

    with app_services(client.application).engine.connect() as conn:
        return conn.execute(select(JobRecord.kind, JobRecord.status, JobRecord.params)
                            .where(JobRecord.parent_id == parent_id)).all()


def test_best_of_n_fans_out_helpers_and_keeps_the_shortest_layout(client):
    """JOB_WORKERS=2: the parent and one helper run at once, the third seed finds no free
    worker before the parent's own run ends and is cancelled; the shortest valid wins."""
    job = client.post("/v1/markers", json=body(seconds=4, seed=7, workers=3)).get_json()
    info = wait(client, job["id"], timeout=90)
    assert info["status"] == "succeeded", info
    res = info["result"]
    assert res["workers"] == 3 and [a["seed"] for a in res["attempts"]] == [7, 8, 9]
    helpers = _jobs_of(client, job["id"])
    assert sorted(h.params["seed"] for h in helpers) == [8, 9]
    assert all(h.kind == "marker.attempt" and h.status in {"succeeded", "cancelled"}
               for h in helpers)
    assert any(h.status == "succeeded" for h in helpers)
    done = [a["length"] for a in res["attempts"] if a["status"] == "succeeded"]
    assert len(done) >= 2 and res["length"] == pytest.approx(min(done), abs=1e-3)
    assert len(res["placements"]) == 3 * (1 + 2)
    assert info["elapsed_s"] < 4 + 30  # the same wall budget (plus validation), not 3 x 4 s


def test_workers_out_of_range_is_a_422(client):
    for bad in (0, 9, 2.5, True):
        resp = client.post("/v1/markers", json=body(workers=bad))
        assert resp.status_code == 422, (bad, resp.get_json())


def test_a_finished_marker_downloads_as_files_made_once(client, tmp_path):
    job = client.post("/v1/markers", json=body(seconds=2)).get_json()
    early = client.get(f"/v1/markers/{job['id']}.svg")
    assert early.status_code in (200, 409)  # 409 marker_not_ready until it has succeeded
    if early.status_code == 409:
        assert early.get_json()["code"] == "marker_not_ready"
    assert wait(client, job["id"])["status"] == "succeeded"
    magic = {"svg": b"<svg", "pdf": b"%PDF", "png": b"\x89PNG", "dxf": b"  0\nSECTION"}
    for fmt, head in magic.items():
        r = client.get(f"/v1/markers/{job['id']}.{fmt}")
        assert r.status_code == 200, (fmt, r.get_json())
        assert r.data.lstrip()[:len(head)] == head or head in r.data[:200], fmt
        assert f"marker-{job['id'][:8]}.{fmt}" in r.headers["Content-Disposition"]
    stored = tmp_path / "artefacts" / "default" / "markers" / job["id"]
    assert sorted(p.name for p in stored.iterdir()) == sorted(f"marker.{f}" for f in magic)
    (stored / "marker.svg").write_bytes(b"<svg>kept</svg>")  # a second download is not redrawn
    assert client.get(f"/v1/markers/{job['id']}.svg").data == b"<svg>kept</svg>"
    r = client.get(f"/v1/markers/{job['id']}.tiff")
    assert r.status_code == 404 and r.get_json()["code"] == "unknown_format"
