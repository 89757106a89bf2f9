"""Silhouette scans: decoding the app's PNG masks and the gates a mask must pass."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from fitsvc.errors import PhotoRejected
from fitsvc.measure.silhouette_scan import MIN_BODY_PX, check_mask, decode_mask
from tests.unit.test_measure_silhouette_frame import stick_front, stick_side

BODY_PX = 1000  # stick people: head top at row 100, floor at row 1099, centre column 400
TOP, FLOOR, CX = 100, 1099, 400


def png(array: np.ndarray, mode: str | None = None) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array, mode).save(buf, format="PNG")
    return buf.getvalue()


def rejection(mask: np.ndarray, view: str) -> PhotoRejected:
    with pytest.raises(PhotoRejected) as err:
        check_mask(mask, view)
    assert err.value.details["view"] == view
    return err.value


def raised_arms(kind: str) -> np.ndarray:
    """A front stick person with arms above the head: ``joined`` (hands meet over the head),
    ``up`` (straight up beside the head) or ``wide`` (a Y)."""
    m = stick_front(arms="none").astype(np.uint8)

    def xy(fx: float, h: float) -> tuple[int, int]:
        return round(CX + fx * BODY_PX), round(FLOOR - h * (BODY_PX - 1))

    for s in (-1, 1):
        if kind == "joined":
            cv2.line(m, xy(s * 0.12, 0.82), xy(s * 0.16, 1.0), (1,), 30)
            cv2.line(m, xy(s * 0.16, 1.0), xy(0.0, 1.06), (1,), 30)
        elif kind == "up":
            cv2.line(m, xy(s * 0.12, 0.82), xy(s * 0.14, 1.07), (1,), 30)
        else:
            cv2.line(m, xy(s * 0.12, 0.82), xy(s * 0.30, 1.05), (1,), 30)
    return m.astype(bool)


# --- decode_mask ---------------------------------------------------------------------------


def test_a_grayscale_png_decodes_to_its_bright_pixels() -> None:
    mask = stick_front()
    gray = (mask * 200).astype(np.uint8)  # not pure white: anything above 127 is the person
    gray[0, 0] = 120  # dim noise is background
    out = decode_mask(png(gray), "front")
    assert out.dtype == bool and out.shape == mask.shape
    np.testing.assert_array_equal(out, mask)


def test_a_cut_out_rgba_png_uses_its_alpha_as_the_mask() -> None:
    mask = stick_side()
    rgba = np.zeros((*mask.shape, 4), np.uint8)
    rgba[..., :3] = 255  # white everywhere: only the alpha tells the person
    rgba[..., 3] = mask * 255
    np.testing.assert_array_equal(decode_mask(png(rgba, "RGBA"), "side"), mask)
    rgba[..., :3] = (mask * 255)[..., None]  # opaque everywhere: the brightness is the mask
    rgba[..., 3] = 255
    np.testing.assert_array_equal(decode_mask(png(rgba, "RGBA"), "side"), mask)


def test_a_jpeg_is_refused_as_unsupported() -> None:
    buf = io.BytesIO()
    Image.fromarray((stick_front() * 255).astype(np.uint8)).save(buf, format="JPEG")
    with pytest.raises(PhotoRejected) as err:
        decode_mask(buf.getvalue(), "front")
    assert err.value.code == "unsupported_format"
    assert "JPEG" in err.value.message
    assert err.value.details == {"view": "front", "reason": "format"}


@pytest.mark.parametrize("data", [b"", b"not an image at all", png(np.zeros((8, 8), np.uint8))[:40]])
def test_garbage_is_refused_as_unsupported(data: bytes) -> None:
    with pytest.raises(PhotoRejected) as err:
        decode_mask(data, "side")
    assert err.value.code == "unsupported_format"
    assert err.value.details["view"] == "side"


def test_a_mask_with_too_many_pixels_is_refused_before_decoding() -> None:
    with pytest.raises(PhotoRejected) as err:
        decode_mask(png(np.zeros((100, 100), np.uint8)), "front", max_pixels=9_999)
    assert err.value.code == "image_too_large"


# --- check_mask ----------------------------------------------------------------------------


def test_a_front_and_a_profile_stick_person_pass_in_their_views() -> None:
    check_mask(stick_front(), "front")
    check_mask(stick_front(arms="touching"), "front")
    check_mask(stick_side(), "side")
    check_mask(stick_side(facing=-1), "side")


def test_an_empty_mask_or_specks_is_no_person() -> None:
    assert rejection(np.zeros((1200, 800), bool), "front").code == "no_person"
    specks = np.zeros((1200, 800), bool)
    specks[100:120, 100:120] = specks[600:630, 500:520] = True
    err = rejection(specks, "front")
    assert err.code == "no_person" and err.details["reason"] == "empty"


def test_two_stick_people_are_multiple_people() -> None:
    two = np.hstack([stick_front(), stick_side()])
    err = rejection(two, "front")
    assert err.code == "multiple_people" and err.details["reason"] == "second_person"
    # a small blob (under a quarter of the person) is not a person
    one = np.hstack([stick_front(), np.zeros_like(stick_front())])
    one[300:400, 1000:1100] = True
    check_mask(one, "front")


def test_a_person_under_200_px_is_too_small() -> None:
    small = (
        cv2.resize(stick_front().astype(np.uint8), None, fx=0.17, fy=0.17, interpolation=cv2.INTER_NEAREST)
        > 0
    )
    rows = np.flatnonzero(small.any(axis=1))
    assert rows[-1] - rows[0] + 1 < MIN_BODY_PX
    assert rejection(small, "front").code == "image_too_small"


def test_a_head_running_along_the_top_edge_is_cut_off() -> None:
    cut = stick_front()[TOP + 30 :]  # the top 3 % of the head outside the frame
    assert cut[0].sum() > 60
    err = rejection(cut, "front")
    assert err.code == "body_cut_off" and err.details["reason"] == "head"


@pytest.mark.parametrize("crop", [0, 2])
def test_a_head_that_only_touches_the_top_edge_is_measured(crop: int) -> None:
    touching = stick_front()[TOP + crop :]
    assert 0 < touching[0].sum() < 30
    check_mask(touching, "front")


def test_feet_running_along_the_bottom_edge_are_cut_off() -> None:
    err = rejection(stick_front()[: FLOOR - 20], "front")
    assert err.code == "body_cut_off" and err.details["reason"] == "feet"
    check_mask(stick_front()[: FLOOR + 2], "front")  # one row of floor below the soles


def test_a_front_view_passed_as_the_side_is_the_wrong_view() -> None:
    # the documented rule: two legs apart and shoulders wider than 0.25 of the height
    err = rejection(stick_front(), "side")
    assert err.code == "wrong_view" and err.details["reason"] == "not_profile"


def test_narrow_front_shoulders_are_not_taken_for_a_front_view_as_side() -> None:
    narrow = stick_front(arms="none", shoulder_half=0.11)  # 0.22 of the height: under 0.25
    check_mask(narrow, "side")


def test_a_profile_passed_as_the_front_is_the_wrong_view() -> None:
    err = rejection(stick_side(), "front")
    assert err.code == "wrong_view" and err.details["reason"] == "profile_as_front"


def test_hands_joined_over_the_head_are_arms_raised() -> None:
    for view in ("front", "side"):
        err = rejection(raised_arms("joined"), view)
        assert err.code == "pose_not_suitable" and err.details["reason"] == "arms_raised"


@pytest.mark.parametrize("kind", ["up", "wide"])
def test_arms_raised_above_the_head_are_refused(kind: str) -> None:
    err = rejection(raised_arms(kind), "front")
    assert err.code == "pose_not_suitable"


@pytest.mark.parametrize(("brightness", "words"), [(30.0, "too dim"), (128.0, "plain background")])
def test_a_missed_person_is_blamed_on_the_light_only_in_a_dim_photo(brightness, words) -> None:
    from fitsvc.measure import quality

    with pytest.raises(PhotoRejected) as err:
        quality.check_person(None, None, "side", brightness)
    assert err.value.code == "no_person" and words in (err.value.hint or "")
    assert err.value.details == {"view": "side", "reason": "not_detected"}
