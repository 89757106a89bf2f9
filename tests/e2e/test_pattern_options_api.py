"""GET /v1/patterns/options/{block}, the request's paperless/units fields and their OpenAPI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from flask import Flask

from pattern import BLOCKS
from pattern.finish.units import parse_length
from pattern.options_doc import block_options
from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import make_app

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def app(tmp_path: Path) -> Iterator[Flask]:
    from fitsvc import app_services

    app = make_app(tmp_path)
    yield app
    app_services(app).close()


def _customer() -> dict[str, object]:
    return json.loads((ROOT / "sample_data/measurements/customer_female.json").read_text())


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_options_of_each_block(app: Flask, block: str) -> None:
    r = authed_client(app, "tailor").get(f"/v1/patterns/options/{block}")
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body == json.loads(json.dumps(block_options(block)))  # what the CLI's --json prints
    assert body["block"] == block and next(iter(body["options"])) == "fit"
    assert set(body["options"]) == {"fit", *BLOCKS[block].options}


def test_unknown_block_is_404(app: Flask) -> None:
    r = authed_client(app, "tailor").get("/v1/patterns/options/cape")
    assert r.status_code == 404 and r.mimetype == "application/problem+json"
    assert r.get_json()["code"] == "unknown_block"


def test_options_need_the_tailor_role(app: Flask) -> None:
    assert app.test_client().get("/v1/patterns/options/skirt").status_code == 401
    assert authed_client(app, "storefront").get("/v1/patterns/options/skirt").status_code == 403


def test_openapi_documents_options_and_export_fields(app: Flask) -> None:
    spec = app.test_client().get("/openapi.json").get_json()
    op = spec["paths"]["/v1/patterns/options/{block}"]["get"]
    assert {"200", "404"} <= set(op["responses"])
    [param] = [p for p in op["parameters"] if p["name"] == "block"]
    assert param["schema"]["enum"] == sorted(BLOCKS)
    schemas = spec["components"]["schemas"]
    req = schemas["PatternRequest"]["properties"]
    for name, block in BLOCKS.items():
        assert f"{name}: " in req["options"]["description"]
        assert all(o in req["options"]["description"] for o in block.options)
    assert req["paperless"]["type"] == "boolean"
    assert req["units"]["enum"] == ["metric", "imperial"]
    assert set(schemas["BlockOptions"]["required"]) == {"block", "title", "options"}


@pytest.mark.parametrize("extra", [{"paperless": "yes"}, {"paperless": 1}, {"paperless": None},
                                   {"units": "cubits"}, {"units": 3}, {"units": ""}])
def test_bad_export_fields_are_422(app: Flask, extra: dict[str, object]) -> None:
    r = authed_client(app, "tailor").post("/v1/patterns", json={
        "block": "skirt", "measurements": _customer(), **extra})
    assert r.status_code == 422, r.get_json()
    assert r.mimetype == "application/problem+json"
    assert set(r.get_json()["errors"]["json"]) == set(extra)


def test_paperless_imperial_pattern_files(app: Flask) -> None:
    c = authed_client(app, "tailor")
    r = c.post("/v1/patterns", json={"block": "skirt", "measurements": _customer(),
                                     "paperless": True, "units": "imperial"})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["result"]["export"] == {"paperless": True, "units": "imperial"}
    svg = c.get(f"/v1/patterns/{body['id']}.svg")
    root = ElementTree.fromstring(svg.data)
    texts = root.findall(".//{http://www.w3.org/2000/svg}g[@id='dimensions']/"
                         "{http://www.w3.org/2000/svg}text")
    assert texts and all((t.text or "").rstrip(" ->").endswith('"') for t in texts)
    assert all(parse_length(t.text or "") >= 0 for t in texts)
    assert c.get(f"/v1/patterns/{body['id']}.pdf").data.startswith(b"%PDF")
    plain = c.post("/v1/patterns", json={"block": "skirt", "measurements": _customer()})
    assert plain.get_json()["result"]["export"] == {"paperless": False, "units": "metric"}
    assert b'id="dimensions"' not in c.get(f"/v1/patterns/{plain.get_json()['id']}.svg").data
