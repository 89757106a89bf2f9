"""Real MediaPipe on generated people (sample_data/people): readings, gates built from edits."""

from __future__ import annotations

import io
import json

import cv2
import numpy as np
import pytest
from PIL import Image

from fitsvc.errors import PhotoRejected
from fitsvc.measure.service import detect_view
from fitsvc.measure.views import ViewInput, extract
from tests.conftest import SAMPLE_PEOPLE

pytestmark = pytest.mark.integration

TRUTH = json.loads((SAMPLE_PEOPLE / "truth.json").read_text())["people"]
IDS = sorted(TRUTH)


def _bytes(pid: str, view: str) -> bytes:
    return (SAMPLE_PEOPLE / pid / f"{view}.png").read_bytes()


def _rgb(pid: str, view: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(_bytes(pid, view))).convert("RGB"))


def _png(rgb: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("pid", IDS)
def test_generated_people_pass_the_gates_and_read_close_to_truth(pid, mediapipe_detector):
    truth = TRUTH[pid]
    fp, fm, _, _ = detect_view(mediapipe_detector, _bytes(pid, "front"), "front", 256)
    sp, sm, _, _ = detect_view(mediapipe_detector, _bytes(pid, "side"), "side", 256)
    ex = extract(ViewInput(fm, fp.points), ViewInput(sm, sp.points), truth["stature_cm"])
    r, m = ex.readings, truth["measurements_cm"]
    # arms stand clear in these A-pose renders: the narrowest torso width and the side depth
    # there are the waist's caliper breadth and depth
    assert r["arms_apart"] > 0.8
    assert r["waist_w"] == pytest.approx(m["waist_breadth"], abs=2.0)
    assert r["waist_d"] == pytest.approx(m["waist_depth"], abs=2.5)
    assert r["crotch_h"] * truth["stature_cm"] == pytest.approx(m["crotch_height"], abs=3.5)
    assert abs(ex.pitch_deg) < 8  # a tripod camera at waist height, aimed at the body


def test_side_photo_as_front_is_wrong_view(mediapipe_detector):
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector, _bytes(IDS[0], "side"), "front", 256)
    assert err.value.code == "wrong_view"


def test_front_photo_as_side_is_wrong_view(mediapipe_detector):
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector, _bytes(IDS[0], "front"), "side", 256)
    assert err.value.code == "wrong_view"


@pytest.mark.parametrize(("crop", "reason"), [("top", "head"), ("bottom", "feet")])
def test_cut_off_body(mediapipe_detector, crop, reason):
    rgb = _rgb(IDS[1], "front")
    rows = np.flatnonzero((np.abs(rgb.astype(int) - rgb[5, 5].astype(int)).sum(axis=2) > 60).any(1))
    h = rgb.shape[0]
    cut = rgb[rows[0] + 40 :] if crop == "top" else rgb[: int(rows[0] + 0.8 * (h - rows[0]) * 0.9)]
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector, _png(np.ascontiguousarray(cut)), "front", 256)
    assert err.value.code == "body_cut_off"
    assert err.value.details["reason"] == reason


def test_two_people_side_by_side(mediapipe_detector):
    a, b = _rgb(IDS[0], "front"), _rgb(IDS[1], "front")
    both = np.concatenate([a[:, 90:-90], b[:, 90:-90]], axis=1)
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector, _png(both), "front", 256)
    assert err.value.code == "multiple_people"


def test_exif_orientation_is_honoured(mediapipe_detector):
    """A portrait photo stored sideways with EXIF orientation 6 measures like the upright one."""
    rgb = _rgb(IDS[2], "front")
    sideways = Image.fromarray(np.ascontiguousarray(np.rot90(rgb, k=1)))  # stored rotated
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° CW to display
    buf = io.BytesIO()
    sideways.save(buf, "JPEG", quality=95, exif=exif.tobytes())
    _, mask, _, _ = detect_view(mediapipe_detector, buf.getvalue(), "front", 256)
    assert mask.shape == rgb.shape[:2]


def test_blurred_photo_is_rejected(mediapipe_detector):
    rgb = cv2.GaussianBlur(_rgb(IDS[3], "front"), (0, 0), 6)
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector, _png(rgb), "front", 256)
    assert err.value.code == "too_dark_or_blurred"


def test_dark_photo_is_rejected(mediapipe_detector):
    rgb = (_rgb(IDS[0], "front") * 0.12).astype(np.uint8)
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector, _png(rgb), "front", 256)
    assert err.value.code == "too_dark_or_blurred"
