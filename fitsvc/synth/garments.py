"""Cloth geometry for the synthetic lab: fitted offsets, hanging (draped) fabric and a skirt.

Everything works in a body's *local* frame (:func:`body_frame`): hip joints along +X, +Z up,
so a body turned about Z is dressed exactly like one facing −Y. Two cloth models:

* **fitted** fabric lies on the skin: the vertex moves along its normal by the fabric
  thickness plus the garment's ease (leggings 2–5 mm, jeans 6–15 mm);
* **hanging** fabric falls from where it rests (bust and shoulder blades, the deltoid, the
  knee...) along an axis (the spine line, a bone): its section at a level is the convex
  hull of the body's sections from the resting level down to that level, plus the ease
  (:func:`drape_radius`). Below a bulge the cloth stays at the bulge's radius, so the
  waist's and the small of the back's hollows are bridged, as by a loose T-shirt.

:func:`skirt_mesh` builds new geometry, a closed tube around the hips and both legs;
:func:`split_colour_edges` turns vertex colours into face colours with clean garment edges.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WAISTBAND_M = 0.008  # a skirt's waistband stands this far off the hull (over a tucked top)
SPINE = ("root", "spine05", "spine04", "spine03", "spine02", "spine01", "neck01")


def body_frame(joints: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Origin (below the root joint, on the floor) and world→local rotation (3, 3)."""
    lat = joints["upperleg01.L"] - joints["upperleg01.R"]
    a = float(np.arctan2(lat[1], lat[0]))
    c, s = np.cos(a), np.sin(a)
    rot = np.array([[c, s, 0.0], [-s, c, 0.0], [0.0, 0.0, 1.0]])
    return np.array([joints["root"][0], joints["root"][1], 0.0]), rot


