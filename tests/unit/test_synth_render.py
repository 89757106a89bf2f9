"""Renderer and camera sanity: sizes in pixels follow the pinhole model."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from fitsvc.synth.camera import PinholeCamera, look_rotation, place_camera
from fitsvc.synth.render import Backdrop, Lighting, render_backdrop, render_mesh, silhouette


def _camera(f: float, dist: float, height: float) -> PinholeCamera:
    R = look_rotation(np.array([0.0, 1.0, 0.0]))
    t = -R @ np.array([0.0, -dist, height])
    return PinholeCamera(720, 1280, f, 360.0, 640.0, R, t)


def test_projection_of_the_optical_axis_is_the_principal_point() -> None:
    cam = _camera(1000.0, 3.0, 1.0)
    uv, depth = cam.project(np.array([[0.0, 0.0, 1.0], [0.0, 0.0, 1.3]]))
    assert uv[0] == pytest.approx([360.0, 640.0])
    assert depth[0] == pytest.approx(3.0)
    assert uv[1, 1] == pytest.approx(640.0 - 1000.0 * 0.3 / 3.0)  # image y grows downwards


def test_silhouette_height_matches_pinhole_model() -> None:
    box = trimesh.creation.box(extents=[0.05, 0.05, 1.8])
    box.apply_translation([0, 0, 0.9])
    f, dist, cam_h = 1100.0, 3.0, 0.9
    cam = _camera(f, dist, cam_h)
    mask = silhouette(np.asarray(box.vertices), np.asarray(box.faces), cam)
    rows = np.flatnonzero(mask.any(axis=1))
    measured = rows[-1] - rows[0] + 1
    near = dist - 0.025  # the front face is what bounds the silhouette
    assert measured == pytest.approx(f * 1.8 / near, rel=0.01)


def test_shaded_render_paints_the_body_over_the_backdrop() -> None:
    sphere = trimesh.creation.icosphere(subdivisions=3, radius=0.3)
    sphere.apply_translation([0, 0, 1.0])
    cam = _camera(1000.0, 3.0, 1.0)
    bg = render_backdrop(cam, Backdrop((200, 200, 200), (100, 100, 100)))
    albedo = np.tile([60.0, 120.0, 220.0], (len(sphere.faces), 1))
    img = render_mesh(np.asarray(sphere.vertices), np.asarray(sphere.faces), albedo, cam,
                      Lighting(np.array([0.0, -1.0, 0.5])), bg)
    assert img.shape == (1280, 720, 3)
    centre = img[640, 360].astype(int)
    assert centre[2] > centre[0] + 50  # reddish skin, not the grey wall
    assert (img[50, 50] == bg[50, 50]).all()
    radius_px = 1000.0 * 0.3 / 3.0
    assert (img[640, int(360 + 1.2 * radius_px)] == bg[640, int(360 + 1.2 * radius_px)]).all()


def test_place_camera_keeps_everything_in_frame() -> None:
    pts = np.random.default_rng(0).uniform([-0.5, -0.2, 0.0], [0.5, 0.2, 1.9], (500, 3))
    cam = place_camera(pts, np.array([0.0, -3.0, 1.2]), pitch_deg=5.0, roll_deg=1.0, margin=0.08)
    uv, _ = cam.project(pts)
    assert uv[:, 0].min() >= 0.08 * 720 - 1e-6 and uv[:, 0].max() <= 0.92 * 720 + 1e-6
    assert uv[:, 1].min() >= 0.08 * 1280 - 1e-6 and uv[:, 1].max() <= 0.92 * 1280 + 1e-6
