"""Room backgrounds and phone-camera finishing: sizes, determinism, brightness, clutter, keep-out."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from fitsvc.synth.camera import PinholeCamera, look_rotation
from fitsvc.synth.photo_fx import finish_photo
from fitsvc.synth.render import Backdrop, RoomBackdrop, render_backdrop, render_plain_backdrop
from fitsvc.synth.rooms import BACKGROUNDS, _cast, render_room, sample_backdrop, sample_lighting


def _camera(width: int = 360, height: int = 640, dist: float = 3.0, cam_h: float = 1.2) -> PinholeCamera:
    """A phone ``dist`` m in front of the person, aimed level, a 1.9 m body spans ~85 % of the height."""
    R = look_rotation(np.array([0.0, 1.0, 0.0]))
    t = -R @ np.array([0.0, -dist, cam_h])
    f = 0.85 * height * dist / 1.9
    return PinholeCamera(width, height, f, width / 2, height / 2, R, t)


PORTRAIT, LANDSCAPE = _camera(), _camera(640, 360)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.mark.parametrize("kind", BACKGROUNDS)
def test_each_kind_renders_bgr_uint8_of_the_camera_size(kind: str) -> None:
    for cam in (PORTRAIT, LANDSCAPE):
        bd = sample_backdrop(kind, _rng(3))
        img = render_room(cam, bd)
        assert img.shape == (cam.height, cam.width, 3) and img.dtype == np.uint8
        assert np.array_equal(render_backdrop(cam, bd), img)  # the scene code's entry point agrees
        assert img.std() > 2  # not a flat fill


def test_studio_is_todays_plain_backdrop() -> None:
    bd = sample_backdrop("studio", _rng(0))
    assert type(bd) is Backdrop
    assert np.array_equal(render_room(PORTRAIT, bd), render_plain_backdrop(PORTRAIT, bd))


@pytest.mark.parametrize("kind", BACKGROUNDS)
def test_sampling_and_rendering_are_deterministic(kind: str) -> None:
    a, b, c = (sample_backdrop(kind, _rng(s)) for s in (11, 11, 12))
    assert a == b and a != c
    assert np.array_equal(render_room(LANDSCAPE, a), render_room(LANDSCAPE, b))
    la, lb = sample_lighting(kind, _rng(5)), sample_lighting(kind, _rng(5))
    assert np.array_equal(la.direction, lb.direction) and (la.key, la.ambient) == (lb.key, lb.ambient)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown background"):
        sample_backdrop("beach", _rng(0))


def test_dark_rooms_are_darker_than_bright_ones() -> None:
    def mean(kind: str) -> float:
        imgs = [render_room(LANDSCAPE, sample_backdrop(kind, _rng(s))) for s in range(6)]
        return float(np.mean([img.mean() for img in imgs]))

    dark, bright, room = mean("dark"), mean("bright"), mean("room")
    assert dark < 90 < 170 < bright
    assert dark < room < bright


def test_lighting_is_dim_for_dark_and_strong_for_bright() -> None:
    for s in range(20):
        dark, bright = sample_lighting("dark", _rng(s)), sample_lighting("bright", _rng(s))
        today = sample_lighting("room", _rng(s))
        assert 0.25 <= dark.key <= 0.45 and 0.12 <= dark.ambient <= 0.25
        assert 0.6 <= today.key <= 0.85 and 0.25 <= today.ambient <= 0.4
        assert bright.key > today.key and bright.ambient > 0.35


def test_rooms_are_more_cluttered_than_the_studio() -> None:
    def edges(kind: str) -> float:
        counts = []
        for s in range(6):
            grey = cv2.cvtColor(render_room(LANDSCAPE, sample_backdrop(kind, _rng(s))), cv2.COLOR_BGR2GRAY)
            counts.append(int((cv2.Canny(grey, 50, 150) > 0).sum()))
        return float(np.mean(counts))

    assert edges("room") > 4 * edges("studio")


def test_furniture_keeps_out_of_the_person_and_is_never_in_front() -> None:
    beside = 0
    for kind in ("room", "dark", "bright"):
        for s in range(30):
            bd = sample_backdrop(kind, _rng(s))
            assert isinstance(bd, RoomBackdrop)
            for b in bd.boxes:
                (x0, y0, _), (x1, y1, _) = b.lo, b.hi
                assert x0 < x1 and y0 < y1
                assert not (x0 < 0.45 and x1 > -0.45 and y0 < 0.5 and y1 > -0.5), (kind, s, b)
                if y0 < -0.5:  # only skirting along a side wall reaches past the person
                    assert min(abs(x0), abs(x1)) > 1.3, (kind, s, b)
                if y0 < 0.5 and min(abs(x0), abs(x1)) < 1.05:
                    beside += 1
    assert beside > 10  # some objects stand close beside the person


def test_rays_to_the_floor_where_the_person_stands_hit_only_floor() -> None:
    """Nothing stands on, or in front of, the floor patch |x| < 0.45 m, |y| < 0.5 m."""
    xs, ys = np.meshgrid(np.linspace(-0.44, 0.44, 12), np.linspace(-0.49, 0.49, 12))
    feet = np.stack([xs.ravel(), ys.ravel(), np.zeros(xs.size)], axis=1)
    pitch = np.radians(12.0)
    R = look_rotation(np.array([0.0, np.cos(pitch), -np.sin(pitch)]))
    cam = PinholeCamera(640, 360, 400.0, 320.0, 180.0, R, -R @ np.array([0.0, -3.0, 1.2]))
    uv, _ = cam.project(feet)
    cols, rows = uv[:, 0].astype(int), uv[:, 1].astype(int)
    assert (rows >= 0).all() and (rows < 360).all() and (cols >= 0).all() and (cols < 640).all()
    for kind in ("room", "dark"):
        for s in range(8):
            bd = sample_backdrop(kind, _rng(s))
            assert isinstance(bd, RoomBackdrop)
            lo = np.array([b.lo for b in bd.boxes] + [(0.0, 0.0, 0.0)] * 5, np.float32)
            hi = np.array([b.hi for b in bd.boxes] + [(0.0, 0.0, 0.0)] * 5, np.float32)
            _, _, hit, _ = _cast(cam, bd, lo, hi)
            assert (hit[rows, cols] == -2).all(), (kind, s)


def test_finish_photo_is_a_decodable_jpeg_of_the_same_size() -> None:
    img = render_room(PORTRAIT, sample_backdrop("room", _rng(1)))
    jpg = finish_photo(img, _rng(7))
    assert jpg[:2] == b"\xff\xd8"
    out = cv2.imdecode(np.frombuffer(jpg, np.uint8), cv2.IMREAD_COLOR)
    assert out.shape == img.shape
    assert jpg == finish_photo(img, _rng(7)) and jpg != finish_photo(img, _rng(8))
    assert 3 < np.abs(out.astype(float) - img).mean() < 40  # changed, but still the same picture


def test_dark_photos_are_noisier() -> None:
    flat = np.full((240, 320, 3), 60, np.uint8)

    def grain(dark: bool) -> float:
        res = []
        for s in range(8):
            out = cv2.imdecode(np.frombuffer(finish_photo(flat, _rng(s), dark=dark), np.uint8), 1)
            out = out[60:180, 80:240].astype(np.float32)
            res.append(float((out - cv2.GaussianBlur(out, (0, 0), 3)).std()))
        return float(np.mean(res))

    assert grain(True) > 1.3 * grain(False)
