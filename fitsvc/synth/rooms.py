"""Backgrounds like customers' photos at home, and the light on the person.

Kinds (:data:`BACKGROUNDS`):

* ``studio``: today's plain wall + floor (:class:`~fitsvc.synth.render.Backdrop`);
* ``bright``: white walls, light floor, over-exposed: low contrast with skin and light clothes;
* ``dark``: a dim furnished room or dark walls, under-exposed, warm light;
* ``room``: a furnished bedroom / office / living room: patterned or painted walls, skirting,
  a wood / tile / carpet floor, side walls, a door or wardrobe, furniture and small objects
  beside and behind the person, pictures, windows, one ceiling lamp.

Everything random is drawn by :func:`sample_backdrop` and stored in the backdrop, so
:func:`render_room` (a vectorised ray caster over planes and axis-aligned boxes) is
deterministic.  The person is painted afterwards by ``render_mesh``.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from fitsvc.synth import furniture as fu
from fitsvc.synth.camera import PinholeCamera
from fitsvc.synth.render import Backdrop, Lighting, RoomBackdrop, render_plain_backdrop
from fitsvc.synth.textures import BGR, TILE, atlas, scaled

BACKGROUNDS = ("studio", "bright", "dark", "room")
WALLS: list[BGR] = [(228, 232, 235), (200, 215, 228), (185, 200, 215), (195, 195, 192), (215, 200, 180),
                    (170, 195, 175), (150, 200, 230), (195, 190, 225), (170, 180, 185), (120, 110, 100),
                    (90, 65, 45), (75, 95, 70), (100, 130, 190)]
DARK_WALLS: list[BGR] = [(60, 55, 50), (45, 50, 60), (70, 60, 45), (50, 60, 50), (80, 80, 80)]
TILES: list[BGR] = [(210, 212, 210), (170, 190, 205), (120, 120, 120), (90, 100, 110)]
CARPETS: list[BGR] = [(130, 130, 128), (150, 175, 190), (120, 85, 60), (70, 90, 110), (90, 90, 95)]
WALL_PIECES = [  # piece, width, depth, height, bottom z (ranges)
    (fu.wardrobe, (0.8, 2.0), (0.5, 0.62), (1.9, 2.3), (0, 0)), (fu.door, (0.85, 1.0), (0.04, 0.04),
    (2.0, 2.1), (0, 0)), (fu.bookcase, (0.6, 1.2), (0.28, 0.38), (0.9, 2.0), (0, 0)),
    (fu.window, (1.0, 1.8), (0.12, 0.12), (1.9, 2.2), (0, 0)), (fu.desk, (1.0, 1.6), (0.55, 0.7),
    (0.72, 0.76), (0, 0)), (fu.bed, (0.9, 1.8), (1.9, 2.1), (0.45, 0.6), (0, 0)),
    (fu.sofa, (1.6, 2.2), (0.8, 0.95), (0.75, 0.9), (0, 0)), (fu.sideboard, (1.2, 1.8), (0.4, 0.45),
    (1.1, 1.4), (0, 0)), (fu.pictures, (0.3, 1.4), (0.03, 0.03), (0.3, 0.8), (1.3, 1.7)),
    (fu.wall_shelf, (0.6, 1.2), (0.2, 0.25), (0.25, 0.25), (1.3, 1.7)),
]
FLOOR_PIECES = [
    (fu.chair, (0.42, 0.5), (0.42, 0.5), (0.8, 1.0)), (fu.bag, (0.3, 0.45), (0.15, 0.25), (0.3, 0.5)),
    (fu.plant, (0.35, 0.6), (0.35, 0.6), (0.6, 1.5)), (fu.floor_lamp, (0.3, 0.4), (0.3, 0.4), (1.4, 1.7)),
    (fu.crate, (0.3, 0.6), (0.3, 0.5), (0.2, 0.5)),
]


def _studio(rng: np.random.Generator) -> Backdrop:
    """Today's plain backdrop (same ranges as ``scene.make_scene``)."""
    wall = rng.uniform(150, 235, 3)
    floor, wall_y = wall * rng.uniform(0.45, 0.75), float(rng.uniform(0.8, 2.0))
    texture = float(rng.uniform(0.03, 0.08)) if rng.random() < 0.5 else 0.0
    return Backdrop(scaled(wall), scaled(floor), wall_y, texture, int(rng.integers(2**31)))


def _pick(rng: np.random.Generator, items: list[BGR]) -> BGR:
    return items[int(rng.integers(len(items)))]


