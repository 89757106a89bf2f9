"""Fit an anny avatar to a customer's measurements by gradient descent in torch.

Girths are made differentiable by freezing, per level, which vertices form the tape (the
hull of the torso band at the chest, waist and hip levels of the current mesh) and summing
the distances between consecutive hull vertices; levels and hulls are re-found on the
current mesh every ``refresh`` steps. Free parameters: muscle, weight, height, proportions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from fitsvc.synth.body import ArmPose, Body, Phenotype, load_model, make_body, pose_tensor
from fitsvc.synth.measure_mesh import MeshMeasurer, measure
from fitsvc.synth.sampling import phenotype_for
from fitsvc.synth.slicing import hull

GIRTHS = ("chest_girth", "waist_girth", "hip_girth")
FREE = ("muscle", "weight", "height", "proportions")
BAND_M = 0.006


@dataclass
class AvatarFit:
    phenotype: Phenotype
    body: Body
    measured_cm: dict[str, float]
    errors_cm: dict[str, float]
    losses: list[float] = field(default_factory=list)


def tape_indices(body: Body, z: float) -> np.ndarray:
    """Vertex indices, in hull order, of the torso band around height z."""
    loop = MeshMeasurer(body).torso_loop(z)
    v = body.vertices
    band = np.flatnonzero(np.abs(v[:, 2] - z) < BAND_M)
    if loop is not None:
        lo, hi = loop.min(axis=0) - 0.01, loop.max(axis=0) + 0.01
        band = band[((v[band, :2] >= lo) & (v[band, :2] <= hi)).all(axis=1)]
    h = hull(v[band, :2])
    if h is None:
        return band
    d = np.linalg.norm(v[band, None, :2] - h[None], axis=2)
    return np.asarray(band[np.argmin(d, axis=0)])


def tape_length(verts: torch.Tensor, idx: np.ndarray) -> torch.Tensor:
    p = verts[torch.as_tensor(idx), :2]
    return (p - torch.roll(p, -1, dims=0)).norm(dim=1).sum()


def _logit(x: float) -> torch.Tensor:
    x = float(np.clip(x, 0.02, 0.98))
    return torch.tensor(np.log(x / (1 - x)), dtype=torch.float32, requires_grad=True)


def fit_avatar(
    sex: str,
    targets_cm: dict[str, float],
    weight_kg: float | None = None,
    steps: int = 60,
    refresh: int = 15,
    lr: float = 0.02,
) -> AvatarFit:
    """A phenotype whose stature and chest/waist/hip girths match ``targets_cm``."""
    model = load_model()
    stature = targets_cm["stature"]
    bmi = weight_kg / (stature / 100) ** 2 if weight_kg else (24.0 if sex == "female" else 26.0)
    start = phenotype_for(sex, stature, bmi, np.random.default_rng(0))
    logit = {k: _logit(getattr(start, k)) for k in FREE}
    opt = torch.optim.Adam(list(logit.values()), lr=lr)
    pose = pose_tensor(model, [ArmPose()])

    def phenotype() -> Phenotype:
        vals = {k: float(torch.sigmoid(v.detach())) for k, v in logit.items()}
        return Phenotype(start.gender, start.age, **vals)

    tapes: dict[str, np.ndarray] = {}
    losses: list[float] = []
    best = (np.inf, start)
    for step in range(steps):
        if step % refresh == 0:
            body = make_body(phenotype())
            m = measure(body)
            tapes = {
                g: tape_indices(body, m[g.replace("_girth", "_height")] / 100)
                for g in GIRTHS
                if g in targets_cm
            }
        kw = {k: torch.sigmoid(logit[k]).reshape(1) if k in logit
              else torch.tensor([getattr(start, k)]) for k in ("gender", "age", *FREE)}
        verts = model(pose_parameters=pose, phenotype_kwargs=kw)["vertices"][0]
        loss = (100 * (verts[:, 2].max() - verts[:, 2].min()) - stature) ** 2
        for g, idx in tapes.items():
            loss = loss + (100 * tape_length(verts, idx) - targets_cm[g]) ** 2
        if float(loss) < best[0]:
            best = (float(loss), phenotype())
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss))
    body = make_body(best[1])
    got = measure(body)
    keys = ["stature", *tapes]
    return AvatarFit(best[1], body, got, {k: round(got[k] - targets_cm[k], 2) for k in keys},
                     losses)


def export_mesh(body: Body, fmt: str = "glb") -> bytes:
    """The avatar as GLB or OBJ bytes (metres, +Z up as in anny)."""
    import trimesh

    mesh = trimesh.Trimesh(body.vertices, body.faces, process=False)
    data = mesh.export(file_type=fmt)
    return data if isinstance(data, bytes) else str(data).encode()
