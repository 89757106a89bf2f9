"""Headless software rasterizer: depth-sorted, Lambert-shaded triangles drawn with OpenCV."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from fitsvc.synth.camera import PinholeCamera
from fitsvc.synth.textures import Material

SUBPIXEL_BITS = 4


@dataclass(frozen=True)
class Lighting:
    """A key light direction (towards the light, world frame), its strength and ambient."""

    direction: np.ndarray
    key: float = 0.75
    ambient: float = 0.3


@dataclass(frozen=True)
class Backdrop:
    """A wall ``wall_y`` metres behind the body origin and a floor at z = 0 (BGR colours)."""

    wall_bgr: tuple[float, float, float]
    floor_bgr: tuple[float, float, float]
    wall_y: float = 1.5
    texture: float = 0.0  # amplitude of the random texture, 0 for plain
    seed: int = 0


@dataclass(frozen=True)
class Box:
    """An axis-aligned box (a furniture part, frame, row of books ...) textured with
    ``materials[mat]`` of its room; ``lo``/``hi`` are opposite corners in metres."""

    lo: tuple[float, float, float]
    hi: tuple[float, float, float]
    mat: int


@dataclass(frozen=True)
class RoomBackdrop(Backdrop):
    """A furnished room: back wall y = ``wall_y``, floor z = 0, ceiling, side walls at
    x = -``left`` and x = +``right`` (inf: none), boxes, one ceiling lamp.  ``materials[0:4]``
    texture the back wall, floor, ceiling and side walls; ``person_shadow`` darkens the
    floor at the feet and (offset by ``shadow_dx``) the wall behind the person."""

    kind: str = "room"
    materials: tuple[Material, ...] = ()
    boxes: tuple[Box, ...] = ()
    left: float = float("inf")
    right: float = float("inf")
    ceiling: float = 2.6
    lamp: tuple[float, float, float] = (0.0, 0.0, 2.4)
    lamp_power: float = 0.6
    ambient: float = 0.45
    exposure: float = 1.0
    tint: tuple[float, float, float] = (1.0, 1.0, 1.0)
    person_shadow: float = 0.3
    shadow_dx: float = 0.3
    blur: float = 0.7  # Gaussian sigma in full-resolution pixels
    scale: float = 0.5  # the room is ray cast at this fraction of the resolution


def _noise(shape: tuple[int, int], rng: np.random.Generator, cell: int) -> np.ndarray:
    small = rng.standard_normal((max(2, shape[0] // cell), max(2, shape[1] // cell)))
    return np.asarray(cv2.resize(small, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC))


def render_plain_backdrop(cam: PinholeCamera, bd: Backdrop) -> np.ndarray:
    """Wall and floor seen by the camera, with soft vertical light fall-off and texture."""
    d = cam.rays()
    c = cam.position
    with np.errstate(divide="ignore", invalid="ignore"):
        t_floor = np.where(d[..., 2] < 0, -c[2] / d[..., 2], np.inf)
        t_wall = np.where(d[..., 1] > 0, (bd.wall_y - c[1]) / d[..., 1], np.inf)
    floor = t_floor < t_wall
    img = np.where(floor[..., None], np.array(bd.floor_bgr), np.array(bd.wall_bgr))
    dist = np.minimum(t_floor, t_wall)
    img = img * np.clip(1.15 - 0.06 * np.nan_to_num(dist, posinf=10.0), 0.6, 1.1)[..., None]
    if bd.texture > 0:
        rng = np.random.default_rng(bd.seed)
        tex = 0.7 * _noise(img.shape[:2], rng, 96) + 0.3 * _noise(img.shape[:2], rng, 24)
        img = img * (1.0 + bd.texture * tex)[..., None]
    return np.clip(img, 0, 255).astype(np.uint8)


def render_backdrop(cam: PinholeCamera, bd: Backdrop) -> np.ndarray:
    """The background photo: a plain wall + floor, or a furnished :class:`RoomBackdrop`."""
    if isinstance(bd, RoomBackdrop):
        from fitsvc.synth.rooms import render_room  # rooms imports this module

        return render_room(cam, bd)
    return render_plain_backdrop(cam, bd)


def shade_faces(
    vertices: np.ndarray, faces: np.ndarray, albedo_bgr: np.ndarray, light: Lighting
) -> tuple[np.ndarray, np.ndarray]:
    """Unit face normals (F, 3) and Lambert-shaded BGR face colours (F, 3)."""
    tri = vertices[faces]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    n /= np.linalg.norm(n, axis=1, keepdims=True) + 1e-12
    ldir = light.direction / np.linalg.norm(light.direction)
    fill = np.array([-ldir[0], ldir[1], 0.3])
    fill /= np.linalg.norm(fill)
    shade = light.ambient + light.key * np.clip(n @ ldir, 0, None) + 0.2 * np.clip(n @ fill, 0, None)
    return n, np.clip(albedo_bgr * shade[:, None], 0, 255)


def render_mesh(
    vertices: np.ndarray,
    faces: np.ndarray,
    face_albedo_bgr: np.ndarray,
    cam: PinholeCamera,
    light: Lighting,
    background: np.ndarray,
) -> np.ndarray:
    """Paint back-face-culled triangles far to near (painter's algorithm) over the background."""
    normals, colours = shade_faces(vertices, faces, face_albedo_bgr, light)
    centres = vertices[faces].mean(axis=1)
    facing = np.einsum("ij,ij->i", normals, cam.position - centres) > 0
    uv, depth = cam.project(vertices)
    fd = depth[faces].mean(axis=1)
    keep = np.flatnonzero(facing & (depth[faces].min(axis=1) > 0.05))
    order = keep[np.argsort(-fd[keep])]
    pix = np.round(uv * (1 << SUBPIXEL_BITS)).astype(np.int32)
    img = background.copy()
    tris = pix[faces[order]]
    cols = colours[order].tolist()
    for tri, col in zip(tris, cols, strict=True):
        cv2.fillConvexPoly(img, tri, col, lineType=cv2.LINE_8, shift=SUBPIXEL_BITS)
    return img


def silhouette(
    vertices: np.ndarray, faces: np.ndarray, cam: PinholeCamera
) -> np.ndarray:
    """Binary mask (H, W) of the projected mesh (all faces, no shading)."""
    uv, _ = cam.project(vertices)
    pix = np.round(uv * (1 << SUBPIXEL_BITS)).astype(np.int32)
    mask = np.zeros((cam.height, cam.width), np.uint8)
    for tri in pix[faces]:
        cv2.fillConvexPoly(mask, tri, (255,), lineType=cv2.LINE_8, shift=SUBPIXEL_BITS)
    return mask