def _surfaces(r: fu.Room, wall: BGR, floor: str, plain: bool) -> None:
    """Materials 0-3: back wall, floor, ceiling, side walls."""
    rng = r.rng
    style = "paint" if plain or rng.random() < 0.5 else str(rng.choice(["stripes", "damask"]))
    s = rng.uniform(0.35, 0.9)
    other = scaled(wall, rng.uniform(0.65, 0.9)) if rng.random() < 0.6 else _pick(rng, WALLS)
    size = (2.5, 2.5) if style == "paint" else (s, s * 2 if style == "damask" else 1.0)
    r.mat(style, wall, other, size)
    if floor == "planks":
        w = _pick(rng, fu.WOODS)
        r.mat("planks", w, scaled(w, 0.8), (rng.uniform(0.8, 1.4), 2.0))
    elif floor == "tiles":
        t, g = rng.uniform(0.3, 1.2), rng.uniform(0.5, 1.1)
        r.mat("tiles", _pick(rng, TILES), scaled(_pick(rng, TILES), g), (t, t))
    else:
        r.mat("carpet", _pick(rng, CARPETS), size=(2.0, 2.0))
    r.mat("paint", (235, 238, 240), size=(2.0, 2.0))
    r.materials.append(r.materials[0] if rng.random() < 0.7 else r.materials[-1])


def _furnish(r: fu.Room, n_wall: int, n_floor: int, skirting: BGR) -> None:
    rng = r.rng
    sk = r.mat("paint", skirting)
    r.box((-r.left, r.wall_y - 0.015, 0.0), (r.right, r.wall_y, 0.08), sk)
    for x, sign in ((-r.left, 1), (r.right, -1)):
        if (r.left if sign > 0 else r.right) < 6:
            r.box((min(x, x + sign * 0.015), -2.0, 0.0), (max(x, x + sign * 0.015), r.wall_y, 0.08), sk)
    picks = list(rng.choice(len(WALL_PIECES), n_wall, replace=True))
    if n_wall >= 2:  # a door or a wardrobe first (strong vertical lines), often pictures
        picks = [int(rng.integers(2)), *([8] if rng.random() < 0.7 else []), *picks]
    for i in picks:
        piece, w, d, h, z = WALL_PIECES[int(i)]
        r.place(piece, rng.uniform(*w), rng.uniform(*d), rng.uniform(*h), rng.uniform(*z))
    for i in rng.choice(len(FLOOR_PIECES), n_floor, replace=True):
        piece, w, d, h = FLOOR_PIECES[int(i)]
        r.place(piece, rng.uniform(*w), rng.uniform(*d), rng.uniform(*h), 0.0, wall=rng.random() < 0.3,
                near=rng.random() < 0.6)


def sample_backdrop(kind: str, rng: np.random.Generator) -> Backdrop:
    """A random background of ``kind`` (one of :data:`BACKGROUNDS`)."""
    if kind == "studio":
        return _studio(rng)
    if kind not in BACKGROUNDS:
        raise ValueError(f"unknown background kind {kind!r}")
    dim = kind == "dark" and rng.random() < 0.5
    wall_y = float(rng.uniform(0.8, 2.5) if kind == "bright" else rng.uniform(1.0, 3.0))
    left, right = (float(rng.uniform(1.4, 3.5)) if rng.random() < 0.7 else np.inf for _ in range(2))
    r = fu.Room(rng, wall_y, left, right)
    if kind == "bright":
        wall = scaled(rng.uniform(232, 250, 3))
        _surfaces(r, wall, str(rng.choice(["planks", "tiles", "carpet"])), plain=True)
        r.materials[1] = replace(r.materials[1], bgr=(225.0, 228.0, 230.0), bgr2=(200.0, 200.0, 200.0))
        _furnish(r, int(rng.integers(0, 3)), int(rng.integers(0, 2)), wall)
        exposure, ambient, power = rng.uniform(1.1, 1.35), rng.uniform(0.6, 0.75), rng.uniform(0.3, 0.5)
    else:
        wall = _pick(rng, DARK_WALLS) if kind == "dark" and not dim else _pick(rng, WALLS)
        _surfaces(r, wall, str(rng.choice(["planks", "tiles", "carpet"], p=[0.5, 0.2, 0.3])), plain=False)
        _furnish(r, int(rng.integers(2, 7)), int(rng.integers(1, 4)), (230, 232, 234))
        exposure, ambient, power = rng.uniform(0.85, 1.1), rng.uniform(0.35, 0.55), rng.uniform(0.4, 0.8)
        if kind == "dark":
            exposure *= rng.uniform(0.25, 0.4) if dim else rng.uniform(0.5, 0.7)
    warm = float(rng.uniform(-0.4, 1.0) if kind != "dark" else rng.uniform(0.5, 1.0))
    ceiling = float(rng.uniform(2.4, 2.8))
    side = float(rng.choice([-1, 1]))
    lamp = (side * float(rng.uniform(0.6, min(1.5, (left if side < 0 else right) - 0.3))),
            float(rng.uniform(-0.35, wall_y - 0.3)))
    r.box((lamp[0] - 0.15, lamp[1] - 0.15, ceiling - 0.07), (lamp[0] + 0.15, lamp[1] + 0.15, ceiling),
          r.mat("paint", (235, 240, 245), glow=1.0))
    mats = r.materials
    return RoomBackdrop(
        mats[0].bgr, mats[1].bgr, wall_y, 0.0, int(rng.integers(2**31)), kind=kind, materials=tuple(mats),
        boxes=tuple(r.boxes), left=left, right=right, ceiling=ceiling, lamp=(*lamp, ceiling - 0.15),
        lamp_power=float(power), ambient=float(ambient), exposure=float(exposure),
        tint=(1 - 0.2 * warm, 1 - 0.06 * warm, 1.0), person_shadow=float(rng.uniform(0.1, 0.45)),
        shadow_dx=float(rng.uniform(-0.5, 0.5)), blur=float(rng.uniform(0.0, 1.2)),
    )


