"""POST /v1/fit answers with jsonify, not with a marshmallow dump (hot path): its body must
already be exactly what FitResultSchema documents, for every item status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from fitsvc.api.fit_schemas import FitResultSchema
from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import BODY, app_with_catalog


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    yield from app_with_catalog(tmp_path)


def _fit(app: Flask, measurements: dict[str, float], item_ids: list[str]) -> dict:
    r = authed_client(app).post("/v1/fit", json={"measurements": measurements,
                                                 "item_ids": item_ids})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


@pytest.mark.parametrize(("measurements", "statuses"), [
    (BODY, {"ok", "unknown_item"}),
    ({"chest_girth": 92.0}, {"ok", "missing_measurement", "unknown_item"})],
    ids=["whole-body", "chest-only"])
def test_fit_body_is_its_documented_shape(app: Flask, measurements: dict[str, float],
                                          statuses: set[str]) -> None:
    items = authed_client(app).get("/v1/items?limit=100").get_json()["items"]
    ids = [i["id"] for i in items] + ["no-such-item"]
    body = _fit(app, measurements, ids)
    assert {i["status"] for i in body["items"]} == statuses
    schema = FitResultSchema()
    assert schema.validate(body) == {}
    assert schema.dump(body) == body  # no key the schema would drop, none it would add
