"""`fitsvc synth` end to end, and real MediaPipe on the committed synthetic people."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from fitsvc.cli import main as fitsvc_main

pytestmark = pytest.mark.integration

SAMPLE_PEOPLE = Path(__file__).resolve().parents[2] / "sample_data" / "people"
TRUTH_KEYS = {
    "stature", "chest_girth", "waist_girth", "hip_girth", "neck_girth", "thigh_girth",
    "inside_leg", "shoulder_width", "arm_length", "upper_arm_girth", "shoulder_breadth",
    "chest_breadth", "chest_depth", "waist_breadth", "waist_depth", "hip_breadth",
    "hip_depth", "crotch_height",
}


def test_cli_writes_photos_and_truth(tmp_path: Path) -> None:
    out = tmp_path / "people"
    assert fitsvc_main(["synth", "--n", "1", "--seed", "3", "--out", str(out),
                        "--clothing", "tight", "--no-progress"]) == 0
    doc = json.loads((out / "truth.json").read_text())
    assert doc["format"] == "fitsvc-synth/1" and list(doc["people"]) == ["s3-000"]
    person = doc["people"]["s3-000"]
    assert set(person["measurements_cm"]) >= TRUTH_KEYS
    assert person["sex"] == "female" and person["clothing"] == "tight"
    cam = person["scene"]["camera"]
    for view in ("front", "side"):
        img = cv2.imread(str(out / person["files"][view]))
        assert img is not None and img.shape == (cam["height"], cam["width"], 3)
    # the same (seed, index) gives the same person whatever n is
    again = tmp_path / "again"
    assert fitsvc_main(["synth", "--n", "1", "--seed", "3", "--out", str(again),
                        "--clothing", "tight", "--no-progress"]) == 0
    assert (again / "s3-000" / "front.png").read_bytes() == (out / "s3-000" / "front.png").read_bytes()


def test_committed_people_match_their_truth() -> None:
    doc = json.loads((SAMPLE_PEOPLE / "truth.json").read_text())
    sexes = [p["sex"] for p in doc["people"].values()]
    assert sexes.count("female") == 3 and sexes.count("male") == 3
    for person in doc["people"].values():
        for view in ("front", "side"):
            path = SAMPLE_PEOPLE / person["files"][view]
            assert path.stat().st_size < 200_000


@pytest.mark.parametrize("pid", ["s7-000", "s7-003"])
def test_mediapipe_finds_all_landmarks_on_committed_people(pid: str) -> None:
    import mediapipe as mp

    doc = json.loads((SAMPLE_PEOPLE / "truth.json").read_text())
    person = doc["people"][pid]
    cam = person["scene"]["camera"]
    with mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1,
                                enable_segmentation=True) as pose:
        for view in ("front", "side"):
            bgr = cv2.imread(str(SAMPLE_PEOPLE / person["files"][view]))
            res = pose.process(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
            assert res.pose_landmarks is not None, f"{pid} {view}: no person"
            lm = res.pose_landmarks.landmark
            xy = np.array([[p.x, p.y] for p in lm])
            assert len(lm) == 33 and ((xy >= 0) & (xy <= 1)).all()
            if view == "front":
                assert min(p.visibility for p in lm) > 0.5
            # head above heels by about the stature seen through the camera
            span_px = (xy[29:31, 1].mean() - xy[0, 1]) * cam["height"]
            dist = -cam["position_m"][1]
            expected = cam["fy"] * person["stature_cm"] / 100 / dist
            assert 0.75 * expected < span_px < 1.05 * expected
