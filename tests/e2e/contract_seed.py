"""The app the OpenAPI contract test fuzzes: no rate limits, no pose model, and one real
resource of each kind (items, a silhouette scan with its overlay, a pattern, a marker job, a
trained fit model, a spare key) so that some fuzzed requests reach the success responses."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.auth_helpers import client_with, make_key
from tests.e2e.conftest_fit import BODY, SAMPLE_CATALOG

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = ROOT / "sample_data" / "captures"
CUSTOMER = "c-contract"
ITEM = "dress-wrap-01"


class NoPersonDetector:
    """Finds nobody: a fuzzed photo that decodes is rejected (422) without loading MediaPipe."""

    def detect(self, image_rgb: Any) -> None:
        return None


@dataclass
class ContractApp:
    app: Flask
    tmp: Path
    admin_key: str = ""
    customer_token: str = ""
    ids: dict[str, Any] = field(default_factory=dict)
    # valid request bodies per operation, blended into fuzzed ones to get past validation
    bodies: dict[str, list[Any]] = field(default_factory=dict)

    def client(self, credential: str) -> FlaskClient:
        return client_with(self.app, credential)

    def path_parameters(self, path: str) -> dict[str, Any]:
        """Real values for the path parameters of an OpenAPI path (empty when not all known)."""
        names = re.findall(r"{(\w+)}", path)
        real = {n: self.ids[_id_key(path, n)] for n in names if _id_key(path, n) in self.ids}
        return real if real and set(real) | {"fmt"} >= set(names) else {}

    def customer_may(self, method: str, path: str) -> bool:
        """Whether the operation's view allows customer tokens (``@allow("customer", …)``)."""
        from fitsvc.api.access import ROLES_ATTR

        for rule in self.app.url_map.iter_rules():
            if re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule) != path:
                continue
            view = self.app.view_functions[rule.endpoint]
            cls = getattr(view, "view_class", None)
            view = getattr(cls, method.lower(), None) if cls is not None else view
            return "customer" in getattr(view, ROLES_ATTR, frozenset())
        return False

    def close(self) -> None:
        from fitsvc import app_services

        app_services(self.app).close()


def _id_key(path: str, name: str) -> str:
    """`job_id` means a marker under /v1/markers and a retrain job under /v1/fit/jobs."""
    if name == "job_id":
        return "marker_id" if path.startswith("/v1/markers") else "retrain_job_id"
    return name


def make_contract_app(tmp_path: Path) -> Flask:
    from fitsvc import create_app

    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite3'}",
                       "DETECTOR": NoPersonDetector(), "RATE_LIMIT": "", "RATE_LIMIT_SCANS": "",
                       "JOB_WORKERS": 1, "SECRET_KEY": "contract-test-secret",
                       "SECRET_KEY_FILE": str(tmp_path / "secret")})


def _ok(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.get_json()
    return resp.get_json()


def seed(app: Flask) -> ContractApp:
    from fitsvc import app_services

    out = ContractApp(app=app, tmp=Path(app.config["DATABASE_URL"].removeprefix("sqlite:///")).parent)
    out.admin_key = make_key(app)
    c = out.client(out.admin_key)
    jobs = app_services(app).jobs
    _ok(c.post("/v1/items/import", data=(SAMPLE_CATALOG / "items.json").read_bytes(),
               content_type="application/json"), 201)
    person = sorted(p.name for p in CAPTURES.iterdir() if p.is_dir())[2]
    stature = {p["id"]: p for p in map(json.loads, (CAPTURES / "people.jsonl").read_text()
                                       .splitlines())}[person]["stature_cm"]
    masks = {f"{view}_mask": (io.BytesIO((CAPTURES / person / f"{view}_mask.png").read_bytes()),
                              f"{view}_mask.png") for view in ("front", "side")}
    scan = _ok(c.post("/v1/scans", data={"height_cm": str(stature), "customer_id": CUSTOMER,
                                         **masks}, content_type="multipart/form-data"), 201)
    for k in range(3):
        _ok(c.post("/v1/feedback", json={"customer_id": f"c{k}", "item_id": ITEM, "size": "M",
                                         "outcome": "small", "measurements": BODY}), 201)
    retrain = _ok(c.post("/v1/fit/models/retrain"), 202)["job_id"]
    assert jobs.wait(retrain, 60)["status"] == "succeeded"  # type: ignore[attr-defined]
    pattern = _ok(c.post("/v1/patterns", json={"block": "skirt", "scan_id": scan["id"]}), 201)
    marker = _ok(c.post("/v1/markers", json={"block": "skirt", "ratio": "S:1", "width_cm": 150,
                                             "seconds": 1, "size_chart": "womens_eu"}), 202)
    jobs.wait(marker["id"], 60)  # type: ignore[attr-defined]
    spare = _ok(c.post("/v1/keys", json={"role": "tailor", "label": "spare"}), 201)
    out.customer_token = _ok(c.post("/v1/customer-tokens", json={"customer_id": CUSTOMER}),
                             201)["token"]
    out.ids = {"scan_id": scan["id"], "item_id": ITEM, "pattern_id": pattern["id"],
               "marker_id": marker["id"], "retrain_job_id": retrain, "version": 1,
               "key_id": spare["id"], "customer_id": CUSTOMER}
    out.bodies = _bodies(scan["id"], person)
    return out


def _bodies(scan_id: str, person: str) -> dict[str, list[Any]]:
    items = json.loads((SAMPLE_CATALOG / "items.json").read_text())["items"]
    files = {name: (CAPTURES / person / name).read_bytes()
             for name in ("front.jpg", "front_mask.png", "side_mask.png")}
    marker = {"block": "skirt", "ratio": "S:1", "width_cm": 150, "seconds": 1,
              "size_chart": "womens_eu"}
    return {
        "POST /v1/fit": [{"item_ids": [ITEM, items[1]["id"], "no-such-item"],
                          "measurements": BODY, "scan_id": scan_id, "customer_id": CUSTOMER}],
        "POST /v1/feedback": [{"customer_id": CUSTOMER, "item_id": ITEM, "size": "M",
                               "outcome": "fit", "measurements": BODY, "scan_id": scan_id,
                               "regions": {"waist": "tight"},
                               "tailor_corrections": {"waist_girth": 75.0}}],
        "POST /v1/patterns": [{"block": "skirt", "scan_id": scan_id, "formats": ["svg"]},
                              {"block": "trousers", "size_run": ["S", "M"],
                               "chart": "womens_eu"}],
        "POST /v1/markers": [marker, {**marker, "block": "trousers", "ratio": {"M": 1}}],
        "POST /v1/items": items[:3],
        "PUT /v1/items/{item_id}": items[:3],
        "POST /v1/items/import": [{"items": items[:2]},
                                  (SAMPLE_CATALOG / "items.csv").read_text()],
        "POST /v1/scans": [{"height_cm": 170.0, "front_mask": files["front_mask.png"],
                            "side_mask": files["side_mask.png"]},
                           {"height_cm": 170.0, "front": files["front.jpg"]}],
        "POST /v1/scans/check": [{"frame": files["front.jpg"], "view": "side"}],
    }
