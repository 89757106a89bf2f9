# mypy: disable-error-code="index"
"""A generated corpus of hostile files against POST /v1/scans and POST /v1/items/import.

Each file is built here (Pillow, zlib, struct; nothing binary is committed) and posted on
its own; the answer must be a 4xx problem+json whose ``code`` is the expected one and is
documented in docs/errors.md (parsed). Files that are legitimate images of another kind
(CMYK, 16-bit, palette, a PNG named .jpg, HEIC, MPO, ...) must be read and converted: they
are plain grey, so they reach the exposure gate (``too_dark_or_blurred``) without costing a
MediaPipe run; one noisy photo goes through MediaPipe. Afterwards the service still answers
/healthz, imports a catalog and measures a silhouette scan. tests/e2e/test_scans_bad_input.py
has the first basic cases (empty, 1×1, a 20000² PNG header, ...); they are not repeated.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.auth_helpers import authed_client
from tests.conftest import ROOT
from tests.e2e.hostile_corpus import CATALOGS, MASKS, PHOTOS, documented_codes

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
              pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")]

CAPTURES = ROOT / "sample_data" / "captures"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, mediapipe_detector: Any) -> Iterator[Flask]:
    from fitsvc import app_services, create_app

    tmp: Path = tmp_path_factory.mktemp("hostile")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp / 'test.sqlite3'}",
                      "DETECTOR": mediapipe_detector, "RATE_LIMIT": "", "RATE_LIMIT_SCANS": ""})
    yield app
    app_services(app).jobs.shutdown()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return authed_client(app)


def _check(r: Any, code: str, status: int | None = None) -> None:
    body = r.get_json()
    assert 400 <= r.status_code < 500, (r.status_code, body)
    assert r.mimetype == "application/problem+json"
    assert body["code"] == code, body
    assert status is None or r.status_code == status, (r.status_code, body)
    assert body["hint"], body
    documented = documented_codes()
    assert body["code"] in documented, f"{body['code']} is not in docs/errors.md"
    for row in body.get("details", {}).get("errors", []):
        assert row["code"] in documented, f"row code {row['code']} is not in docs/errors.md"


def _scan(client: FlaskClient, field: str, data: bytes) -> Any:
    """Every file is sent as `front.jpg`, image/jpeg: the bytes decide, not the label."""
    form = {"height_cm": "170", field: (io.BytesIO(data), "front.jpg", "image/jpeg")}
    return client.post("/v1/scans", data=form, content_type="multipart/form-data")


@pytest.mark.parametrize(("make", "code"), [v for _, v in PHOTOS], ids=[k for k, _ in PHOTOS])
def test_hostile_photo(client: FlaskClient, make: Callable[[], bytes], code: str) -> None:
    _check(_scan(client, "front", make()), code)


@pytest.mark.parametrize(("make", "code"), [v for _, v in MASKS], ids=[k for k, _ in MASKS])
def test_hostile_mask(client: FlaskClient, make: Callable[[], bytes], code: str) -> None:
    _check(_scan(client, "front_mask", make()), code)


@pytest.mark.parametrize(("make", "how", "code", "status"), [v for _, v in CATALOGS],
                         ids=[k for k, _ in CATALOGS])
def test_hostile_catalog(client: FlaskClient, make: Callable[[], bytes], how: str, code: str,
                         status: int) -> None:
    data = make()
    if how == "multipart":
        r = client.post("/v1/items/import?format=csv", content_type="multipart/form-data",
                        data={"file": (io.BytesIO(data), "items.csv", "text/csv")})
    else:
        fmt, ctype = how.split(":")
        r = client.post(f"/v1/items/import?format={fmt}", data=data, content_type=ctype)
    _check(r, code, status)


DEEP = b'{"measurements": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
LONG_NUMBER = b'{"height_cm": ' + b"1" * 5000 + b', "measurements": {"chest_girth": 1}}'


@pytest.mark.parametrize("path", ["/v1/fit", "/v1/feedback", "/v1/estimates", "/v1/items"])
@pytest.mark.parametrize("body", [DEEP, LONG_NUMBER], ids=["nested-50000", "5000-digits"])
def test_json_bodies_that_crash_python_json_are_a_400(client: FlaskClient, path: str,
                                                      body: bytes) -> None:
    """RecursionError and the int-digits ValueError escape Flask's and webargs' JSON
    handling: without the guard these were 500s on every JSON endpoint."""
    _check(client.post(path, data=body, content_type="application/json"), "invalid_json", 400)


def test_the_corpus_is_large_enough() -> None:
    assert len(PHOTOS) + len(MASKS) + len(CATALOGS) >= 30


def test_the_service_still_works_afterwards(client: FlaskClient) -> None:
    assert client.get("/healthz").status_code == 200
    items = (ROOT / "sample_data" / "catalog" / "items.csv").read_bytes()
    r = client.post("/v1/items/import?format=csv", data=items, content_type="text/csv")
    assert r.status_code == 201, r.get_json()
    person = json.loads((CAPTURES / "people.jsonl").read_text().splitlines()[0])
    mask = (CAPTURES / person["id"] / "front_mask.png").read_bytes()
    form = {"height_cm": str(person["stature_cm"]), "front_mask": (io.BytesIO(mask), "f.png")}
    r = client.post("/v1/scans", data=form, content_type="multipart/form-data")
    assert r.status_code == 201, r.get_json()
