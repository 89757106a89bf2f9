"""Pure geometry for tape-style girths: plane sections of triangle meshes and hull perimeters."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


@dataclass(frozen=True)
class Topology:
    """Edges of a triangle mesh and, per face, the indices of its three edges."""

    edges: np.ndarray  # (E, 2) vertex indices
    face_edges: np.ndarray  # (F, 3) edge indices

    @classmethod
    def from_faces(cls, faces: np.ndarray) -> Topology:
        f = np.asarray(faces, dtype=np.int64)
        pairs = np.stack([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]], axis=1).reshape(-1, 2)
        pairs = np.sort(pairs, axis=1)
        edges, inverse = np.unique(pairs, axis=0, return_inverse=True)
        return cls(edges=edges, face_edges=inverse.reshape(-1, 3))


def plane_basis(normal: np.ndarray) -> np.ndarray:
    """Two orthonormal in-plane axes (2, 3); for a horizontal plane they are +X and +Y."""
    n = np.asarray(normal, dtype=float)
    n = n / np.linalg.norm(n)
    ref = np.array([1.0, 0.0, 0.0]) if abs(n[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
    u = ref - n * (ref @ n)
    u /= np.linalg.norm(u)
    return np.stack([u, np.cross(n, u)])


def section_loops(
    vertices: np.ndarray,
    topo: Topology,
    origin: np.ndarray,
    normal: np.ndarray,
) -> list[np.ndarray]:
    """Cut the mesh with a plane; return one (m, 2) in-plane point set per connected loop."""
    n = np.asarray(normal, dtype=float)
    n = n / np.linalg.norm(n)
    d = (vertices - np.asarray(origin, dtype=float)) @ n
    d = np.where(np.abs(d) < 1e-12, 1e-12, d)  # no vertex exactly on the plane
    da, db = d[topo.edges[:, 0]], d[topo.edges[:, 1]]
    crossing = (da * db) < 0
    if not crossing.any():
        return []
    idx = np.flatnonzero(crossing)
    t = da[idx] / (da[idx] - db[idx])
    va, vb = vertices[topo.edges[idx, 0]], vertices[topo.edges[idx, 1]]
    pts3 = va + (vb - va) * t[:, None]
    pts = (pts3 - origin) @ plane_basis(n).T
    local = np.full(len(topo.edges), -1, dtype=np.int64)
    local[idx] = np.arange(len(idx))
    fe = local[topo.face_edges]
    fe = fe[(fe >= 0).sum(axis=1) == 2]
    a = np.where(fe[:, 0] >= 0, fe[:, 0], fe[:, 1])
    b = np.where(fe[:, 2] >= 0, fe[:, 2], fe[:, 1])
    m = len(idx)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(m, m))
    count, labels = connected_components(graph, directed=False)
    return [pts[labels == k] for k in range(count)]


def hull(points: np.ndarray) -> np.ndarray | None:
    """Convex hull vertices (counter-clockwise) of 2-D points, or None if degenerate."""
    if len(points) < 3:
        return None
    h = cv2.convexHull(np.asarray(points, dtype=np.float32), clockwise=False)
    if h is None or len(h) < 3:
        return None
    return np.asarray(h[:, 0, :], dtype=np.float64)


def polygon_perimeter(poly: np.ndarray) -> float:
    return float(np.linalg.norm(np.roll(poly, -1, axis=0) - poly, axis=1).sum())


def hull_perimeter(points: np.ndarray) -> float:
    """Perimeter of the convex hull: what a tape bridging all hollows reads."""
    h = hull(points)
    return 0.0 if h is None else polygon_perimeter(h)


def point_in_convex(poly: np.ndarray, p: np.ndarray) -> bool:
    """True when p lies inside the counter-clockwise convex polygon poly."""
    e = np.roll(poly, -1, axis=0) - poly
    w = np.asarray(p) - poly
    return bool(np.all(e[:, 0] * w[:, 1] - e[:, 1] * w[:, 0] >= 0))


def loop_containing(loops: list[np.ndarray], p: np.ndarray) -> np.ndarray | None:
    """The loop whose convex hull contains p (the smallest such hull when several do)."""
    best, best_area = None, np.inf
    for pts in loops:
        h = hull(pts)
        if h is None or not point_in_convex(h, p):
            continue
        area = abs(cv2.contourArea(h.astype(np.float32)))
        if area < best_area:
            best, best_area = pts, area
    return best
