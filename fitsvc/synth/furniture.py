"""Furniture for the synthetic rooms, built from axis-aligned boxes and placed at random.

:class:`Room` collects materials and boxes.  Pieces that stand against the back wall
(wardrobe, bookcase, door, window with curtains, desk, bed, sofa, sideboard with a TV,
pictures, a wall shelf) and pieces free on the floor (chair, bag, plant, floor lamp, basket,
suitcase) are placed with rejection sampling: never inside the volume kept for the person
(|x| < 0.45 m, -0.5 < y < 0.5 m), never in front of it (y < -0.5 m), never overlapping.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from fitsvc.synth.render import Box
from fitsvc.synth.textures import BGR, Material, scaled

PERSON_X, PERSON_Y = 0.45, 0.5
WOODS: list[BGR] = [(110, 160, 200), (60, 100, 150), (40, 62, 92), (150, 185, 215), (120, 130, 140)]
FABRICS: list[BGR] = [(150, 150, 150), (120, 90, 60), (60, 70, 140), (80, 120, 90), (200, 205, 210),
                      (70, 60, 55), (160, 180, 200), (120, 150, 190), (40, 40, 40), (180, 140, 170)]
PAINTS: list[BGR] = [(228, 232, 235), (40, 40, 42), (200, 200, 196), (150, 175, 190), (90, 110, 60)]


class Room:
    """Materials and boxes of one room (back wall at ``wall_y``, side walls at -left/+right)."""

    def __init__(self, rng: np.random.Generator, wall_y: float, left: float, right: float) -> None:
        self.rng, self.wall_y, self.left, self.right = rng, wall_y, min(left, 6.0), min(right, 6.0)
        self.materials: list[Material] = []
        self.boxes: list[Box] = []
        self.taken: list[tuple[np.ndarray, np.ndarray]] = []

    def mat(self, pattern: str, bgr: BGR, bgr2: BGR = (30, 30, 30), size: tuple[float, float] = (1, 1),
            glow: float = 0.0) -> int:
        c = scaled(np.clip(np.array(bgr) * self.rng.uniform(0.9, 1.1, 3), 0, 255))
        m = Material(pattern, c, bgr2, size, int(self.rng.integers(2**31)), glow)
        self.materials.append(m)
        return len(self.materials) - 1

    def wood(self) -> int:
        w = WOODS[self.rng.integers(len(WOODS))]
        if self.rng.random() < 0.4:
            return self.mat("paint", PAINTS[self.rng.integers(len(PAINTS))])
        return self.mat("wood", w, scaled(w, 0.75), (0.6, 0.6))

    def fabric(self, size: float = 0.5) -> int:
        f = FABRICS[self.rng.integers(len(FABRICS))]
        return self.mat("fabric", f, f, (size, size))

    def box(self, lo: tuple[float, float, float], hi: tuple[float, float, float], mat: int) -> None:
        self.boxes.append(Box(lo, hi, mat))

    def fits(self, lo: np.ndarray, hi: np.ndarray) -> bool:
        """Inside the room, clear of the person's volume and of every other piece."""
        if lo[0] < -self.left or hi[0] > self.right or lo[1] < -PERSON_Y or hi[1] > self.wall_y + 1e-6:
            return False
        if lo[0] < PERSON_X and hi[0] > -PERSON_X and lo[1] < PERSON_Y:
            return False
        return all((lo >= h2).any() or (hi <= l2).any() for l2, h2 in self.taken)

    def place(self, piece: Callable[[Room, float, float, float, float, float, float], None],
              w: float, d: float, h: float, z0: float = 0.0, wall: bool = True, near: bool = False) -> bool:
        """Put ``piece`` (footprint w×d, height h, bottom at z0) against the wall or on the floor;
        ``near`` places it 0.3-1 m beside the person."""
        for _ in range(20):
            side = self.rng.choice([-1.0, 1.0])
            if near:
                x0 = PERSON_X + self.rng.uniform(0.0, 0.6)
                x = x0 if side > 0 else -x0 - w
            else:
                x = self.rng.uniform(-self.left, self.right - w)
            y = self.wall_y - d if wall else self.rng.uniform(-PERSON_Y, self.wall_y - d)
            lo, hi = np.array([x, y, z0]), np.array([x + w, y + d, z0 + h])
            if self.fits(lo, hi):
                self.taken.append((lo, hi))
                piece(self, x, y, z0, w, d, h)
                return True
        return False


