# mypy: disable-error-code="index,attr-defined"
"""Bad input to the catalog, fit and feedback endpoints → 4xx problem+json with clear codes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import BODY, SAMPLE_CATALOG, make_app, shutdown

pytestmark = pytest.mark.e2e


@pytest.fixture
def client(tmp_path: Path) -> Iterator[FlaskClient]:
    app = make_app(tmp_path)
    c = authed_client(app)
    c.post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
           content_type="application/json")
    yield c
    shutdown(app)


def _item(**chart: Any) -> dict[str, Any]:
    sizes = chart.pop("sizes", [{"size": "S", "chest": 88}, {"size": "M", "chest": 94}])
    return {"id": "x1", "category": "dress", **chart, "sizes": sizes}


def _codes(resp: Any) -> list[str]:
    return [e["code"] for e in resp.json["details"]["errors"]]


@pytest.mark.parametrize(("sizes", "code"), [
    ([{"size": "S", "chest": 94}, {"size": "M", "chest": 88}], "non_monotonic_sizes"),
    ([{"size": "S", "chest": 88, "waist": 70}, {"size": "M", "chest": 94}], "size_chart_gap"),
    ([{"size": "S", "chest": -88}], "negative_value"),
    ([{"size": "S", "chest": 880}], "absurd_value"),
    ([{"size": "S", "chest": "wide"}], "invalid_number"),
    ([{"size": "S", "chest": 88}, {"size": "S", "chest": 90}], "duplicate_size"),
    ([], "empty_size_chart"),
])
def test_bad_size_chart(client: FlaskClient, sizes: list[Any], code: str) -> None:
    r = client.post("/v1/items", json=_item(sizes=sizes))
    assert r.status_code == 422
    assert r.mimetype == "application/problem+json"
    assert r.json["code"] == "invalid_catalog"
    assert code in _codes(r)


def test_bad_enum(client: FlaskClient) -> None:
    r = client.post("/v1/items", json=_item(fit_intent="baggy", stretch="rubber"))
    assert {"invalid_fit_intent", "invalid_stretch"} <= set(_codes(r))


def test_csv_import_reports_rows_and_imports_nothing(client: FlaskClient) -> None:
    csv_text = ("item_id,category,size,chest,waist\n"
                "a1,dress,S,88,70\na1,dress,M,94,68\n"  # waist decreases
                "b1,top,S,-5,\n"
                "c1,top,S,90,\n")
    r = client.post("/v1/items/import?format=csv", data=csv_text, content_type="text/csv")
    assert r.status_code == 422
    errors = r.json["details"]["errors"]
    assert {(e["item_id"], e["code"]) for e in errors} == {
        ("a1", "non_monotonic_sizes"), ("b1", "negative_value")}
    assert next(e for e in errors if e["item_id"] == "b1")["row"] == 4
    assert client.get("/v1/items/c1").status_code == 404


def test_csv_without_header(client: FlaskClient) -> None:
    r = client.post("/v1/items/import?format=csv", data="1,2,3\n", content_type="text/csv")
    assert r.status_code == 422 and r.json["code"] == "invalid_csv"


@pytest.mark.parametrize(("value", "code"), [(-90, "negative_value"), (9200, "absurd_value"),
                                             ("big", "invalid_number")])
def test_bad_measurements(client: FlaskClient, value: Any, code: str) -> None:
    r = client.post("/v1/fit", json={"measurements": {**BODY, "chest_girth": value},
                                     "item_ids": ["dress-wrap-01"]})
    assert r.status_code == 422 and r.json["code"] == "invalid_measurement"
    assert r.json["details"]["errors"][0]["code"] == code


def test_fit_request_limits(client: FlaskClient) -> None:
    r = client.post("/v1/fit", json={"measurements": BODY, "item_ids": ["a"] * 501})
    assert r.status_code == 422 and r.json["code"] == "invalid_input"
    r = client.post("/v1/fit", json={"item_ids": ["dress-wrap-01"]})
    assert r.status_code == 422 and r.json["code"] == "missing_body"
    r = client.post("/v1/fit", json={"scan_id": "no-such-scan", "item_ids": ["dress-wrap-01"]})
    assert r.status_code == 404


def test_bad_feedback(client: FlaskClient) -> None:
    base = {"customer_id": "c1", "item_id": "dress-wrap-01", "size": "M", "outcome": "fit"}
    r = client.post("/v1/feedback", json={**base, "outcome": "meh"})
    assert r.status_code == 422 and r.json["code"] == "invalid_outcome"
    r = client.post("/v1/feedback", json={**base, "item_id": "ghost"})
    assert r.status_code == 422 and r.json["code"] == "unknown_item"
    r = client.post("/v1/feedback", json={**base, "size": "XXXL"})
    assert r.status_code == 422 and r.json["code"] == "unknown_size"
    r = client.post("/v1/feedback", json={"customer_id": "c1"})
    assert r.status_code == 422 and r.json["code"] == "invalid_input"
    r = client.post("/v1/feedback", json={**base, "regions": {"elbow": "tight", "waist": "meh"}})
    assert r.status_code == 422 and r.json["code"] == "invalid_region_note"
    assert {e["field"] for e in r.json["details"]["errors"]} == {"elbow", "waist"}
    assert client.get("/v1/items/dress-wrap-01/size-advice").json["feedback_counts"]["fit"] == 0


def test_unknown_item_advice(client: FlaskClient) -> None:
    r = client.get("/v1/items/ghost/size-advice")
    assert r.status_code == 404 and r.json["code"] == "unknown_item"


def test_a_catalog_file_that_is_not_utf8_is_a_422_and_imports_nothing(client: FlaskClient) -> None:
    before = client.get("/v1/items").json["items"]
    latin1 = "id,category,size,chest\nrobe-été,dress,S,88\n".encode("latin-1")
    r = client.post("/v1/items/import?format=csv", data=latin1, content_type="text/csv")
    assert r.status_code == 422 and r.json["code"] == "invalid_encoding" and r.json["hint"]
    assert client.get("/v1/items").json["items"] == before


@pytest.mark.parametrize("query", ["limit=-1", "limit=0", "limit=5000", "offset=-3", "limit=abc"])
def test_paging_outside_its_range_is_a_400(client: FlaskClient, query: str) -> None:
    r = client.get(f"/v1/items?{query}")
    assert r.status_code == 400 and r.json["code"] == "invalid_paging" and r.json["hint"]


def test_paging_is_capped_and_pages(client: FlaskClient) -> None:
    everything = client.get("/v1/items?limit=1000").json["items"]
    assert len(everything) >= 2
    first = client.get("/v1/items?limit=1").json["items"]
    second = client.get("/v1/items?limit=1&offset=1").json["items"]
    assert [first[0], second[0]] == everything[:2]
