"""Garments for the synthetic lab: cloth stays outside the skin, hangs, hides the legs."""

from __future__ import annotations

import numpy as np
import pytest

from fitsvc.synth.body import ArmPose, Body, Phenotype, make_bodies
from fitsvc.synth.body_parts import body_parts
from fitsvc.synth.camera import PinholeCamera, look_rotation
from fitsvc.synth.dress import CLOTHING, Outfit, dress, dress_body, sample_outfit
from fitsvc.synth.garments import spine_xy, vertex_normals
from fitsvc.synth.measure_mesh import UP
from fitsvc.synth.render import silhouette
from fitsvc.synth.scene import make_scene
from fitsvc.synth.slicing import Topology, hull_perimeter, loop_containing, section_loops

SKIN = np.array([150.0, 170.0, 210.0])
HAIR = np.array([40.0, 40.0, 50.0])


@pytest.fixture(scope="module")
def people() -> dict[str, Body]:
    woman = Phenotype(1.0, 0.8, 0.5, 0.6, 0.4, 0.5)
    man = Phenotype(0.0, 0.8, 0.5, 0.7, 0.4, 0.5)
    bodies = make_bodies([woman, man, woman], [ArmPose(), ArmPose(), ArmPose(30.0, 40.0, 5.0)])
    return dict(zip(("woman", "man", "woman_posed"), bodies, strict=True))


@pytest.fixture(scope="module")
def levels(people: dict[str, Body]) -> dict[str, dict[str, float]]:
    from fitsvc.synth.measure_mesh import measure

    return {k: measure(people[k]) for k in ("woman", "man")}


def outfit(clothing: str, seed: int = 0) -> Outfit:
    return sample_outfit(clothing, np.random.default_rng(seed), SKIN, HAIR)


def outer_girth(v: np.ndarray, faces: np.ndarray, body: Body, z: float) -> float:
    """Tape round the outermost layer (cloth, or skirt over the body) at height z."""
    loops = section_loops(v, Topology.from_faces(faces), np.array([0.0, 0.0, z]), UP)
    axis = spine_xy(body.joints, np.array([z]))[0]
    girths = [hull_perimeter(loop) for loop in loops if loop_containing([loop], axis) is not None]
    assert girths
    return max(girths)


def front_camera(z: float) -> PinholeCamera:
    R = look_rotation(np.array([0.0, 1.0, 0.0]))
    return PinholeCamera(400, 600, 1500.0, 200.0, 300.0, R, -R @ np.array([0.0, -3.0, z]))


@pytest.mark.parametrize("clothing", CLOTHING)
@pytest.mark.parametrize("who", ["woman_posed", "man"])
def test_cloth_never_moves_inside_the_skin(
    people: dict[str, Body], levels: dict[str, dict[str, float]], clothing: str, who: str
) -> None:
    canonical = people[who.removesuffix("_posed")]
    posed = people[who]
    lv = levels[who.removesuffix("_posed")]
    v, faces, albedo = dress_body(canonical, posed, lv, outfit(clothing, seed=3))
    n_body = len(posed.vertices)
    assert v.shape[0] >= n_body and faces.max() < len(v) and albedo.shape == (len(faces), 3)
    moved = v[:n_body] - posed.vertices
    normals = vertex_normals(posed.vertices, posed.faces)
    assert np.einsum("ij,ij->i", moved, normals).min() >= -1e-9
    if clothing == "none":
        assert np.abs(moved).max() == 0.0
    if clothing not in ("tshirt_shorts", "tshirt_jeans", "loose"):
        return
    z = posed.vertices[:, 2]  # a hanging top moves away from the spine line
    torso = body_parts(canonical, lv).torso & (z >= lv["waist_height"] / 100)
    torso &= z < lv["armpit_height"] / 100
    axis = spine_xy(posed.joints, z[torso])
    bare = np.linalg.norm(posed.vertices[torso, :2] - axis, axis=1)
    dressed = np.linalg.norm(v[:n_body][torso, :2] - axis, axis=1)
    assert (dressed >= bare - 1e-6).all()


