"""`fitsvc keys create|list|revoke` and the first admin key `fitsvc serve` prints."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from fitsvc.cli import main
from tests.auth_helpers import client_with

pytestmark = pytest.mark.integration


@pytest.fixture
def db_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'keys.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("FITSVC_SECRET_KEY_FILE", str(tmp_path / "secret_key"))
    return url


CACHE_S = 0.5


def _app(url: str):
    from fitsvc import create_app

    return create_app({"TESTING": True, "DATABASE_URL": url, "DETECTOR": "unused",
                       "READ_CACHE_S": CACHE_S})


def test_create_prints_the_key_last_then_list_and_revoke(db_env: str, capsys) -> None:
    assert main(["keys", "create", "--tenant", "shop-a", "--role", "storefront",
                 "--label", "web shop"]) == 0
    out = capsys.readouterr().out
    key = out.strip().splitlines()[-1].split()[-1]
    assert key.startswith("fsk_")
    app = _app(db_env)
    shop = client_with(app, key)
    assert shop.get("/v1/items").status_code == 200
    assert shop.get("/v1/fit/models").status_code == 403  # a storefront is not an admin
    assert main(["keys", "list", "--tenant", "shop-a"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(k["tenant"], k["role"], k["label"]) for k in listed] == [
        ("shop-a", "storefront", "web shop")]
    assert key not in json.dumps(listed)
    assert main(["keys", "revoke", listed[0]["id"]]) == 0
    # the CLI is another process: a serving process notices within READ_CACHE_S
    time.sleep(CACHE_S + 0.1)
    assert shop.get("/v1/items").status_code == 401
    assert main(["keys", "revoke", "0000000000000000"]) == 2
    with pytest.raises(SystemExit):
        main(["keys", "create", "--tenant", "shop-a", "--role", "root"])


def test_serve_makes_one_admin_key_on_an_empty_database(db_env: str, capsys) -> None:
    from fitsvc.cli import _first_admin_key

    app = _app(db_env)
    _first_admin_key(app)
    out = capsys.readouterr().out
    key = out.strip().splitlines()[-1].split()[-1]
    assert client_with(app, key).get("/v1/keys").status_code == 200
    _first_admin_key(app)  # keys exist now: nothing new, nothing printed
    assert capsys.readouterr().out == ""
