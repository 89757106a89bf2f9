"""Fit an anny avatar to a customer's measurements (phenotype by optimisation + local shape).

1. Init: per-sex linear map of stature/chest/waist/hip to phenotype logits, learned on the
   lab's training people (``models/avatar/avatar_init.json``; else stature/BMI).
2. Levenberg–Marquardt on the logits of age, muscle, weight, height, proportions: exact
   mesh measurements give the residuals, differentiable tapes (hull vertices of the torso
   band at each level, frozen) the Jacobian; only improving steps are kept (best kept).
3. Local shape: smooth horizontal scaling of the torso about its centre, knots at the hip,
   waist and chest levels, removes the remaining girth error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from fitsvc.synth.body import ArmPose, Body, Phenotype, load_model, make_body, pose_tensor
from fitsvc.synth.measure_mesh import CHEST_BAND, MeshMeasurer, topology
from fitsvc.synth.sampling import phenotype_for
from fitsvc.synth.slicing import hull

GIRTHS = ("chest_girth", "waist_girth", "hip_girth")
FREE = ("age", "muscle", "weight", "height", "proportions")
INIT_INPUTS = ("stature", *GIRTHS)
BAND_M = 0.006
INIT_PATH = Path(__file__).resolve().parents[2] / "models" / "avatar" / "avatar_init.json"


FitResult = tuple[Phenotype, Body, dict[str, float], list[float]]


@dataclass
class AvatarFit:
    phenotype: Phenotype
    body: Body
    measured_cm: dict[str, float]
    errors_cm: dict[str, float]
    losses: list[float] = field(default_factory=list)
    shape_scale: dict[str, float] = field(default_factory=dict)


def torso_faces(body: Body) -> np.ndarray:
    """Faces of the band crotch − 8 cm … shoulder joints + 6 cm: every torso section the
    girths need lies inside, so slicing only these is exact and ~3× faster."""
    z = body.vertices[:, 2]
    lo = 0.40 * body.stature
    hi = max(body.joints["upperarm01.L"][2], body.joints["upperarm01.R"][2]) + 0.06
    fz = z[body.faces]
    return np.asarray(body.faces[(fz.max(axis=1) >= lo) & (fz.min(axis=1) <= hi)])


def _measurer(body: Body, faces: np.ndarray | None) -> MeshMeasurer:
    mm = MeshMeasurer(body)
    if faces is not None:
        mm.topo = topology(faces)
    return mm


def torso_girths(body: Body, faces: np.ndarray | None = None) -> dict[str, float]:
    """Stature, chest, waist and hip girth (cm) and their levels (m), as in ``measure``."""
    mm = _measurer(body, faces)
    crotch, armpit = mm.crotch_z(), mm.armpit_z()
    chest_z, chest = mm.extreme(armpit - CHEST_BAND * body.stature, armpit - 0.004, True)
    span = chest_z - crotch
    waist_z, waist = mm.extreme(crotch + 0.3 * span, crotch + 0.7 * span, False)
    hip_z, hip = mm.extreme(crotch + 0.04, waist_z, True)
    return {"stature": 100 * body.stature, "chest_girth": 100 * chest,
            "waist_girth": 100 * waist, "hip_girth": 100 * hip, "crotch_z": crotch,
            "armpit_z": armpit, "chest_z": chest_z, "waist_z": waist_z, "hip_z": hip_z}


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


def _logit(x: np.ndarray) -> np.ndarray:
    x = np.clip(x, 0.02, 0.98)
    return np.asarray(np.log(x / (1 - x)))


def initial_phenotype(sex: str, targets_cm: dict[str, float], weight_kg: float | None,
                      init_path: Path = INIT_PATH) -> Phenotype:
    gender = 0.0 if sex == "male" else 1.0
    if init_path.exists() and all(k in targets_cm for k in INIT_INPUTS):
        m = json.loads(init_path.read_text())[sex]
        x = np.array([targets_cm[k] for k in INIT_INPUTS])
        z = np.concatenate([[1.0], (x - np.array(m["mean"])) / np.array(m["scale"])])
        return _phen(gender, z @ np.array(m["coef"]))
    stature = targets_cm["stature"]
    bmi = weight_kg / (stature / 100) ** 2 if weight_kg else (24.0 if sex == "female" else 26.0)
    return phenotype_for(sex, stature, bmi, np.random.default_rng(0))


def _phen(gender: float, theta: np.ndarray) -> Phenotype:
    p = 1.0 / (1.0 + np.exp(-theta))
    return Phenotype(gender, **{k: float(v) for k, v in zip(FREE, p, strict=True)})


def _jacobian(gender: float, theta: np.ndarray, body: Body, m: dict[str, float],
              keys: list[str]) -> np.ndarray:
    """d(stature, girths)/d(theta) through the frozen-tape surrogates (cm per logit)."""
    model = load_model()
    tapes = {g: tape_indices(body, m[g.replace("_girth", "_z")]) for g in keys if g in GIRTHS}
    th = torch.tensor(theta, dtype=torch.float32, requires_grad=True)
    kw = {"gender": torch.tensor([gender])}
    kw.update({k: torch.sigmoid(th[i]).reshape(1) for i, k in enumerate(FREE)})
    verts = model(pose_parameters=pose_tensor(model, [ArmPose()]), phenotype_kwargs=kw)[
        "vertices"][0]
    outs = [100 * (verts[:, 2].max() - verts[:, 2].min()) if k == "stature"
            else 100 * tape_length(verts, tapes[k]) for k in keys]
    rows = [torch.autograd.grad(o, th, retain_graph=True)[0].numpy() for o in outs]
    return np.array(rows, dtype=float)


def fit_phenotype(sex: str, targets_cm: dict[str, float], weight_kg: float | None = None,
                  steps: int = 4, init: Phenotype | None = None,
                  prior: float = 0.3, tol_cm: float = 0.8) -> FitResult:
    """Levenberg–Marquardt on phenotype logits; returns the best (phenotype, body, girths)."""
    keys = [k for k in ("stature", *GIRTHS) if k in targets_cm]
    start = init or initial_phenotype(sex, targets_cm, weight_kg)
    gender = start.gender
    theta0 = _logit(np.array([getattr(start, k) for k in FREE]))
    target = np.array([targets_cm[k] for k in keys])

    crop: list[np.ndarray] = []

    def evaluate(theta: np.ndarray) -> tuple[float, Body, dict[str, float]]:
        body = make_body(_phen(gender, theta))
        if not crop:
            crop.append(torso_faces(body))
        m = torso_girths(body, crop[0])
        r = np.array([m[k] for k in keys]) - target
        return float(r @ r + prior * np.sum((theta - theta0) ** 2)), body, m

    theta, lam = theta0.copy(), 1.0
    loss, body, m = evaluate(theta)
    losses = [loss]
    for _ in range(steps):
        jac = _jacobian(gender, theta, body, m, keys)
        r = np.array([m[k] for k in keys]) - target
        a = jac.T @ jac + prior * np.eye(len(FREE))
        g = jac.T @ r + prior * (theta - theta0)
        for _try in range(3):
            step = np.linalg.solve(a + lam * np.diag(np.diag(a) + 1e-6), -g)
            step = np.clip(step, -1.5, 1.5)
            cand = evaluate(theta + step)
            if cand[0] < loss:
                theta, (loss, body, m), lam = theta + step, cand, lam * 0.3
                break
            lam *= 4.0
        losses.append(loss)
        if np.abs(np.array([m[k] for k in keys]) - target).max() < tol_cm:
            break
    return _phen(gender, theta), body, m, losses


def reshape_torso(body: Body, m: dict[str, float], factors: dict[str, float],
                  faces: np.ndarray | None = None) -> Body:
    """Scale the torso horizontally about its centre, factor per level, smooth between."""
    mm = _measurer(body, faces)
    knots = [(m["crotch_z"] - 0.06, 1.0)]
    knots += [(m[g.replace("_girth", "_z")], factors.get(g, 1.0)) for g in
              ("hip_girth", "waist_girth", "chest_girth")]
    knots.append((m["armpit_z"] + 0.06, 1.0))
    zs, fs = np.array([k[0] for k in knots]), np.array([k[1] for k in knots])
    order = np.argsort(zs)
    zs, fs = zs[order], fs[order]
    v = body.vertices.copy()
    grid = np.linspace(zs[0], zs[-1], 12)
    stats = np.full((len(grid), 3), np.nan)  # half breadth, centre x, centre y per level
    for i, z in enumerate(grid):
        loop = mm.torso_loop(float(z))
        if loop is not None:
            stats[i] = [np.ptp(loop[:, 0]) / 2, loop[:, 0].mean(), loop[:, 1].mean()]
    ok = np.isfinite(stats[:, 0])
    hw, cx, cy = (np.interp(v[:, 2], grid[ok], stats[ok, j]) for j in range(3))
    c = np.stack([cx, cy], axis=1)
    lateral = np.clip(1.0 - (np.abs(v[:, 0] - c[:, 0]) - 1.02 * hw) / 0.04, 0.0, 1.0)
    s = np.interp(v[:, 2], zs, fs, left=1.0, right=1.0)
    s = 1.0 + (s - 1.0) * lateral
    v[:, :2] = c + (v[:, :2] - c) * s[:, None]
    return Body(v, body.faces, body.joints, body.phenotype)


def fit_avatar(sex: str, targets_cm: dict[str, float], weight_kg: float | None = None,
               steps: int = 4, local_shape: bool = True) -> AvatarFit:
    """An avatar whose stature and chest/waist/hip girths match ``targets_cm``."""
    phen, body, m, losses = fit_phenotype(sex, targets_cm, weight_kg, steps)
    if local_shape and abs(m["stature"] - targets_cm["stature"]) > 0.2:
        k = targets_cm["stature"] / m["stature"]  # exact stature: scale heights about the floor
        body = Body(body.vertices * [1.0, 1.0, k], body.faces,
                    {n: j * [1.0, 1.0, k] for n, j in body.joints.items()}, body.phenotype)
        m = torso_girths(body, torso_faces(body))
    keys = [g for g in GIRTHS if g in targets_cm]
    factors = {g: 1.0 for g in keys}
    best = (sum((m[g] - targets_cm[g]) ** 2 for g in keys), body, m, dict(factors))
    base, got, crop = body, m, torso_faces(body)
    for _ in range(3 if local_shape else 0):
        for g in keys:
            factors[g] *= targets_cm[g] / got[g]
        shaped = reshape_torso(base, m, factors, crop)
        got = torso_girths(shaped, crop)
        err = sum((got[g] - targets_cm[g]) ** 2 for g in keys)
        if err < best[0]:
            best = (err, shaped, got, dict(factors))
        if err < 0.01:
            break
    _, body, m, factors = best
    errors = {k: round(m[k] - targets_cm[k], 2) for k in ("stature", *keys)}
    return AvatarFit(phen, body, {k: round(m[k], 2) for k in ("stature", *GIRTHS)}, errors,
                     losses, {g: round(f, 4) for g, f in factors.items()})


def export_mesh(body: Body, fmt: str = "glb") -> bytes:
    """The avatar as GLB or OBJ bytes (metres, +Z up as in anny)."""
    import trimesh

    mesh = trimesh.Trimesh(body.vertices, body.faces, process=False)
    data = mesh.export(file_type=fmt)
    return data if isinstance(data, bytes) else str(data).encode()