def sample_lighting(kind: str, rng: np.random.Generator) -> Lighting:
    """Key light on the person: dim for ``dark``, strong for ``bright``, today's otherwise."""
    direction = np.array([rng.uniform(-0.8, 0.8), -1.0, rng.uniform(0.3, 1.2)])
    ranges = {"dark": ((0.25, 0.45), (0.12, 0.25)), "bright": ((0.8, 0.95), (0.4, 0.5))}
    key, amb = ranges.get(kind, ((0.6, 0.85), (0.25, 0.4)))
    return Lighting(direction, float(rng.uniform(*key)), float(rng.uniform(*amb)))


def _rect(cam: PinholeCamera, lo: np.ndarray, hi: np.ndarray) -> tuple[int, int, int, int] | None:
    """Pixel rows/columns covering a box's projection (the whole frame if it is behind us)."""
    corners = np.array([[a, b, c] for a in (lo[0], hi[0]) for b in (lo[1], hi[1]) for c in (lo[2], hi[2])])
    uv, z = cam.project(corners)
    if (z < 0.05).any():
        return 0, cam.height, 0, cam.width
    c0, r0 = np.maximum(np.floor(uv.min(axis=0)).astype(int) - 1, 0)
    c1, r1 = np.minimum(np.ceil(uv.max(axis=0)).astype(int) + 2, [cam.width, cam.height])
    return (int(r0), int(r1), int(c0), int(c1)) if r1 > r0 and c1 > c0 else None


