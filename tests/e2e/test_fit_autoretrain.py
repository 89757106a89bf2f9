# mypy: disable-error-code="index,attr-defined"
"""Feedback as it arrives: a guarded retrain job every N rows; "if_better" promotion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import BODY, SAMPLE_CATALOG, shutdown

pytestmark = pytest.mark.e2e


def _app(tmp_path: Path, every: int) -> tuple[Flask, FlaskClient]:
    from fitsvc import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'f.sqlite3'}",
                      "DETECTOR": "unused", "FIT_RETRAIN_EVERY": every})
    c = authed_client(app)
    r = c.post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
               content_type="application/json")
    assert r.status_code == 201
    return app, c


def _feedback(c: FlaskClient, k: int, outcome: str) -> dict[str, Any]:
    r = c.post("/v1/feedback", json={"customer_id": f"c{k}", "item_id": "dress-wrap-01",
                                     "size": "M", "outcome": outcome, "measurements": BODY})
    assert r.status_code == 201, r.json
    return r.json


def test_every_n_rows_schedules_one_retrain_that_goes_live(tmp_path: Path) -> None:
    from fitsvc import app_services

    app, c = _app(tmp_path, every=5)
    replies = [_feedback(c, k, "small") for k in range(5)]
    assert [r["auto_retrain"] for r in replies[:4]] == [f"{k}/5 new rows" for k in range(1, 5)]
    assert replies[4]["auto_retrain"] == "scheduled"
    job = app_services(app).jobs.wait(replies[4]["retrain_job_id"])
    assert job["status"] == "succeeded", job
    assert _feedback(c, 5, "small")["auto_retrain"] == "1/5 new rows"  # counted from v1
    fit = c.post("/v1/fit", json={"measurements": BODY, "item_ids": ["dress-wrap-01"]}).json
    assert fit["model_version"] == "fit-v1"
    assert c.get("/v1/items/dress-wrap-01/size-advice").json["advice"] == "runs_small"
    shutdown(app)


def test_off_when_zero(tmp_path: Path) -> None:
    app, c = _app(tmp_path, every=0)
    assert _feedback(c, 0, "fit")["auto_retrain"] == "off"
    assert c.get("/v1/fit/models").json["versions"] == []
    shutdown(app)


def test_if_better_keeps_the_active_model_when_the_new_one_loses(tmp_path: Path) -> None:
    from fitsvc import app_services
    from fitsvc.fit import registry

    app, c = _app(tmp_path, every=0)
    svc = app_services(app)
    for k in range(48):  # the item ran small for months, then the maker changed it
        _feedback(c, k, "small")
    for k in range(48, 60):
        _feedback(c, k, "large")
    out = registry.retrain(svc.engine, "default", promote="if_better")
    m = out["metrics"]
    assert m["holdout_log_loss_new"] > m["holdout_log_loss_active"]
    assert out["active"] is False and m["promotion"].endswith("kept the active version")
    assert c.post("/v1/fit", json={"measurements": BODY, "item_ids": ["dress-wrap-01"]}
                  ).json["model_version"] == "fit-v0"
    shutdown(app)
