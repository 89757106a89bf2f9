"""`fitsvc measure` as a user runs it (subprocess, real MediaPipe)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLE_PEOPLE

pytestmark = [pytest.mark.integration, pytest.mark.slow]

TRUTH = json.loads((SAMPLE_PEOPLE / "truth.json").read_text())["people"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fitsvc.cli", "measure", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)


def test_measure_json_and_overlay(tmp_path):
    pid = sorted(TRUTH)[0]
    out = tmp_path / "overlay.png"
    r = _run("--front", str(SAMPLE_PEOPLE / pid / "front.png"),
             "--side", str(SAMPLE_PEOPLE / pid / "side.png"),
             "--height-cm", str(TRUTH[pid]["stature_cm"]), "--json", "--overlay", str(out))
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    assert set(body) >= {"measurements", "warnings"}
    chest = body["measurements"]["chest_girth"]
    assert set(chest) == {"value_cm", "low_cm", "high_cm"}
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_rejected_photo_exits_2_with_error_json(tmp_path):
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a photo")
    r = _run("--front", str(bad), "--height-cm", "170", "--json")
    assert r.returncode == 2
    assert json.loads(r.stdout)["error"]["code"] == "unsupported_format"


def test_measure_silhouettes_prints_the_same_json_shape(tmp_path):
    import json as _json

    captures = ROOT / "sample_data" / "captures"
    person = _json.loads((captures / "people.jsonl").read_text().splitlines()[0])
    pid = person["id"]
    r = _run("--front-mask", str(captures / pid / "front_mask.png"),
             "--side-mask", str(captures / pid / "side_mask.png"),
             "--height-cm", str(person["stature_cm"]), "--clothing", "regular", "--json")
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    assert body["feature_set"] == "front_side"
    assert "no_camera_pitch_assumed_level" in body["warnings"]
    assert set(body["measurements"]["hip_girth"]) == {"value_cm", "low_cm", "high_cm"}


def test_photo_and_mask_together_is_a_usage_error():
    pid = sorted(TRUTH)[0]
    r = _run("--front", str(SAMPLE_PEOPLE / pid / "front.png"), "--front-mask",
             str(SAMPLE_PEOPLE / pid / "front.png"), "--height-cm", "170", "--json")
    assert r.returncode == 2
    assert json.loads(r.stdout)["error"]["code"] == "invalid_arguments"
