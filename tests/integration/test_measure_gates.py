"""Quality gates with real MediaPipe on real photos (../shared/photos) and on edited renders."""

from __future__ import annotations

import pytest

from fitsvc.errors import PhotoRejected
from fitsvc.measure.service import detect_view
from tests.conftest import shared_path

pytestmark = pytest.mark.integration

# Each shared photo is an invalid capture; the front-photo gate must say why.
EXPECTED = {
    "tfex_pixabay_businessman_standing.jpg": ("wrong_view", "not_frontal"),
    "tfex_pixabay_yoga_tree_pose.jpg": ("pose_not_suitable", "one_leg"),
    "mpsamples_pose_test_sitting.jpg": ("pose_not_suitable", "not_standing"),
}


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_real_captures_are_rejected_with_a_fitting_reason(name, mediapipe_detector):
    data = shared_path("photos", name).read_bytes()
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector, data, "front", 256)
    code, reason = EXPECTED[name]
    assert err.value.code == code
    assert err.value.details["reason"] == reason
    assert err.value.hint


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_captures_are_not_accepted_as_side_photos(name, mediapipe_detector):
    data = shared_path("photos", name).read_bytes()
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector, data, "side", 256)
    assert err.value.code in {"wrong_view", "pose_not_suitable"}


# Full-body standing captures a tailor would measure (../shared/photos/SOURCES.md): A-pose,
# arms relaxed at the sides, arms held out, a T-pose whose hair touches the top edge, a
# 266 px wide low-resolution crop, cluttered offices.
ACCEPTABLE = (
    "yogait_codait_man_front_apose_portrait_a.jpg",
    "yogait_codait_man_front_apose_lowres.jpg",
    "yogait_codait_man_front_armsdown_landscape_office.jpg",
    "yogait_codait_man_front_armsout_landscape_office.jpg",
    "yogait_codait_man_front_tpose_crop.jpg",
)


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ACCEPTABLE)
def test_real_standing_captures_pass_the_front_gates(name, mediapipe_detector):
    pose, mask, _, _ = detect_view(mediapipe_detector, shared_path("photos", name).read_bytes(), "front", 256)
    assert mask.sum() > 0.05 * mask.size and pose.points.shape == (33, 4)


@pytest.mark.shared_data
def test_a_head_top_cut_by_centimetres_is_refused_a_touching_one_is_not(mediapipe_detector):
    """portrait_b: the ears put the head top ~3 cm above the frame; the T-pose crop's hair
    only touches it."""
    with pytest.raises(PhotoRejected) as err:
        detect_view(mediapipe_detector,
                shared_path("photos", "yogait_codait_man_front_apose_portrait_b.jpg").read_bytes(),
                "front", 256)
    assert (err.value.code, err.value.details["reason"]) == ("body_cut_off", "head")
    _, _, warnings, _ = detect_view(
        mediapipe_detector,
        shared_path("photos", "yogait_codait_man_front_tpose_crop.jpg").read_bytes(), "front", 256)
    assert "front_head_top_at_edge" in warnings
