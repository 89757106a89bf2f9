"""Avatar fit: LM keeps the best and lowers the loss, targets reached, GLB/OBJ load back."""

from __future__ import annotations

import io
import itertools
import json

import numpy as np
import pytest

from tests.conftest import SAMPLE_PEOPLE

TRUTH = json.loads((SAMPLE_PEOPLE / "truth.json").read_text())["people"]
KEYS = ("stature", "chest_girth", "waist_girth", "hip_girth")


def _targets(pid: str) -> dict[str, float]:
    return {k: TRUTH[pid]["measurements_cm"][k] for k in KEYS}


@pytest.fixture(scope="module")
def fitted():
    from fitsvc.synth.avatar import fit_avatar

    return fit_avatar(TRUTH["s7-000"]["sex"], _targets("s7-000"))


@pytest.mark.slow
def test_lm_lowers_loss_from_a_poor_start_and_keeps_best() -> None:
    from fitsvc.synth.avatar import fit_phenotype
    from fitsvc.synth.body import Phenotype

    poor = Phenotype(0.0, 0.5, 0.5, 0.5, 0.5, 0.5)
    t = _targets("s7-001")
    _, _, m, losses = fit_phenotype("male", t, steps=2, init=poor, tol_cm=0.0)
    assert len(losses) == 3
    assert losses[-1] < 0.5 * losses[0]
    assert all(b <= a for a, b in itertools.pairwise(losses))  # a worse step is never kept
    data_loss = sum((m[k] - t[k]) ** 2 for k in KEYS)
    assert data_loss <= losses[-1]  # the returned body is the best one (prior term ≥ 0)


@pytest.mark.slow
def test_fit_reaches_targets(fitted) -> None:
    t = _targets("s7-000")
    for g in ("chest_girth", "waist_girth", "hip_girth"):
        assert abs(fitted.measured_cm[g] - t[g]) < 1.0, g
        assert abs(fitted.errors_cm[g]) < 1.0
    assert abs(fitted.errors_cm["stature"]) < 1.5


@pytest.mark.slow
def test_local_shape_scales_girths(fitted) -> None:
    from fitsvc.synth.avatar import GIRTHS, reshape_torso, torso_girths

    m = torso_girths(fitted.body)
    same = reshape_torso(fitted.body, m, {g: 1.0 for g in GIRTHS})
    np.testing.assert_allclose(same.vertices, fitted.body.vertices, atol=1e-9)
    got = torso_girths(reshape_torso(fitted.body, m, {g: 1.04 for g in GIRTHS}))
    for g in GIRTHS:
        assert got[g] == pytest.approx(1.04 * m[g], rel=0.006), g


@pytest.mark.slow
def test_glb_and_obj_load_back(fitted) -> None:
    import trimesh

    from fitsvc.synth.avatar import export_mesh

    glb = export_mesh(fitted.body, "glb")
    assert glb[:4] == b"glTF"
    scene = trimesh.load(io.BytesIO(glb), file_type="glb")
    mesh = scene.to_geometry() if isinstance(scene, trimesh.Scene) else scene
    assert isinstance(mesh, trimesh.Trimesh)
    assert len(mesh.vertices) == len(fitted.body.vertices)
    assert mesh.bounds[1][2] - mesh.bounds[0][2] == pytest.approx(
        fitted.body.stature, abs=1e-3)
    obj = trimesh.load(io.BytesIO(export_mesh(fitted.body, "obj")), file_type="obj")
    assert isinstance(obj, trimesh.Trimesh)
    assert len(obj.faces) == len(fitted.body.faces)