def _cast(cam: PinholeCamera, bd: RoomBackdrop, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per pixel: world ray, hit distance ``t`` (in ray lengths), what was hit (box index, or
    -1 wall, -2 floor, -3 ceiling, -4 / -5 side walls) and the axis of the face normal."""
    f32 = np.float32
    R, c = cam.R.astype(f32), cam.position.astype(f32)
    u = (np.arange(cam.width, dtype=f32) + 0.5 - cam.cx) / cam.f
    v = (np.arange(cam.height, dtype=f32) + 0.5 - cam.cy) / cam.f
    d = u[None, :, None] * R[0] + v[:, None, None] * R[1] + R[2]  # unnormalised world rays
    shape = d.shape[:2]
    t, bid, ax = np.full(shape, np.inf, f32), np.zeros(shape, np.int16), np.zeros(shape, np.int8)
    planes = [(1, bd.wall_y, -1), (2, 0.0, -2), (2, bd.ceiling, -3), (0, -bd.left, -4), (0, bd.right, -5)]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for a, val, k in planes:
            if np.isfinite(val):
                tp = (f32(val) - c[a]) / d[..., a]
                better = (tp > 0) & (tp < t)
                np.copyto(t, tp, where=better)
                np.copyto(bid, k, where=better)
                np.copyto(ax, a, where=better)
        for k in range(len(bd.boxes)):
            rect = _rect(cam, lo[k], hi[k])
            if rect is None:
                continue
            sl = np.s_[rect[0]:rect[1], rect[2]:rect[3]]
            inv = 1.0 / d[sl]
            t1, t2 = (lo[k] - c) * inv, (hi[k] - c) * inv
            tn = np.minimum(t1, t2)
            tmin, tmax = tn.max(axis=-1), np.maximum(t1, t2).min(axis=-1)
            hit = (tmin <= tmax) & (tmin > 0) & (tmin < t[sl])
            np.copyto(t[sl], tmin, where=hit)
            np.copyto(bid[sl], k, where=hit)
            np.copyto(ax[sl], tn.argmax(axis=-1).astype(np.int8), where=hit)
    return d, np.minimum(t, 60.0), bid, ax


def _render(cam: PinholeCamera, bd: RoomBackdrop) -> np.ndarray:
    f32 = np.float32
    lo = np.array([b.lo for b in bd.boxes] + [(0.0, 0.0, 0.0)] * 5, f32)  # planes: ids -5..-1
    hi = np.array([b.hi for b in bd.boxes] + [(0.0, 0.0, 0.0)] * 5, f32)
    d, t, bid, ax = _cast(cam, bd, lo, hi)
    p = cam.position.astype(f32) + t[..., None] * d
    x, y, z = p[..., 0], p[..., 1], p[..., 2]
    o, top = lo[bid], hi[bid, 2]
    uu = np.where(ax == 0, y - o[..., 1], x - o[..., 0])
    vv = np.where(ax == 2, y - o[..., 1], top - z)
    m = np.array([b.mat for b in bd.boxes] + [3, 3, 2, 1, 0], np.int16)[bid]
    size = 1.0 / np.array([mt.size for mt in bd.materials], f32)
    uu, vv = uu * size[m, 0], vv * size[m, 1]
    mapx = (uu - np.floor(uu)) * TILE
    mapy = np.clip((vv - np.floor(vv)) * TILE, 0.5, TILE - 1.5) + m * f32(TILE)
    tex = cv2.remap(atlas(bd.materials), mapx, mapy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_WRAP)
    da = np.where(ax == 0, d[..., 0], np.where(ax == 1, d[..., 1], d[..., 2]))
    to_lamp = np.asarray(bd.lamp, f32) - p
    la = np.where(ax == 0, to_lamp[..., 0], np.where(ax == 1, to_lamp[..., 1], to_lamp[..., 2]))
    dist2 = (to_lamp**2).sum(-1)
    lam = np.maximum(-np.sign(da) * la, 0) / np.sqrt(dist2)
    shade = bd.ambient + bd.lamp_power * 2.5 * lam / (1 + 0.25 * dist2)
    shade += 0.12 * ((ax == 1) & (da > 0)) + 0.08 * ((ax == 2) & (da < 0))
    near = np.full_like(t, 9.0)  # distance to the nearest room plane other than the one hit
    room = ((-1, bd.wall_y - y), (-2, z), (-3, bd.ceiling - z), (-4, x + bd.left), (-5, bd.right - x))
    for k, dist in room:
        np.minimum(near, np.where(bid == k, 9.0, dist), out=near)
    shade *= 1 - 0.22 * np.clip(1 - near / 0.3, 0, 1) ** 2
    for k in range(len(bd.boxes)):  # contact shadows around every box
        rect = _rect(cam, lo[k] - 0.2, hi[k] + 0.2)
        if rect is not None:
            sl = np.s_[rect[0]:rect[1], rect[2]:rect[3]]
            gap = np.linalg.norm(np.maximum(np.maximum(lo[k] - p[sl], p[sl] - hi[k]), 0), axis=-1)
            shade[sl] *= np.where(bid[sl] == k, 1.0, 1 - 0.3 * np.clip(1 - gap / 0.2, 0, 1) ** 2)
    feet = np.exp(-2.5 * ((x / 0.4) ** 2 + (y / 0.3) ** 2)) * (bid == -2)
    wall = np.exp(-2 * (((x - bd.shadow_dx) / 0.35) ** 2 + ((z - 1.0) / 0.9) ** 2)) * (bid == -1)
    shade *= 1 - bd.person_shadow * (feet + wall * 0.6 / (1 + bd.wall_y))
    glow = np.array([mt.glow for mt in bd.materials], f32)[m]
    shade = (shade * (1 - glow) + 1.3 * glow) * bd.exposure
    return np.clip(tex * shade[..., None] * np.asarray(bd.tint, f32), 0, 255).astype(np.uint8)


def render_room(cam: PinholeCamera, bd: Backdrop) -> np.ndarray:
    """BGR uint8 (H, W, 3) background; plain backdrops render as before.  Rooms are ray cast
    at ``bd.scale`` of the resolution and scaled up (a phone keeps the background soft)."""
    if not isinstance(bd, RoomBackdrop):
        return render_plain_backdrop(cam, bd)
    s = bd.scale
    small = PinholeCamera(max(1, round(cam.width * s)), max(1, round(cam.height * s)), cam.f * s,
                          cam.cx * s, cam.cy * s, cam.R, cam.t)
    img = _render(small, bd)
    if bd.blur * s > 0.2:
        img = cv2.GaussianBlur(img, (0, 0), bd.blur * s)
    return np.asarray(cv2.resize(img, (cam.width, cam.height), interpolation=cv2.INTER_LINEAR))
