"""Photo intake helpers: orientation on the array, 16-bit grey, header gates, draft decoding."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageOps

from fitsvc.errors import PhotoRejected
from fitsvc.measure import images
from tests.e2e.hostile_corpus import jpeg, save, scan_bomb


@pytest.mark.parametrize("orient", range(1, 9))
def test_orientation_on_the_array_matches_pillow(orient: int) -> None:
    rgb = np.random.default_rng(orient).integers(0, 256, (30, 50, 3), np.uint8)
    exif = Image.Exif()
    exif[0x0112] = orient
    data = save(Image.fromarray(rgb), "PNG", exif=exif.tobytes())
    expected = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB"))
    got = images.upright(rgb, images.orientation(Image.open(io.BytesIO(data)).getexif()))
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("value", [0, 9, 65535, "six", (6, 6)])
def test_an_orientation_out_of_range_is_ignored(value: object) -> None:
    exif = Image.Exif()
    exif[0x0112] = value
    assert images.orientation(exif) == 1


def test_16_bit_grey_is_scaled_not_clipped() -> None:
    ramp = np.linspace(0, 65535, 300 * 400).reshape(400, 300).astype(np.uint16)
    photo = images.decode_photo(save(Image.fromarray(ramp), "PNG"), view="front")
    assert photo.rgb.dtype == np.uint8 and 120 < photo.rgb.mean() < 135  # clipped: ~254
    np.testing.assert_array_equal(photo.rgb[..., 0], (ramp >> 8).astype(np.uint8))


@pytest.mark.parametrize(("data", "code"), [
    (jpeg(300, 1300), "image_too_narrow"),
    (scan_bomb(), "image_too_complex"),
    (jpeg(300, 400), None),
])
def test_header_gates(data: bytes, code: str | None) -> None:
    img = images.open_image(data, images.PHOTO_FORMATS)
    problem = images.header_problem(img, data, min_side=256, max_pixels=40_000_000)
    assert (problem and problem[0]) == code


def test_a_large_jpeg_is_decoded_reduced_to_the_working_size() -> None:
    data = jpeg(4032, 3024)  # 12 MP, as a phone takes it
    img = images.open_image(data, images.PHOTO_FORMATS)
    images._draft(img)
    assert img.size == (2016, 1512)  # decoded at 1/2: never below 1600 px
    photo = images.decode_photo(data, view="front")
    assert photo.rgb.shape == (1200, 1600, 3)


def test_svg_and_text_are_never_handed_to_a_parser() -> None:
    for data in (b"<svg xmlns='http://www.w3.org/2000/svg'/>", b"hello"):
        with pytest.raises(PhotoRejected) as err:
            images.decode_photo(data, view="front")
        assert err.value.code == "unsupported_format"
