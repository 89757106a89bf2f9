# mypy: disable-error-code="index,attr-defined"
"""Catalog import, POST /v1/fit, size advice, feedback → retrain → versions, rollback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import BODY, SAMPLE_CATALOG, make_app, shutdown

pytestmark = pytest.mark.e2e
IDS = ["dress-wrap-01", "jeans-straight-03", "shirt-oxford-04", "sheath-slim-02",
       "trousers-wide-05"]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[FlaskClient]:
    app = make_app(tmp_path)
    c = authed_client(app)
    r = c.post("/v1/items/import?format=csv", data=(SAMPLE_CATALOG / "items.csv").read_bytes(),
               content_type="text/csv")
    assert r.status_code == 201, r.json
    assert r.json["imported"] == 5
    yield c
    shutdown(app)


def test_json_import_updates_existing(client: FlaskClient) -> None:
    r = client.post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
                    content_type="application/json")
    assert r.status_code == 201
    assert r.json == {"imported": 5, "created": 0, "updated": 5}


def test_crud(client: FlaskClient) -> None:
    item = {"id": "tee-1", "category": "top", "fit_intent": "slim", "stretch": "high",
            "sizes": [{"size": "S", "chest": 84}, {"size": "M", "chest": 90}]}
    assert client.post("/v1/items", json=item).status_code == 201
    got = client.get("/v1/items/tee-1").json
    assert got["sizes"][1] == {"size": "M", "chest": 90.0}
    item["sizes"].append({"size": "L", "chest": 96})
    assert client.put("/v1/items/tee-1", json=item).status_code == 200
    assert len(client.get("/v1/items/tee-1").json["sizes"]) == 3
    assert len(client.get("/v1/items").json["items"]) == 6
    assert client.delete("/v1/items/tee-1").status_code == 204
    r = client.get("/v1/items/tee-1")
    assert r.status_code == 404 and r.json["code"] == "unknown_item"


def test_fit_per_item_status_and_probabilities(client: FlaskClient) -> None:
    r = client.post("/v1/fit", json={"measurements": BODY, "item_ids": [*IDS, "nope"]})
    assert r.status_code == 200
    items = r.json["items"]
    assert [i["item_id"] for i in items] == [*IDS, "nope"]
    assert items[-1]["status"] == "unknown_item"
    for it in items[:-1]:
        assert it["status"] == "ok" and it["model_version"] == "fit-v0"
        for s in it["sizes"]:
            assert s["p_small"] + s["p_fit"] + s["p_large"] == pytest.approx(1, abs=1e-3)
        sizes = [s["size"] for s in it["sizes"]]
        k = sizes.index(it["recommended_size"])
        assert it["size_down"] == (sizes[k - 1] if k else None)
        assert set(it["ease_cm"]) <= {"chest", "waist", "hip", "inseam", "sleeve", "length"}
    dress = items[0]
    assert dress["recommended_size"] == "M"


def test_missing_measurement_status(client: FlaskClient) -> None:
    r = client.post("/v1/fit", json={"measurements": {"chest_girth": 92},
                                     "item_ids": ["jeans-straight-03"]})
    item = r.json["items"][0]
    assert item["status"] == "missing_measurement"
    assert set(item["missing"]) == {"waist", "hip", "inseam"}


def test_feedback_retrain_promote_rollback(client: FlaskClient) -> None:
    for k in range(12):  # dress runs small for everyone
        r = client.post("/v1/feedback", json={
            "customer_id": f"c{k}", "item_id": "dress-wrap-01", "size": "M",
            "outcome": "small", "measurements": BODY})
        assert r.status_code == 201
    from fitsvc import app_services
    from fitsvc.fit import registry

    svc = app_services(client.application)
    v1 = registry.retrain(svc.engine, "default")
    assert v1["version"] == 1 and v1["active"]
    r = client.post("/v1/fit", json={"measurements": BODY, "item_ids": ["dress-wrap-01"]})
    it = r.json["items"][0]
    assert it["model_version"] == "fit-v1"
    assert it["recommended_size"] == "L"
    advice = client.get("/v1/items/dress-wrap-01/size-advice").json
    assert advice["advice"] == "runs_small" and advice["feedback_counts"]["small"] == 12
    v2 = registry.retrain(svc.engine, "default")
    assert v2["version"] == 2
    back = registry.rollback(svc.engine, "default")
    assert back["version"] == 1
    versions = client.get("/v1/fit/models").json["versions"]
    assert [v["active"] for v in versions] == [True, False]


def test_returns_without_direction_strengthen_the_directed_feedback(
        client: FlaskClient) -> None:
    from fitsvc import app_services
    from fitsvc.fit import registry

    svc = app_services(client.application)

    def post(k: int, outcome: str) -> None:
        r = client.post("/v1/feedback", json={
            "customer_id": f"c{k}", "item_id": "dress-wrap-01", "size": "M",
            "outcome": outcome, "measurements": BODY})
        assert r.status_code == 201

    for k in range(3):
        post(k, "small")
    for k in range(3, 9):
        post(k, "fit")
    offset_directed = registry.retrain(svc.engine, "default") and client.get(
        "/v1/items/dress-wrap-01/size-advice").json["offset"]
    for k in range(9, 21):
        post(k, "returned")
    advice = (registry.retrain(svc.engine, "default")
              and client.get("/v1/items/dress-wrap-01/size-advice").json)
    assert advice["feedback_counts"]["returned"] == 12
    assert advice["offset"] < offset_directed < 0, (advice["offset"], offset_directed)


def test_a_size_that_runs_small_gets_its_own_advice(client: FlaskClient) -> None:
    from fitsvc import app_services
    from fitsvc.fit import registry

    svc = app_services(client.application)
    big = {**BODY, "chest_girth": 98.0, "waist_girth": 80.0, "hip_girth": 106.0}

    def sizes(body: dict[str, float]) -> dict[str, dict[str, float]]:
        r = client.post("/v1/fit", json={"measurements": body, "item_ids": ["dress-wrap-01"]})
        return {s["size"]: s for s in r.json["items"][0]["sizes"]}

    before = sizes(big)
    for k in range(12):  # M fits its wearers, L is cut small for its wearers
        for size, body, outcome in (("M", BODY, "fit"), ("L", big, "small")):
            r = client.post("/v1/feedback", json={
                "customer_id": f"{size}{k}", "item_id": "dress-wrap-01", "size": size,
                "outcome": outcome, "measurements": body})
            assert r.status_code == 201
    v = registry.retrain(svc.engine, "default")
    assert v["n_size_offsets"] >= 1
    advice = client.get("/v1/items/dress-wrap-01/size-advice").json
    assert advice["sizes"]["L"]["advice"] == "runs_small"
    # the size worn explains the difference: L's total offset sits well below M's
    assert advice["sizes"]["L"]["offset"] < advice["sizes"]["M"]["offset"] - 0.5
    after = sizes(big)
    assert after["L"]["p_small"] > before["L"]["p_small"] + 0.1
    assert sizes(BODY)["M"]["p_fit"] > 0.6  # M still fits the bodies that reported "fit"


def test_region_notes_learn_a_per_region_correction(client: FlaskClient) -> None:
    from fitsvc import app_services
    from fitsvc.fit import registry

    svc = app_services(client.application)
    req = {"measurements": {**BODY, "waist_girth": 78.0}, "item_ids": ["dress-wrap-01"]}
    before = client.post("/v1/fit", json=req).json["items"][0]
    for k in range(15):  # fits overall, but the waist is tight for everyone
        r = client.post("/v1/feedback", json={
            "customer_id": f"c{k}", "item_id": "dress-wrap-01", "size": "M", "outcome": "fit",
            "regions": {"waist": "Tight", "hip": "ok"}, "measurements": BODY})
        assert r.status_code == 201
    assert registry.retrain(svc.engine, "default")["n_region_corrections"] >= 1
    advice = client.get("/v1/items/dress-wrap-01/size-advice").json
    assert advice["regions"] == {"waist": "runs_small"}
    assert advice["region_corrections_cm"]["waist"] < -2.0
    after = client.post("/v1/fit", json=req).json["items"][0]
    m0 = next(s for s in before["sizes"] if s["size"] == "M")
    m1 = next(s for s in after["sizes"] if s["size"] == "M")
    assert m1["ease_cm"] == m0["ease_cm"]  # the chart is unchanged
    assert m1["p_small"] > m0["p_small"]
    assert (before["recommended_size"], after["recommended_size"]) == ("M", "L")


def test_region_notes_on_one_size_stay_with_that_size(client: FlaskClient) -> None:
    from fitsvc import app_services
    from fitsvc.fit import registry

    svc = app_services(client.application)
    for k in range(12):  # the L's waist is cut small; the M's is fine
        for size, note in (("L", "tight"), ("M", "ok")):
            r = client.post("/v1/feedback", json={
                "customer_id": f"{size}{k}", "item_id": "dress-wrap-01", "size": size,
                "outcome": "fit", "regions": {"waist": note}, "measurements": BODY})
            assert r.status_code == 201
    registry.retrain(svc.engine, "default")
    advice = client.get("/v1/items/dress-wrap-01/size-advice").json
    assert list(advice["sizes"]) == ["M", "L"]  # chart order
    assert advice["sizes"]["L"]["regions"] == {"waist": "runs_small"}
    assert advice["sizes"]["M"]["regions"] == {}
    model, _ = registry.active_model(svc.engine, "default")
    waist = {s: model.region_adjust("dress-wrap-01", "someone", s)["waist"] for s in ("M", "L")}
    assert waist["L"] < waist["M"] - 1.0  # cm: the L's correction is its own


def test_a_previous_release_database_is_migrated_at_start(tmp_path: Path) -> None:
    """The app's start stamps a database made by the release before migrations (8ed806e) and
    upgrades it: the newer tables and columns appear, and the app works on it."""
    from sqlalchemy import inspect

    from fitsvc import app_services
    from fitsvc.db import make_engine
    from fitsvc.migrate import current, head
    from tests.scale.migrate_helpers import make_previous_release

    old = make_engine(f"sqlite:///{tmp_path / 'fit.sqlite3'}")
    make_previous_release(old)
    assert "customer_id" not in {c["name"] for c in inspect(old).get_columns("scans")}
    old.dispose()
    app = make_app(tmp_path)
    engine = app_services(app).engine
    assert current(engine) == head()
    assert "customer_id" in {c["name"] for c in inspect(engine).get_columns("scans")}
    r = authed_client(app).post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
                                content_type="application/json")
    assert r.status_code in (200, 201), r.json
    shutdown(app)


def test_tailor_corrections_apply_to_scan(client: FlaskClient) -> None:
    r = client.post("/v1/feedback", json={
        "customer_id": "c1", "item_id": "dress-wrap-01", "size": "M", "outcome": "fit",
        "tailor_corrections": {"waist_girth": 80}})
    assert r.status_code == 422 and r.json["code"] == "missing_scan"


def test_scan_id_and_tailor_corrections(client: FlaskClient) -> None:
    scan = client.post("/v1/estimates", json={"height_cm": 168, "weight_kg": 62,
                                              "sex": "female", "age": 32})
    assert scan.status_code == 201
    sid = scan.json["id"]
    req = {"scan_id": sid, "item_ids": ["dress-wrap-01"]}
    before = client.post("/v1/fit", json=req).json["items"][0]
    assert before["status"] == "ok"
    waist = scan.json["measurements"]["waist_girth"]["value_cm"]
    r = client.post("/v1/feedback", json={
        "customer_id": "c1", "item_id": "dress-wrap-01", "size": "M", "outcome": "small",
        "scan_id": sid, "tailor_corrections": {"waist_girth": waist + 6}})
    assert r.status_code == 201 and r.json["corrections_stored"]
    after = client.post("/v1/fit", json=req).json["items"][0]
    m_before = next(s for s in before["sizes"] if s["size"] == "M")
    m_after = next(s for s in after["sizes"] if s["size"] == "M")
    assert m_after["ease_cm"]["waist"] == pytest.approx(m_before["ease_cm"]["waist"] - 6, abs=0.11)
    assert m_after["p_small"] > m_before["p_small"]


def test_retrain_job_and_version_endpoints(client: FlaskClient) -> None:
    import time

    for k in range(6):
        client.post("/v1/feedback", json={"customer_id": f"c{k}", "item_id": "dress-wrap-01",
                                          "size": "L", "outcome": "large", "measurements": BODY})
    r = client.post("/v1/fit/models/retrain")
    assert r.status_code == 202
    url = r.json["status_url"]
    for _ in range(200):
        job = client.get(url).json
        if job["status"] in ("succeeded", "failed"):
            break
        time.sleep(0.05)
    assert job["status"] == "succeeded", job
    assert client.post("/v1/fit/models/7/promote").status_code == 404
    assert client.post("/v1/fit/models/rollback").json["code"] == "no_previous_version"
    assert client.get("/v1/items/dress-wrap-01/size-advice").json["advice"] == "runs_large"


def test_item_order_does_not_change_results(client: FlaskClient) -> None:
    fwd = client.post("/v1/fit", json={"measurements": BODY, "item_ids": IDS}).json["items"]
    rev = client.post("/v1/fit", json={"measurements": BODY,
                                       "item_ids": IDS[::-1]}).json["items"]
    assert [i["item_id"] for i in rev] == IDS[::-1]
    assert {i["item_id"]: i for i in fwd} == {i["item_id"]: i for i in rev}