@pytest.mark.parametrize("clothing", ["tshirt_shorts", "loose"])
@pytest.mark.parametrize("seed", [0, 1])
def test_loose_tops_fill_the_waist_hollow(
    people: dict[str, Body], levels: dict[str, dict[str, float]], clothing: str, seed: int
) -> None:
    body, lv = people["woman"], levels["woman"]
    v, faces, _ = dress_body(body, body, lv, outfit(clothing, seed))
    waist, hip = lv["waist_height"] / 100, lv["hip_height"] / 100
    extra_waist = outer_girth(v, faces, body, waist) - lv["waist_girth"] / 100
    extra_hip = outer_girth(v, faces, body, hip) - lv["hip_girth"] / 100
    assert extra_waist > extra_hip + 0.03
    assert extra_waist > 0.06  # the chest's girth falls straight down, plus ease


def test_skirt_hides_the_gap_between_the_legs(
    people: dict[str, Body], levels: dict[str, dict[str, float]]
) -> None:
    body, lv = people["woman"], levels["woman"]
    z = lv["crotch_height"] / 100 - 0.05
    cam = front_camera(z)
    uv, _ = cam.project(np.array([[0.0, 0.0, z]]))
    centre = (round(uv[0, 1]), round(uv[0, 0]))
    for clothing, covered in (("none", False), ("skirt", True)):
        v, faces, _ = dress_body(body, body, lv, outfit(clothing))
        assert (silhouette(v, faces, cam)[centre] > 0) == covered, clothing


def test_skirt_is_a_closed_tube_outside_the_hips(
    people: dict[str, Body], levels: dict[str, dict[str, float]]
) -> None:
    body, lv = people["woman"], levels["woman"]
    fit = outfit("skirt")
    v, faces, albedo = dress_body(body, body, lv, fit)
    n_body = len(body.vertices)
    on_skirt = (faces >= n_body).all(axis=1)
    assert on_skirt.sum() > 1000 and (albedo[on_skirt] == fit.bottom_bgr).all()
    skirt = faces[on_skirt] - n_body
    tri = v[n_body:][skirt]
    volume = np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6.0
    assert volume > 0  # outward faces, so the renderer's back-face culling keeps the outside
    edges = np.sort(np.concatenate([skirt[:, [0, 1]], skirt[:, [1, 2]], skirt[:, [2, 0]]]), axis=1)
    _, counts = np.unique(edges, axis=0, return_counts=True)
    assert (counts == 2).all()  # watertight
    hip = lv["hip_height"] / 100
    assert outer_girth(v, faces, body, hip) > lv["hip_girth"] / 100


def test_same_seed_same_clothes(people: dict[str, Body], levels: dict[str, dict[str, float]]) -> None:
    body, posed, lv = people["woman"], people["woman_posed"], levels["woman"]
    for clothing in ("tshirt_jeans", "skirt"):
        a, b = outfit(clothing, seed=11), outfit(clothing, seed=11)
        assert a.params == b.params and (a.top_bgr == b.top_bgr).all()
        for x, y in zip(dress_body(body, posed, lv, a), dress_body(body, posed, lv, b), strict=True):
            assert np.array_equal(x, y)


def test_a_turned_body_is_dressed_the_same(
    people: dict[str, Body], levels: dict[str, dict[str, float]]
) -> None:
    body, posed, lv = people["woman"], people["woman_posed"], levels["woman"]
    c, s = np.cos(np.radians(7.0)), np.sin(np.radians(7.0))
    rz = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    turned = Body(posed.vertices @ rz.T, posed.faces, {k: rz @ p for k, p in posed.joints.items()},
                  posed.phenotype)
    fit = outfit("loose", seed=2)
    v, _, _ = dress_body(body, posed, lv, fit)
    v_turned, _, _ = dress_body(body, turned, lv, fit)
    assert np.abs(v_turned - v @ rz.T).max() < 1e-6


def test_unknown_clothing_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown clothing"):
        outfit("ballgown")


@pytest.mark.parametrize("clothing", ["none", "tight", "regular"])
def test_legacy_dress_keeps_working(
    people: dict[str, Body], levels: dict[str, dict[str, float]], clothing: str
) -> None:
    body = people["man"]
    scene = make_scene(body, body, np.random.default_rng(0))
    v, albedo = dress(body, levels["man"], scene, clothing)
    assert v.shape == body.vertices.shape and albedo.shape == (len(body.faces), 3)
