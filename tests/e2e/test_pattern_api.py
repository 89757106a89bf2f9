"""POST /v1/patterns and file downloads through the Flask test client."""

from __future__ import annotations

import io
import json
from pathlib import Path

import ezdxf
import pytest

from tests.auth_helpers import authed_client

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def client(tmp_path: Path):
    from fitsvc.app import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/t.db"})
    return authed_client(app)


def _customer() -> dict[str, object]:
    return json.loads((ROOT / "sample_data/measurements/customer_female.json").read_text())


def test_mtm_pattern_created_and_downloaded(client) -> None:
    r = client.post("/v1/patterns", json={"block": "bodice", "measurements": _customer()})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["result"]["nearest_size"] == "M"
    assert "back_waist_length" in body["result"]["derived"]
    svg = client.get(f"/v1/patterns/{body['id']}.svg")
    assert svg.status_code == 200 and svg.data.startswith(b"<?xml")
    dxf = client.get(f"/v1/patterns/{body['id']}.dxf")
    doc = ezdxf.read(io.StringIO(dxf.data.decode("ascii")))
    assert any(e.dxf.layer == "14" for b in doc.blocks for e in b)
    assert client.get(f"/v1/patterns/{body['id']}.rul").status_code == 409


def test_graded_run_has_rul(client) -> None:
    r = client.post("/v1/patterns", json={"block": "skirt", "size_run": ["S", "M", "L"],
                                         "chart": "womens_eu"})
    assert r.status_code == 201
    pid = r.get_json()["id"]
    rul = client.get(f"/v1/patterns/{pid}.rul")
    assert rul.status_code == 200 and b"SIZE LIST: S M L" in rul.data
    assert client.get(f"/v1/patterns/{pid}.pdf").data.startswith(b"%PDF")


@pytest.mark.parametrize("payload,code", [
    ({"block": "cape", "measurements": {"sex": "female", "stature": 166}}, "unknown_block"),
    ({"block": "bodice", "measurements": {"sex": "female", "stature": 166,
                                          "chest_girth": 9}}, "implausible_measurement"),
    ({"block": "bodice", "measurements": {"sex": "female"}}, "missing_measurement"),
    ({"block": "bodice", "measurements": {**_customer(), "x": 1}, "options": {"chest_ease": 9}},
     "bad_option"),
])
def test_bad_input_is_problem_json(client, payload, code) -> None:
    r = client.post("/v1/patterns", json=payload)
    assert 400 <= r.status_code < 500
    assert r.mimetype == "application/problem+json"
    assert r.get_json()["code"] == code


def test_unknown_pattern_404(client) -> None:
    assert client.get("/v1/patterns/nope.svg").status_code == 404


@pytest.mark.parametrize("chart", [
    str(ROOT / "pyproject.toml"),  # a server file that is not JSON
    str(ROOT / "sample_data" / "size_charts" / "womens_eu.json"),  # a JSON file by its path
    "../size_charts/womens_eu",  # a relative path out of the charts folder
    "/etc/passwd",
    ["womens_eu"],  # not a name, not a chart
    42,
])
def test_a_size_chart_given_as_a_path_is_never_read_from_the_server(client, chart) -> None:
    r = client.post("/v1/patterns", json={"block": "skirt", "size_run": ["S", "M"], "chart": chart})
    assert r.status_code == 422
    body = r.get_json()
    assert body["code"] == "unknown_chart" and "womens_eu" in body["hint"]


@pytest.mark.parametrize("options", [{"cuff": "none"}, {"sleeve_length": "short"}])
def test_a_shirt_without_cuffs_is_drafted_and_checked(client, options) -> None:
    """Seam checks skip the pairs of pieces a style leaves out (no cuff piece, no cuff seam)."""
    r = client.post("/v1/patterns", json={"block": "shirt", "measurements": _customer(),
                                          "options": options})
    assert r.status_code == 201, r.json
    seams = r.json["result"]["seams"]
    assert seams and all("cuff" not in s["a"] + s["b"] for s in seams)
    assert all(abs(s["diff_mm"]) < 1.0 for s in seams)
    assert "cuff" not in {p["name"] for p in r.json["result"]["pieces"]}
