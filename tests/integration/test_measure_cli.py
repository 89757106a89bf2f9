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
