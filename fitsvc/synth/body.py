"""Wrapper around the NAVER ``anny`` body model: phenotypes in, metric meshes out.

Conventions (after :func:`make_bodies`): metres, +Z up, feet on the floor (z = 0), the
body centred on x = 0, the face looking towards -Y, the person's left at +X.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import torch

PHENOTYPE_KEYS = ("gender", "age", "muscle", "weight", "height", "proportions")
BODY_DENSITY_KG_M3 = 1010.0


@dataclass(frozen=True)
class Phenotype:
    """Anny phenotype parameters, each in [0, 1]; ``gender`` 0 is male, 1 is female."""

    gender: float
    age: float
    muscle: float
    weight: float
    height: float
    proportions: float

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}


@dataclass
class Body:
    """One posed body: vertices (V, 3), triangular faces (F, 3) and named joints."""

    vertices: np.ndarray
    faces: np.ndarray
    joints: dict[str, np.ndarray]
    phenotype: Phenotype

    @property
    def stature(self) -> float:
        return float(self.vertices[:, 2].max() - self.vertices[:, 2].min())

    def volume(self) -> float:
        """Enclosed volume in m³ (divergence theorem; the mesh is watertight)."""
        tri = self.vertices[self.faces]
        return float(np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6.0)

    def mass_kg(self) -> float:
        return self.volume() * BODY_DENSITY_KG_M3


@functools.lru_cache(maxsize=1)
def load_model() -> Any:
    """Build the anny model once per process (about a second once warp kernels are cached)."""
    import anny

    model = anny.Anny().to(dtype=torch.float32)
    model.eval()
    return model


@functools.lru_cache(maxsize=1)
def load_lab_model() -> Any:
    """anny with every phenotype (cup size, firmness) and its local shape changes (belly,
    buttocks, bust, waist, hip, neck, thigh... modifiers), extrapolating ``weight`` a little
    past 1 for BMIs up to ~45: the synthetic lab's wider bodies."""
    import anny

    model = anny.Anny(local_changes="default", phenotypes="all", extrapolate_phenotypes=True)
    model = model.to(dtype=torch.float32)
    model.eval()
    return model


@dataclass(frozen=True)
class ArmPose:
    """Changes from anny's A-pose (upper arms about 40° from the torso, forearms forward).

    ``drop_deg`` lowers both upper arms towards the torso (negative raises them);
    ``forearm_deg`` swings the forearms back and down towards the line of the upper arm;
    ``flex_deg`` then swings the whole arm forward (negative: backward) about the shoulder;
    ``leg_spread_deg`` turns each leg outward at the hip (negative: legs together).
    """

    drop_deg: float = 0.0
    forearm_deg: float = 0.0
    flex_deg: float = 0.0
    leg_spread_deg: float = 0.0


def _rot_axis(axis: int, deg: float) -> torch.Tensor:
    """Right-handed rotation by ``deg`` about world axis 0 (X), 1 (Y) or 2 (Z)."""
    c, s = float(np.cos(np.radians(deg))), float(np.sin(np.radians(deg)))
    i, j = (axis + 1) % 3, (axis + 2) % 3
    r = torch.eye(3)
    r[i, i], r[i, j], r[j, i], r[j, j] = c, -s, s, c
    return r


def pose_tensor(model: Any, arms: list[ArmPose]) -> torch.Tensor:
    """Per-bone 4×4 pose parameters (anny's "local-ref": rotations about world-aligned axes)."""
    labels = list(model.bone_labels)
    pose = torch.eye(4).expand(len(arms), model.bone_count, 4, 4).clone()
    for n, arm in enumerate(arms):
        for side, sign in (("L", 1.0), ("R", -1.0)):
            if arm.drop_deg or arm.flex_deg:
                i = labels.index(f"upperarm01.{side}")
                # world-aligned axes: drop in the frontal plane first, then swing forward
                pose[n, i, :3, :3] = _rot_axis(0, -arm.flex_deg) @ _rot_axis(1, sign * arm.drop_deg)
            if arm.forearm_deg:
                i = labels.index(f"lowerarm01.{side}")
                pose[n, i, :3, :3] = _rot_axis(0, arm.forearm_deg)
            if arm.leg_spread_deg:
                i = labels.index(f"upperleg01.{side}")
                pose[n, i, :3, :3] = _rot_axis(1, -sign * arm.leg_spread_deg)
    return pose


def phenotype_tensors(phenotypes: list[Phenotype]) -> dict[str, torch.Tensor]:
    return {
        k: torch.tensor([getattr(p, k) for p in phenotypes], dtype=torch.float32)
        for k in PHENOTYPE_KEYS
    }


def local_change_tensors(changes: list[dict[str, float]]) -> dict[str, torch.Tensor]:
    """anny ``local_changes_kwargs``: one signed value per body and modifier (anny's names,
    e.g. ``stomach-pregnant-incr``; a negative value applies the opposite modifier)."""
    names = sorted({k for c in changes for k in c})
    return {k: torch.tensor([c.get(k, 0.0) for c in changes], dtype=torch.float32)
            for k in names}


def make_bodies(
    phenotypes: list[Phenotype],
    arms: list[ArmPose] | None = None,
    batch: int = 32,
    local_changes: list[dict[str, float]] | None = None,
    extra: list[dict[str, float]] | None = None,
) -> list[Body]:
    """Run anny for many phenotypes (batched) and return floor-standing bodies.

    ``local_changes`` (per body, e.g. ``{"stomach-pregnant-incr": 0.4}``) and ``extra`` phenotypes
    (``cupsize``, ``firmness``) select the lab model (:func:`load_lab_model`)."""
    lab = local_changes is not None or extra is not None
    model = load_lab_model() if lab else load_model()
    faces = model.get_triangular_faces().cpu().numpy().astype(np.int64)
    labels = list(model.bone_labels)
    arms = arms or [ArmPose()] * len(phenotypes)
    bodies: list[Body] = []
    for start in range(0, len(phenotypes), batch):
        chunk = phenotypes[start : start + batch]
        kwargs: dict[str, Any] = {}
        if lab:
            lc = (local_changes or [{}] * len(phenotypes))[start : start + batch]
            ex = (extra or [{}] * len(phenotypes))[start : start + batch]
            kwargs["local_changes_kwargs"] = local_change_tensors(lc)
            extra_phen = {k: torch.tensor([e.get(k, 0.5) for e in ex], dtype=torch.float32)
                          for k in ("cupsize", "firmness")}
            kwargs["phenotype_kwargs"] = {**phenotype_tensors(chunk), **extra_phen}
        else:
            kwargs["phenotype_kwargs"] = phenotype_tensors(chunk)
        with torch.no_grad():
            out = model(pose_parameters=pose_tensor(model, arms[start : start + batch]), **kwargs)
        verts = out["vertices"].cpu().numpy().astype(np.float64)
        heads = out["bone_poses"][:, :, :3, 3].cpu().numpy().astype(np.float64)
        for i, phen in enumerate(chunk):
            v = verts[i]
            shift = np.array([0.0, 0.0, -v[:, 2].min()])
            joints = {name: heads[i, j] + shift for j, name in enumerate(labels)}
            bodies.append(Body(vertices=v + shift, faces=faces, joints=joints, phenotype=phen))
    return bodies


def make_body(phenotype: Phenotype, arms: ArmPose | None = None) -> Body:
    return make_bodies([phenotype], [arms or ArmPose()])[0]
