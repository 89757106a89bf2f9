"""anny bodies: sampling, exact measurements and mass on real meshes (one model build)."""

from __future__ import annotations

import numpy as np
import pytest

from fitsvc.synth.body import ArmPose, Body, Phenotype, make_bodies
from fitsvc.synth.measure_mesh import measure
from fitsvc.synth.sampling import sample_phenotype


@pytest.fixture(scope="module")
def bodies() -> list[Body]:
    woman = Phenotype(1.0, 0.8, 0.5, 0.5, 0.4, 0.5)
    man = Phenotype(0.0, 0.8, 0.5, 0.5, 0.4, 0.5)
    return make_bodies([woman, man, man], [ArmPose(), ArmPose(), ArmPose(drop_deg=30)])


@pytest.fixture(scope="module")
def truths(bodies: list[Body]) -> list[dict[str, float]]:
    return [measure(b) for b in bodies[:2]]


def test_bodies_stand_on_the_floor_facing_minus_y(bodies: list[Body]) -> None:
    for b in bodies:
        assert b.vertices[:, 2].min() == pytest.approx(0.0, abs=1e-9)
        assert abs(b.vertices[:, 0].mean()) < 0.01
        nose_side = b.joints["head"][1] - b.joints["spine01"][1]
        assert b.vertices[b.vertices[:, 2] > b.stature - 0.2, 1].min() < b.joints["head"][1]
        assert nose_side < 0.05


def test_measurements_are_plausible_and_ordered(truths: list[dict[str, float]]) -> None:
    for m in truths:
        assert 150 < m["stature"] < 200
        assert m["armpit_height"] > m["chest_height"] > m["waist_height"] > m["hip_height"]
        assert m["hip_height"] > m["crotch_height"] == m["inside_leg"]
        assert m["waist_girth"] < m["chest_girth"] and m["waist_girth"] < m["hip_girth"]
        # a convex girth exceeds twice its largest caliper extent and is below the box
        for lvl in ("chest", "waist", "hip"):
            b, d = m[f"{lvl}_breadth"], m[f"{lvl}_depth"]
            assert 2 * max(b, d) < m[f"{lvl}_girth"] <= 2 * (b + d) + 0.1
        assert 25 < m["neck_girth"] < 50 and 20 < m["upper_arm_girth"] < 45
        assert 40 < m["thigh_girth"] < 80 and 28 < m["shoulder_width"] < 50
    woman, man = truths
    assert woman["hip_girth"] - woman["waist_girth"] > man["hip_girth"] - man["waist_girth"]


def test_mass_from_volume_is_plausible(bodies: list[Body]) -> None:
    for b in bodies:
        assert 18 < b.mass_kg() / b.stature**2 < 35


def test_arm_drop_moves_the_hands_but_not_the_torso(bodies: list[Body]) -> None:
    a, b = bodies[1], bodies[2]
    assert abs(b.joints["wrist.L"][0]) < abs(a.joints["wrist.L"][0]) - 0.1
    torso = (a.vertices[:, 2] < 1.0) & (np.abs(a.vertices[:, 0]) < 0.12)
    assert np.abs(a.vertices[torso] - b.vertices[torso]).max() < 1e-3


def test_sampling_is_reproducible_and_sex_specific() -> None:
    p1 = sample_phenotype("female", np.random.default_rng([7, 0]))
    p2 = sample_phenotype("female", np.random.default_rng([7, 0]))
    assert p1 == p2 and p1.gender == 1.0
    assert sample_phenotype("male", np.random.default_rng(1)).gender == 0.0