def wardrobe(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    body, front, metal = r.wood(), r.wood(), r.mat("paint", (150, 150, 155))
    r.box((x, y + 0.045, z), (x + w, y + d, z + h), body)
    n = max(1, round(w / 0.5))
    for i in range(n):
        a, b = x + i * w / n + 0.004, x + (i + 1) * w / n - 0.004
        r.box((a, y + 0.025, z + 0.08), (b, y + 0.045, z + h - 0.03), front)
        hx = b - 0.05 if i % 2 == 0 else a + 0.035
        r.box((hx, y, z + h * 0.45), (hx + 0.015, y + 0.025, z + h * 0.45 + 0.18), metal)


def door(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    leaf = r.mat("door", PAINTS[r.rng.integers(3)] if r.rng.random() < 0.6 else WOODS[0], size=(w, h))
    frame, metal = r.mat("paint", (225, 228, 230)), r.mat("paint", (160, 160, 165))
    r.box((x + 0.07, y + d - 0.03, 0), (x + w - 0.07, y + d, h - 0.07), leaf)
    r.box((x, y, 0), (x + 0.07, y + d, h), frame)
    r.box((x + w - 0.07, y, 0), (x + w, y + d, h), frame)
    r.box((x, y, h - 0.07), (x + w, y + d, h), frame)
    r.box((x + w - 0.2, y - 0.03, 1.0), (x + w - 0.1, y + d, 1.03), metal)
    r.box((x + w + 0.1, y + d - 0.012, 1.05), (x + w + 0.18, y + d, 1.13), frame)  # light switch


def bookcase(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    wood, back = r.wood(), r.mat("paint", (40, 45, 50))
    r.box((x, y + d - 0.01, z), (x + w, y + d, z + h), back)
    for sx in (x, x + w - 0.02):
        r.box((sx, y, z), (sx + 0.02, y + d, z + h), wood)
    shelves = [*np.arange(z, z + h - 0.1, r.rng.uniform(0.28, 0.38)).tolist(), z + h - 0.02]
    for a, b in itertools.pairwise(shelves):
        r.box((x, y, a), (x + w, y + d, a + 0.02), wood)
        gap = b - a - 0.025
        if r.rng.random() < 0.85:
            books = r.mat("books", (0, 0, 0), (35, 38, 42), (w - 0.04, gap))
            r.box((x + 0.02, y + 0.04, a + 0.02), (x + w - 0.02, y + d - 0.01, b - 0.005), books)
    r.box((x, y, z + h - 0.02), (x + w, y + d, z + h), wood)


def window(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    sill, top = r.rng.uniform(0.7, 1.0), z + h
    glass = r.mat("window", (235, 225, 210) if r.rng.random() < 0.7 else (120, 130, 120),
                  (230, 230, 232), size=(w - 0.4, top - sill), glow=float(r.rng.uniform(0.7, 1.0)))
    frame = r.mat("paint", (230, 232, 234))
    r.box((x + 0.2, y + d - 0.01, sill), (x + w - 0.2, y + d, top), glass)
    for a, b in (((x + 0.15, sill), (x + 0.2, top)), ((x + w - 0.2, sill), (x + w - 0.15, top))):
        r.box((a[0], y + d - 0.05, a[1]), (b[0], y + d, b[1]), frame)
    r.box((x + 0.1, y + d - 0.08, sill - 0.04), (x + w - 0.1, y + d, sill), frame)
    r.box((x + 0.15, y + d - 0.05, top), (x + w - 0.15, y + d, top + 0.05), frame)
    if r.rng.random() < 0.7:  # curtains
        cloth = r.mat("fabric", FABRICS[r.rng.integers(len(FABRICS))], size=(0.35, 1.0))
        cz = 0.02 if r.rng.random() < 0.6 else sill - 0.1
        r.box((x, y + d - 0.12, cz), (x + 0.22, y + d - 0.06, top + 0.15), cloth)
        r.box((x + w - 0.22, y + d - 0.12, cz), (x + w, y + d - 0.06, top + 0.15), cloth)


def desk(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    wood, metal = r.wood(), r.mat("paint", (45, 45, 48))
    r.box((x, y, h - 0.03), (x + w, y + d, h), wood)
    for lx, ly in ((x, y), (x + w - 0.04, y), (x, y + d - 0.04), (x + w - 0.04, y + d - 0.04)):
        r.box((lx, ly, 0), (lx + 0.04, ly + 0.04, h - 0.03), metal)
    if r.rng.random() < 0.7:  # a monitor on a stand
        mx = x + r.rng.uniform(0.05, max(0.06, w - 0.6))
        screen = r.mat("carpet", (70, 60, 50), glow=float(r.rng.uniform(0.2, 0.6)))
        r.box((mx + 0.22, y + d - 0.2, h), (mx + 0.3, y + d - 0.15, h + 0.12), metal)
        r.box((mx, y + d - 0.2, h + 0.1), (mx + 0.55, y + d - 0.16, h + 0.45), screen)


def bed(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    frame, cover, linen = r.wood(), r.fabric(0.8), r.mat("fabric", (225, 228, 230), size=(0.5, 0.5))
    r.box((x, y + d - 0.06, 0), (x + w, y + d, h + r.rng.uniform(0.4, 0.7)), frame)
    r.box((x, y, 0), (x + w, y + d - 0.06, 0.3), frame)
    r.box((x + 0.03, y + 0.05, 0.3), (x + w - 0.03, y + d - 0.08, h), linen)
    r.box((x + 0.01, y + 0.02, h - 0.2), (x + w - 0.01, y + d - 0.55, h + 0.06), cover)
    for px in np.arange(x + 0.08, x + w - 0.5, 0.75):
        r.box((px, y + d - 0.5, h), (px + 0.6, y + d - 0.1, h + 0.15), linen)


def sofa(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    cloth = r.fabric(0.6)
    r.box((x, y + d - 0.22, 0.1), (x + w, y + d, h), cloth)
    r.box((x + 0.18, y, 0.1), (x + w - 0.18, y + d - 0.22, 0.45), cloth)
    r.box((x, y, 0.1), (x + 0.18, y + d - 0.22, 0.62), cloth)
    r.box((x + w - 0.18, y, 0.1), (x + w, y + d - 0.22, 0.62), cloth)
    r.box((x + 0.05, y + 0.05, 0), (x + w - 0.05, y + d - 0.05, 0.1), r.mat("paint", (30, 30, 30)))


def sideboard(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    top = h - 0.6
    r.box((x, y, 0.05), (x + w, y + d, top), r.wood())
    tw = min(w - 0.1, r.rng.uniform(0.9, 1.3))
    tx = x + (w - tw) / 2
    r.box((tx, y + d - 0.1, top + 0.05), (tx + tw, y + d - 0.05, top + 0.05 + tw * 0.56),
          r.mat("carpet", (28, 26, 25), glow=float(r.rng.uniform(0.0, 0.3))))


def pictures(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    frame = r.mat("paint", PAINTS[r.rng.integers(3)] if r.rng.random() < 0.6 else WOODS[1])
    n = max(1, min(int(r.rng.integers(1, 4)), int(w / 0.3)))
    pw = (w - 0.1 * (n - 1)) / n
    for i in range(n):
        px, ph = x + i * (pw + 0.1), h * r.rng.uniform(0.7, 1.0)
        b = r.rng.uniform(0.015, 0.05) * min(1.0, pw / 0.3)
        r.box((px, y + d - 0.025, z), (px + pw, y + d, z + ph), frame)
        art = r.mat("picture", (235, 235, 235), size=(pw - 2 * b, ph - 2 * b))
        r.box((px + b, y + d - 0.03, z + b), (px + pw - b, y + d, z + ph - b), art)


def wall_shelf(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    r.box((x, y, z), (x + w, y + d, z + 0.025), r.wood())
    books = r.mat("books", (0, 0, 0), (200, 200, 200), (w * 0.6, h - 0.03))
    r.box((x + 0.05, y + 0.02, z + 0.025), (x + 0.05 + w * 0.6, y + d - 0.01, z + h), books)


def chair(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    seat, leg = r.wood() if r.rng.random() < 0.5 else r.fabric(), r.mat("paint", (40, 40, 40))
    for lx, ly in ((x, y), (x + w - 0.035, y), (x, y + d - 0.035), (x + w - 0.035, y + d - 0.035)):
        r.box((lx, ly, 0), (lx + 0.035, ly + 0.035, 0.44), leg)
    r.box((x, y, 0.44), (x + w, y + d, 0.49), seat)
    back = r.rng.integers(3)
    lo = [(x, y + d - 0.04), (x, y), (x + w - 0.04, y)][back]
    hi = [(x + w, y + d), (x + 0.04, y + d), (x + w, y + d)][back]
    r.box((lo[0], lo[1], 0.49), (hi[0], hi[1], h), seat)


def bag(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    m = r.fabric(0.3) if r.rng.random() < 0.6 else r.mat("carpet", FABRICS[r.rng.integers(len(FABRICS))])
    r.box((x, y, 0), (x + w, y + d, h * 0.7), m)
    r.box((x + w * 0.25, y + d * 0.4, h * 0.7), (x + w * 0.3, y + d * 0.6, h), m)
    r.box((x + w * 0.7, y + d * 0.4, h * 0.7), (x + w * 0.75, y + d * 0.6, h), m)
    r.box((x + w * 0.25, y + d * 0.4, h - 0.03), (x + w * 0.75, y + d * 0.6, h), m)


def plant(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    pot = r.mat("paint", PAINTS[r.rng.integers(len(PAINTS))] if r.rng.random() < 0.5 else (60, 90, 170))
    leaves = r.mat("leaves", (40, 110, 60), (20, 50, 25), (0.3, 0.3))
    ph = r.rng.uniform(0.2, 0.35)
    r.box((x + w * 0.25, y + d * 0.25, 0), (x + w * 0.75, y + d * 0.75, ph), pot)
    for _ in range(int(r.rng.integers(3, 7))):
        c = np.array([x + w / 2, y + d / 2, r.rng.uniform(ph + 0.1, h - 0.1)])
        s = r.rng.uniform([0.1, 0.1, 0.1], [w / 2, d / 2, 0.25])
        lo, hi = np.maximum(c - s, [x, y, ph]), np.minimum(c + s, [x + w, y + d, h])
        r.box((lo[0], lo[1], lo[2]), (hi[0], hi[1], hi[2]), leaves)


def floor_lamp(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    metal, shade = r.mat("paint", (40, 40, 40)), r.mat("fabric", (200, 225, 235), glow=0.5)
    r.box((x + w / 2 - 0.12, y + d / 2 - 0.12, 0), (x + w / 2 + 0.12, y + d / 2 + 0.12, 0.03), metal)
    r.box((x + w / 2 - 0.012, y + d / 2 - 0.012, 0), (x + w / 2 + 0.012, y + d / 2 + 0.012, h - 0.3), metal)
    r.box((x, y, h - 0.35), (x + w, y + d, h), shade)


def crate(r: Room, x: float, y: float, z: float, w: float, d: float, h: float) -> None:
    r.box((x, y, 0), (x + w, y + d, h), r.fabric(0.4) if r.rng.random() < 0.5 else r.wood())
