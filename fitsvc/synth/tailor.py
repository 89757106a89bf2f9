"""Garments cut on one posed body: which vertices each covers and how its cloth sits.

Parts come from the canonical body (:mod:`fitsvc.synth.body_parts`); the cloth is placed on
the posed body in its local frame (:mod:`fitsvc.synth.garments`). Cloth only ever moves out
of the skin: a last step removes any inward component along the bare vertex normal.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from fitsvc.synth import garments as gm
from fitsvc.synth.body import Body
from fitsvc.synth.body_parts import body_parts, neckline, underwear

SIDES = (("L", 1), ("R", -1))
Ease = float | Callable[[np.ndarray], np.ndarray]  # metres, or a function of the axial level
BLOUSE_M = 0.12  # a tucked shirt blouses over this height above the waistband


class Tailor:
    """Dressing state of one posed body in its local frame: cloth positions and colours."""

    def __init__(self, canonical: Body, posed: Body, levels_cm: dict[str, float],
                 params: dict[str, float], skin_bgr: np.ndarray, hair_bgr: np.ndarray | None):
        self.parts = body_parts(canonical, levels_cm)
        self.lv, self.z = self.parts.levels, self.parts.v[:, 2]
        self.origin, self.rot = gm.body_frame(posed.joints)
        self.p = (posed.vertices - self.origin) @ self.rot.T
        self.j = {k: (x - self.origin) @ self.rot.T for k, x in posed.joints.items()}
        self.faces = posed.faces
        self.n = gm.vertex_normals(self.p, posed.faces)
        self.out = self.p.copy()
        self.colour = np.tile(np.asarray(skin_bgr, float), (len(self.p), 1))
        if hair_bgr is not None:
            self.colour[self.parts.hair] = hair_bgr
        self.prm = params
        self.female = posed.phenotype.gender >= 0.5
        self.extra: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def put(self, mask: np.ndarray, new: np.ndarray, bgr: np.ndarray) -> None:
        self.out[mask], self.colour[mask] = new, bgr

    def fitted(self, mask: np.ndarray, ease: float, bgr: np.ndarray) -> None:
        self.put(mask, self.p[mask] + self.n[mask] * (ease + self.prm["thickness_m"]), bgr)

    def axis(self, a: str | None = None, b: str | None = None) -> gm.Axis:
        """The spine line, or the bone line from joint ``a`` to joint ``b``."""
        return gm.Axis(self.j) if a is None or b is None else gm.Axis(self.j, self.j[a], self.j[b])

    def adjacent(self, mask: np.ndarray) -> np.ndarray:
        near = np.zeros(len(mask), dtype=bool)
        near[self.faces[mask[self.faces].any(axis=1)]] = True
        return near

    def hang(self, mask: np.ndarray, axis: gm.Axis, top: float, ease: Ease, bgr: np.ndarray,
             hold: np.ndarray | float = 1.0, hem: float | None = None,
             beyond: np.ndarray | None = None) -> None:
        """Cloth hanging about ``axis`` from axial level ``top``; ``hold`` < 1 pulls it back
        to the skin (a tucked shirt). With a ``hem`` (axial level), the vertices next to the
        garment in ``beyond`` move onto the hem line so that it is straight, not zigzagging
        along the mesh's edges."""
        h, phi, r, u = axis.coords(self.p[mask])
        e = ease(h) if callable(ease) else ease
        cloth = gm.drape_radius(h, phi, r, top) + e + self.prm["thickness_m"]
        self.put(mask, self.p[mask] + u * ((cloth - r) * hold)[:, None], bgr)
        if hem is None or beyond is None:
            return
        edge = self.adjacent(mask) & beyond & ~mask
        _, pe, re, ue = axis.coords(self.p[edge])
        he = np.full(len(pe), hem)
        e = ease(he) if callable(ease) else ease
        cloth = gm.drape_radius(h, phi, r, top, query=(he, pe, re)) + e + self.prm["thickness_m"]
        self.put(edge, axis.point(he) + ue * cloth[:, None], bgr)
        ring = self.adjacent(edge) & beyond & ~edge  # lifted to the hem: the hem's underside
        hn = axis.coords(self.p[ring])[0]  # is then level, facing down, unseen from above
        self.out[ring] += axis.point(np.full(len(hn), hem - 0.002)) - axis.point(hn)

    def waistband(self) -> float:
        return self.lv.waist - self.prm["rise"] * (self.lv.waist - self.lv.hip)

    def result(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """World vertices, faces and per-face albedo, extra meshes (a skirt) appended."""
        d = self.out - self.p
        d -= np.minimum(0.0, np.einsum("ij,ij->i", d, self.n))[:, None] * self.n
        v, f, albedo = gm.split_colour_edges(self.p + d, self.faces, self.colour)
        verts, faces, albedos = [v], [f], [albedo]
        count = len(v)
        for v, f, bgr in self.extra:
            verts.append(v)
            faces.append(f + count)
            albedos.append(np.tile(bgr, (len(f), 1)))
            count += len(v)
        world = np.concatenate(verts) @ self.rot + self.origin
        return world, np.concatenate(faces), np.concatenate(albedos)


def tee(t: Tailor, bgr: np.ndarray, hem: float, tuck: float | None = None,
        cut: np.ndarray | None = None) -> None:
    """T-shirt, shirt or jumper hanging from bust and shoulder blades (the armpit level);
    above it the ease fades to 30 % at the shoulders. Tucked: held to the skin at ``tuck``.
    ``cut``: vertices left bare (neckline and armholes of a tank top)."""
    ps, lv = t.parts, t.lv
    cut = neckline(ps, t.prm["neck_depth_m"], 0.07) if cut is None else cut
    mask = ps.torso & (t.z >= hem) & ~cut
    hold = 1.0 if tuck is None else np.clip((t.z[mask] - tuck) / BLOUSE_M, 0.1, 1.0)
    beyond = None if tuck is not None else (ps.arm == 0) & (t.z < hem)

    def ease(h: np.ndarray) -> np.ndarray:
        return np.asarray(t.prm["top_ease_m"] * np.clip(1 - (h - lv.armpit) / 0.15, 0.3, 1.0))

    t.hang(mask, t.axis(), lv.armpit, ease, bgr, hold, hem, beyond)


def tee_hem(t: Tailor) -> float:
    return t.lv.waist - t.prm["top_hem"] * (t.lv.waist - t.lv.crotch)


def sleeves(t: Tailor, bgr: np.ndarray, end: float, fitted: bool = False) -> None:
    """Sleeves to ``end`` metres along the arm: loose tubes hanging from the deltoid."""
    ps, ease = t.parts, t.prm["sleeve_ease_m"]
    for side, sg in SIDES:
        arm = ps.arm == sg
        upper = arm & (ps.arm_s < min(end, ps.upper_arm))
        fore = arm & (ps.arm_s >= ps.upper_arm) & (ps.arm_s < end)
        if fitted:
            t.fitted(upper | fore, 0.3 * ease, bgr)
            continue
        short = end < ps.upper_arm
        beyond = arm & (ps.arm_s >= end)
        t.hang(upper, t.axis(f"upperarm01.{side}", f"lowerarm01.{side}"), 0.02, ease, bgr,
               hem=-end if short else None, beyond=beyond)
        if not short:
            t.hang(fore, t.axis(f"lowerarm01.{side}", f"wrist.{side}"), 0.0, ease, bgr,
                   hem=ps.upper_arm - end, beyond=beyond)


def bottom_region(t: Tailor, hem: float) -> np.ndarray:
    return (t.parts.torso | t.parts.legs) & (t.z <= t.waistband()) & (t.z >= hem)


def legs_hang(t: Tailor, mask: np.ndarray, a: str, b: str, top: float, ease: Ease,
              bgr: np.ndarray, hem: float) -> None:
    """Trouser or shorts legs hanging about the bone line a → b from ``top`` (metres above
    joint a along the line) down to the hem height ``hem``."""
    for side, sg in SIDES:
        this = sg * t.parts.v[:, 0] > 0
        axis = t.axis(f"{a}.{side}", f"{b}.{side}")
        beyond = (t.parts.legs | t.parts.feet) & this & (t.z < hem)
        t.hang(mask & t.parts.legs & this, axis, top, ease, bgr, hem=axis.h_at_z(hem), beyond=beyond)


def wear_none(t: Tailor, top: np.ndarray, bottom: np.ndarray) -> None:
    cut, leg = (t.prm["brief_cut_m"], 0.0) if t.female else (0.0, t.prm["trunk_leg_m"])
    t.colour[underwear(t.parts, t.female, cut, leg)] = bottom


def wear_tight(t: Tailor, top: np.ndarray, bottom: np.ndarray) -> None:
    """Leggings and a tank top, fitted; for women possibly a cropped sports top, which
    bridges the bust's underside like a band."""
    lv, v = t.lv, t.parts.v
    t.fitted(bottom_region(t, lv.ankle + t.prm["hem_m"]), t.prm["bottom_ease_m"], bottom)
    strap = 0.08 + 0.04  # neckline half-width + strap
    cut = neckline(t.parts, 0.07, 0.08) | ((t.z > lv.armpit + 0.02) & (np.abs(v[:, 0]) > strap))
    if t.female and t.prm["cropped"] > 0:
        tee(t, top, lv.waist + 0.35 * (lv.chest - lv.waist), cut=cut)
    else:
        t.fitted(t.parts.torso & (t.z >= tee_hem(t)) & ~cut, t.prm["top_ease_m"], top)


def wear_tshirt_shorts(t: Tailor, top: np.ndarray, bottom: np.ndarray) -> None:
    lv = t.lv
    hem = lv.crotch - t.prm["shorts_frac"] * (lv.crotch - lv.knee)
    region = bottom_region(t, hem)
    t.fitted(region & t.parts.torso, t.prm["bottom_ease_m"], bottom)
    legs_hang(t, region, "upperleg01", "lowerleg01", 0.0, t.prm["leg_ease_m"], bottom, hem)
    tee(t, top, tee_hem(t))
    sleeves(t, top, t.prm["sleeve_frac"] * t.parts.upper_arm)


def wear_tshirt_jeans(t: Tailor, top: np.ndarray, bottom: np.ndarray) -> None:
    lv, prm = t.lv, t.prm
    hem = lv.ankle + prm["hem_m"]
    region = bottom_region(t, hem)
    t.fitted(region, prm["bottom_ease_m"], bottom)
    e1, e2 = prm["bottom_ease_m"], prm["leg_ease_m"]
    legs_hang(t, region & (t.z < lv.knee + 0.06), "lowerleg01", "foot", 0.06,
              lambda h: e1 + (e2 - e1) * np.clip((0.06 - h) / 0.12, 0.0, 1.0), bottom, hem)
    wb = t.waistband()
    tucked = prm["tucked"] > 0
    tee(t, top, wb if tucked else tee_hem(t), wb if tucked else None)
    sleeves(t, top, prm["sleeve_frac"] * t.parts.upper_arm)


def wear_loose(t: Tailor, top: np.ndarray, bottom: np.ndarray) -> None:
    lv, prm = t.lv, t.prm
    hem = lv.ankle + prm["hem_m"]
    region = bottom_region(t, hem)
    pelvis = region & t.parts.torso  # the seat hangs from the hips; the crotch seam comes back
    hold = np.clip((t.z[pelvis] - lv.crotch) / (lv.hip - lv.crotch), 0.0, 1.0)
    t.hang(pelvis, t.axis(), t.waistband(), prm["bottom_ease_m"], bottom, hold)
    legs_hang(t, region, "upperleg01", "foot", 0.0, prm["leg_ease_m"], bottom, hem)
    tee(t, top, tee_hem(t))
    sleeves(t, top, t.parts.wrist_s - prm["cuff_m"])


def wear_skirt(t: Tailor, top: np.ndarray, bottom: np.ndarray) -> None:
    lv, prm = t.lv, t.prm
    wb = t.waistband()
    hem = lv.hip - prm["skirt_len_m"]
    t.colour[(t.parts.torso & (t.z <= wb)) | (t.parts.legs & (t.z > hem + 0.01))] = bottom  # lining
    keep = t.parts.arm == 0
    centre = gm.spine_xy(t.j, np.array([lv.hip]))[0]
    v, f = gm.skirt_mesh(t.p[keep], centre, (wb, lv.hip, hem),
                         prm["skirt_ease_m"], prm["skirt_flare_m"], prm["thickness_m"])
    t.extra.append((v, f, bottom))
    if prm["loose_top"] > 0:
        tee(t, top, tee_hem(t))
        sleeves(t, top, prm["sleeve_frac"] * t.parts.upper_arm)
    else:
        t.fitted(t.parts.torso & (t.z >= wb - 0.02) & ~neckline(t.parts, prm["neck_depth_m"], 0.07),
                 0.2 * prm["top_ease_m"], top)
        sleeves(t, top, prm["sleeve_frac"] * t.parts.upper_arm, fitted=True)


WEAR: dict[str, Callable[[Tailor, np.ndarray, np.ndarray], None]] = {
    "none": wear_none, "tight": wear_tight, "tshirt_shorts": wear_tshirt_shorts,
    "tshirt_jeans": wear_tshirt_jeans, "loose": wear_loose, "skirt": wear_skirt,
}
