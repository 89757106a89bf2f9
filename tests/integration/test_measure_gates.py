"""Quality gates with real MediaPipe on real photos (../shared/photos) and on edited renders."""

from __future__ import annotations

import pytest

from fitsvc.errors import PhotoRejected
from fitsvc.measure.service import _detect
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
        _detect(mediapipe_detector, data, "front", 256)
    code, reason = EXPECTED[name]
    assert err.value.code == code
    assert err.value.details["reason"] == reason
    assert err.value.hint


@pytest.mark.shared_data
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_captures_are_not_accepted_as_side_photos(name, mediapipe_detector):
    data = shared_path("photos", name).read_bytes()
    with pytest.raises(PhotoRejected) as err:
        _detect(mediapipe_detector, data, "side", 256)
    assert err.value.code in {"wrong_view", "pose_not_suitable"}
