"""retrain-fit and fit-models through the CLI handlers on a temporary database."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from fitsvc.fit.cli import add_commands
from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import BODY, SAMPLE_CATALOG, make_app, shutdown

pytestmark = pytest.mark.e2e


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def test_retrain_list_promote_rollback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'fit.sqlite3'}")
    app = make_app(tmp_path)
    c = authed_client(app)
    c.post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
           content_type="application/json")
    assert _run("retrain-fit") == 1  # no feedback yet
    assert "no_feedback" in capsys.readouterr().err
    for k, outcome in enumerate(["large"] * 8 + ["fit"] * 2):
        c.post("/v1/feedback", json={"customer_id": f"c{k}", "item_id": "trousers-wide-05",
                                     "size": "40", "outcome": outcome, "measurements": BODY})
    assert _run("retrain-fit") == 0
    v1 = json.loads(capsys.readouterr().out)
    assert v1["version"] == 1 and v1["active"] and v1["metrics"]["n_feedback"] == 10
    assert _run("retrain-fit", "--no-promote") == 0
    capsys.readouterr()
    assert _run("fit-models", "list") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(v["version"], v["active"]) for v in listed] == [(1, True), (2, False)]
    assert _run("fit-models", "promote", "2") == 0
    capsys.readouterr()
    assert c.post("/v1/fit", json={"measurements": BODY, "item_ids": ["trousers-wide-05"]}
                  ).get_json()["model_version"] == "fit-v2"
    assert _run("fit-models", "rollback") == 0
    assert json.loads(capsys.readouterr().out)["version"] == 1
    assert _run("fit-models", "promote", "9") == 1
    shutdown(app)
