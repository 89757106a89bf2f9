"""Ground-truth geometry on simple meshes with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
import trimesh

from fitsvc.synth.slicing import (
    Topology,
    hull_perimeter,
    loop_containing,
    section_loops,
)

UP = np.array([0.0, 0.0, 1.0])


def _loops(mesh: trimesh.Trimesh, z: float, normal: np.ndarray = UP) -> list[np.ndarray]:
    return section_loops(
        np.asarray(mesh.vertices), Topology.from_faces(mesh.faces), np.array([0, 0, z]), normal
    )


def test_cylinder_girth_is_two_pi_r() -> None:
    cyl = trimesh.creation.cylinder(radius=0.15, height=1.0, sections=512)
    loops = _loops(cyl, 0.1)
    assert len(loops) == 1
    assert hull_perimeter(loops[0]) == pytest.approx(2 * math.pi * 0.15, rel=1e-4)


def test_elliptic_cylinder_matches_ramanujan() -> None:
    a, b = 0.16, 0.11
    cyl = trimesh.creation.cylinder(radius=1.0, height=1.0, sections=1024)
    cyl.apply_scale([a, b, 1.0])
    h = 3 * ((a - b) / (a + b)) ** 2
    ramanujan = math.pi * (a + b) * (1 + h / (10 + math.sqrt(4 - h)))
    assert hull_perimeter(_loops(cyl, -0.2)[0]) == pytest.approx(ramanujan, rel=1e-4)


def test_hull_bridges_hollows() -> None:
    # A "C" shape: the tape reads the hull, not the longer traced outline.
    pts = np.array([[0, 0], [1, 0], [1, 0.2], [0.2, 0.2], [0.2, 0.8], [1, 0.8], [1, 1], [0, 1]])
    assert hull_perimeter(pts.astype(float)) == pytest.approx(4.0)


def test_separate_loops_and_the_one_around_a_point() -> None:
    left = trimesh.creation.cylinder(radius=0.05, height=1.0, sections=128)
    right = left.copy()
    left.apply_translation([-0.3, 0, 0])
    right.apply_translation([0.3, 0, 0])
    both = trimesh.Trimesh(
        np.vstack([left.vertices, right.vertices]),
        np.vstack([left.faces, right.faces + len(left.vertices)]),
    )
    loops = _loops(both, 0.0)
    assert len(loops) == 2
    picked = loop_containing(loops, np.array([0.3, 0.0]))
    assert picked is not None and picked[:, 0].mean() == pytest.approx(0.3, abs=1e-3)
    assert loop_containing(loops, np.array([0.0, 0.0])) is None


def test_tilted_plane_through_a_cylinder_gives_an_ellipse() -> None:
    r, tilt = 0.1, math.radians(30)
    cyl = trimesh.creation.cylinder(radius=r, height=1.0, sections=1024)
    normal = np.array([0.0, math.sin(tilt), math.cos(tilt)])
    a, b = r / math.cos(tilt), r
    h = 3 * ((a - b) / (a + b)) ** 2
    expected = math.pi * (a + b) * (1 + h / (10 + math.sqrt(4 - h)))
    assert hull_perimeter(_loops(cyl, 0.0, normal)[0]) == pytest.approx(expected, rel=1e-3)