def vertex_normals(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Area-weighted unit vertex normals (V, 3)."""
    tri = vertices[faces]
    fn = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    vn = np.zeros_like(vertices)
    for k in range(3):
        np.add.at(vn, faces[:, k], fn)
    return np.asarray(vn / (np.linalg.norm(vn, axis=1, keepdims=True) + 1e-12))


def spine_xy(joints: dict[str, np.ndarray], z: np.ndarray) -> np.ndarray:
    """(N, 2) point of the torso's axis (through the spine joints) at heights ``z``."""
    pts = np.array([joints[n] for n in SPINE])
    pts = pts[np.argsort(pts[:, 2])]
    return np.stack([np.interp(z, pts[:, 2], pts[:, 0]), np.interp(z, pts[:, 2], pts[:, 1])], 1)


@dataclass(frozen=True)
class Axis:
    """A line cloth hangs about: the spine line (``a`` None: vertical, through the spine
    joints ``joints``) or the bone line a → b. The axial coordinate ``h`` grows upwards
    (towards ``a``)."""

    joints: dict[str, np.ndarray]
    a: np.ndarray | None = None
    b: np.ndarray | None = None

    def _dir(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
        assert self.a is not None and self.b is not None
        length = float(np.linalg.norm(self.b - self.a))
        d = (self.b - self.a) / length
        ref = np.array([0.0, 1.0, 0.0]) if abs(d[1]) < 0.9 else np.array([1.0, 0.0, 0.0])
        e1 = np.cross(ref, d)
        e1 /= np.linalg.norm(e1)
        return self.a, d, e1, np.cross(d, e1), length

    def coords(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Axial coordinate h, angle, radius and radial unit vector (N, 3) of points."""
        if self.a is None:
            w = np.zeros_like(p)
            w[:, :2] = p[:, :2] - spine_xy(self.joints, p[:, 2])
            h, phi = p[:, 2], np.arctan2(w[:, 1], w[:, 0])
        else:
            a, d, e1, e2, _ = self._dir()
            t = (p - a) @ d
            w = p - a - t[:, None] * d
            h, phi = -t, np.arctan2(w @ e2, w @ e1)
        r = np.linalg.norm(w, axis=1)
        return h, phi, r, w / (r[:, None] + 1e-12)

    def point(self, h: np.ndarray) -> np.ndarray:
        """Points (N, 3) on the axis at axial coordinates h."""
        if self.a is None:
            return np.concatenate([spine_xy(self.joints, h), h[:, None]], axis=1)
        a, d, *_ = self._dir()
        return np.asarray(a - h[:, None] * d)

    def h_at_z(self, z: float) -> float:
        """Axial coordinate of the axis point at height z."""
        if self.a is None:
            return z
        a, d, *_ = self._dir()
        return float((z - a[2]) / -d[2])


def drape_radius(
    h: np.ndarray, phi: np.ndarray, r: np.ndarray, top: float,
    query: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    step: float = 0.02, bins: int = 48,
) -> np.ndarray:
    """Cloth radius of fabric hanging from level ``top`` down an axis (``h`` grows upwards).

    Row by row (``step`` apart) from ``top`` down, the cloth section is the convex hull of
    the body points in that row and of the cloth section above: fabric bridges hollows
    across (cleavage, spine groove) and falls straight down from every bulge. The radius is
    sampled at ``bins`` angles and interpolated bilinearly; it is evaluated at the points
    themselves or at ``query`` = (h, phi, r); never below r; points above ``top`` keep r."""
    phis = (np.arange(bins) + 0.5) / bins * 2 * np.pi - np.pi
    depth = np.clip((top - h) / step, 0.0, None)
    rows = int(depth.max()) + 2 if len(h) else 2
    below = h <= top
    row = depth[below].astype(int)
    xy = np.stack([r * np.cos(phi), r * np.sin(phi)], axis=1)[below]
    order = np.argsort(row, kind="stable")
    groups = np.split(xy[order], np.searchsorted(row[order], np.arange(1, rows)))
    grid = np.zeros((rows, bins))
    section = np.zeros((1, 2))  # the axis itself: no bridging across it from a one-sided row
    for k, pts in enumerate(groups):
        section = np.concatenate([section, pts])
        if len(section) >= 3:
            section = convex_hull(section)
            grid[k] = polygon_radius(section, np.zeros(2), phis)
            section = np.concatenate([section, np.zeros((1, 2))])
    if query is not None:
        h, phi, r = query
        depth, below = np.clip((top - h) / step, 0.0, None), h <= top
    jf = np.clip(depth - 1.0, 0.0, rows - 1.0)  # grid[k]: the section at the bottom of row k
    j0 = np.minimum(jf.astype(int), rows - 2)
    wj = jf - j0
    kf = (phi + np.pi) / (2 * np.pi) * bins - 0.5
    k0 = np.floor(kf).astype(int)
    wk = kf - k0
    k0, k1 = k0 % bins, (k0 + 1) % bins
    upper = (1 - wk) * grid[j0, k0] + wk * grid[j0, k1]
    lower = (1 - wk) * grid[j0 + 1, k0] + wk * grid[j0 + 1, k1]
    return np.where(below, np.maximum((1 - wj) * upper + wj * lower, r), r)


def convex_hull(points: np.ndarray) -> np.ndarray:
    """Vertices (M, 2) of the convex hull of 2-D points."""
    return np.asarray(cv2.convexHull(points.astype(np.float32))[:, 0, :], dtype=np.float64)


def polygon_radius(hull: np.ndarray, centre: np.ndarray, phis: np.ndarray) -> np.ndarray:
    """Distance from ``centre`` (inside) to a convex polygon's boundary along each angle."""
    e = np.roll(hull, -1, axis=0) - hull
    n = np.stack([e[:, 1], -e[:, 0]], axis=1)
    n /= np.linalg.norm(n, axis=1, keepdims=True) + 1e-12
    s = np.einsum("ij,ij->i", n, hull - centre)
    sign = 1.0 if s.sum() >= 0 else -1.0
    n, s = n * sign, np.maximum(s * sign, 0.0)
    dots = np.stack([np.cos(phis), np.sin(phis)], axis=1) @ n.T
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(dots > 1e-9, s[None, :] / dots, np.inf)
    return np.asarray(t.min(axis=1))


def skirt_radii(
    p: np.ndarray, centre: np.ndarray, zs: np.ndarray, z_hip: float, phis: np.ndarray
) -> np.ndarray:
    """(rings, angles) radii of the convex hull of the body's section (band ±1.5 cm) per ring;
    below the hip a running maximum: a hanging skirt never narrows round the legs."""
    radii = np.zeros((len(zs), len(phis)))
    for i, z in enumerate(zs):
        band = p[np.abs(p[:, 2] - z) < 0.015, :2]
        if len(band) >= 3:
            radii[i] = polygon_radius(convex_hull(band), centre, phis)
    below = zs <= z_hip
    radii[below] = np.maximum.accumulate(radii[below], axis=0)
    smooth = radii.copy()  # soften ring-to-ring steps of the hulls, never inwards
    for _ in range(2):
        smooth[1:-1] = 0.25 * smooth[:-2] + 0.5 * smooth[1:-1] + 0.25 * smooth[2:]
    return np.maximum(smooth, radii)


def skirt_mesh(
    p: np.ndarray, centre: np.ndarray, levels: tuple[float, float, float], ease: float,
    flare: float, thickness: float, angles: int = 64, ring_step: float = 0.02,
) -> tuple[np.ndarray, np.ndarray]:
    """Closed tube (vertices, outward faces) from the waistband to the hem around ``p``.

    ``levels`` = (waistband, hip, hem) heights. From the waistband to the hip the skirt lies
    on the hull of the body section (+ thickness; the waistband's 8 mm at the top turns
    into ``ease`` at the hip); below the hip it hangs from the hip's hull + ``ease`` and
    widens by ``flare`` at the hem (A-line; 0 for a straight pencil skirt), never inside the
    legs' hull."""
    z_top, z_hip, z_hem = levels
    n = max(3, int(np.ceil((z_top - z_hem) / ring_step)) + 1)
    zs = np.linspace(z_top, z_hem, n)
    phis = np.linspace(-np.pi, np.pi, angles, endpoint=False)
    body = skirt_radii(p, centre, zs, z_hip, phis)
    hip = body[int(np.argmin(np.abs(zs - z_hip)))]
    frac = np.clip((z_hip - zs) / max(z_hip - z_hem, 1e-6), 0.0, 1.0)[:, None]
    fit = np.clip((z_top - zs) / max(z_top - z_hip, 1e-6), 0.0, 1.0)[:, None]
    hang = hip[None, :] + ease + flare * frac**1.5
    fitted = body + thickness + WAISTBAND_M + (ease - WAISTBAND_M) * fit
    radii = np.where(frac > 0, np.maximum(hang, body + thickness), fitted)
    ring = np.stack([np.cos(phis), np.sin(phis)], axis=1)
    xy = centre + radii[..., None] * ring[None]
    verts = np.concatenate([xy, np.broadcast_to(zs[:, None, None], (n, angles, 1))], axis=2)
    caps = np.array([[centre[0], centre[1], z_top], [centre[0], centre[1], z_hem]])
    verts = np.concatenate([verts.reshape(-1, 3), caps])
    i, k = np.arange(n - 1)[:, None], np.arange(angles)[None, :]
    a, b = i * angles + k, i * angles + (k + 1) % angles
    c, d = b + angles, a + angles
    side = np.concatenate([np.stack([a, d, c], -1), np.stack([a, c, b], -1)]).reshape(-1, 3)
    top_c, bot_c = n * angles, n * angles + 1
    k1 = (k[0] + 1) % angles
    top = np.stack([np.full(angles, top_c), k[0], k1], axis=1)
    bot = np.stack([np.full(angles, bot_c), (n - 1) * angles + k1, (n - 1) * angles + k[0]], 1)
    return verts, np.concatenate([side, top, bot]).astype(np.int64)


def split_colour_edges(
    v: np.ndarray, faces: np.ndarray, colour: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-face albedo from vertex colours. A face with one corner of another colour (a
    garment's edge) is split through its two edges' midpoints (coplanar, so the shape is
    unchanged): colour edges cross faces instead of zigzagging along the mesh's edges."""
    c = colour[faces]
    same = [np.all(c[:, (k + 1) % 3] == c[:, (k + 2) % 3], axis=1) for k in range(3)]
    odd = np.full(len(faces), -1)
    for k in range(3):
        odd[same[k] & ~np.all(c[:, k] == c[:, (k + 1) % 3], axis=1)] = k
    albedo = np.where(same[0][:, None], c[:, 1], c[:, 0])  # two of three corners agree
    idx = np.flatnonzero(odd >= 0)
    if not len(idx):
        return v, faces, albedo
    rolled = np.take_along_axis(faces[idx], (odd[idx, None] + np.arange(3)) % 3, axis=1)
    a, b, cc = rolled.T
    m1 = len(v) + np.arange(len(idx))
    m2 = m1 + len(idx)
    verts = np.concatenate([v, 0.5 * (v[a] + v[b]), 0.5 * (v[a] + v[cc])])
    keep = np.ones(len(faces), dtype=bool)
    keep[idx] = False
    new = np.concatenate([np.stack([a, m1, m2], 1), np.stack([m1, b, cc], 1), np.stack([m1, cc, m2], 1)])
    cols = np.concatenate([colour[a], colour[b], colour[b]])
    return verts, np.concatenate([faces[keep], new]), np.concatenate([albedo[keep], cols])
