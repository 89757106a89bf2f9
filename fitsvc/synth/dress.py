"""Casual clothes for the synthetic lab's renders (ground truth stays on the bare body).

:func:`sample_outfit` draws colours and garment parameters once per person;
:func:`dress_body` finds body parts on the canonical A-pose body and places the cloth on the
posed body, outwards only (:mod:`fitsvc.synth.tailor`, :mod:`fitsvc.synth.garments`).
Heights are fractions between body levels so that they scale: ``top_hem`` runs from the
natural waist (0) to the crotch (1), ``rise`` (a waistband) from the natural waist (0) to
the hip level (1). Every garment adds a fabric thickness of 1–3 mm.

* ``none``: underwear, no displacement: briefs (leg openings rising 2–10 cm at the side)
  and a bra for women; trunks (legs 0–10 cm long) for men.
* ``tight``: leggings to 0–15 cm above the ankle and a tank top (``top_hem`` 0.3–0.7), both
  on the skin with 2–5 mm; for 40 % of women a cropped sports top instead, which bridges
  the bust's underside.
* ``tshirt_shorts``: T-shirt (``top_hem`` 0.45–0.9: a hem 5–15 cm below anny's high natural
  waist looked cropped) hanging from bust and shoulder blades with 5–25 mm ease, short
  sleeves (40–75 % of the upper arm) hanging from the deltoid with 10–20 mm; shorts fitted
  6–12 mm over the hips, loose legs (+10–30 mm) to 30–60 % of the way to the knee.
* ``tshirt_jeans``: the same T-shirt, tucked in for 30 % (blousing over 12 cm above the
  waistband, held to the body at it); jeans (``rise`` 0.3–0.8) fitted 6–15 mm on hips and
  thighs, straight lower legs hanging from the knee with 10–25 mm, hem 0–4 cm above the
  ankle.
* ``loose``: long-sleeved shirt or jumper, 20–50 mm ease, ``top_hem`` 0.7–1.0 (the hip),
  sleeves (+15–35 mm) to the wrist; loose trousers: the seat hangs from the waistband
  (+10–30 mm) and comes back to the body at the crotch, legs hang from the hip joints
  (+15–40 mm).
* ``skirt``: a T-shirt, loose (50 %) or fitted and tucked in, and a skirt: a new closed tube
  from the waistband (``rise`` 0–0.5) to 35–60 cm below the hip level, A-line (60 %, flaring
  by 3–15 cm at the hem) or pencil, 5–20 mm off the hip section's convex hull.

The ease ranges follow pattern-making practice (girth ease over the body measurement;
radius ease ≈ girth ease / 2π): stretch jersey has none (2–5 mm stand for fabric and
seams), a T-shirt's chest 8–15 cm (1.3–2.4 cm), loose shirts and jumpers 12–30 cm
(2–5 cm), jeans 4–9 cm at the hip (6–15 mm) with straight legs no narrower than the knee.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fitsvc.synth.body import Body
from fitsvc.synth.garments import vertex_normals
from fitsvc.synth.scene import Scene
from fitsvc.synth.tailor import WEAR, Tailor

CLOTHING = ("none", "tight", "tshirt_shorts", "tshirt_jeans", "loose", "skirt")
TOP_RGB = [(235, 235, 232), (30, 30, 34), (120, 122, 128), (35, 50, 95), (160, 35, 45),
           (60, 95, 70), (200, 160, 60), (220, 150, 170), (140, 175, 210), (110, 70, 50)]
BOTTOM_RGB = [(40, 55, 95), (70, 95, 140), (120, 150, 185), (30, 30, 35), (150, 135, 105),
              (95, 95, 100), (70, 75, 50), (40, 40, 60), (160, 40, 50), (200, 195, 185)]
UNDERWEAR_RGB = [(25, 25, 28), (230, 230, 228), (200, 170, 150), (90, 90, 95), (35, 40, 80)]


@dataclass(frozen=True)
class Outfit:
    """Colours (BGR) and garment parameters of one person: lengths and eases in metres
    (``*_m``), fractions of body lengths (``top_hem``, ``rise``, ``sleeve_frac``,
    ``shorts_frac``) and 0/1 flags (``tucked``, ``cropped``, ``loose_top``)."""

    clothing: str
    top_bgr: np.ndarray
    bottom_bgr: np.ndarray
    skin_bgr: np.ndarray
    hair_bgr: np.ndarray | None
    params: dict[str, float]


def _colour(palette: list[tuple[int, int, int]], rng: np.random.Generator) -> np.ndarray:
    rgb = palette[int(rng.integers(len(palette)))]
    return np.clip(np.array(rgb[::-1], float) * rng.uniform(0.9, 1.1, 3), 0, 255)


def _params(clothing: str, rng: np.random.Generator) -> dict[str, float]:
    u, flag = rng.uniform, lambda p: float(rng.random() < p)
    p = {"thickness_m": u(0.001, 0.003)}
    if clothing == "none":
        return p | {"brief_cut_m": u(0.02, 0.10), "trunk_leg_m": u(0.0, 0.10)}
    if clothing == "tight":
        return p | {"top_ease_m": u(0.002, 0.005), "top_hem": u(0.3, 0.7), "cropped": flag(0.4),
                    "bottom_ease_m": u(0.002, 0.005), "rise": u(0.0, 0.4), "hem_m": u(0.0, 0.15)}
    tee = {"top_ease_m": u(0.005, 0.025), "top_hem": u(0.45, 0.9), "sleeve_frac": u(0.4, 0.75),
           "sleeve_ease_m": u(0.010, 0.020), "neck_depth_m": u(0.0, 0.05), "tucked": 0.0}
    if clothing == "tshirt_shorts":
        return p | tee | {"rise": u(0.2, 0.6), "bottom_ease_m": u(0.006, 0.012),
                          "leg_ease_m": u(0.010, 0.030), "shorts_frac": u(0.3, 0.6)}
    if clothing == "tshirt_jeans":
        return p | tee | {"tucked": flag(0.3), "rise": u(0.3, 0.8), "bottom_ease_m": u(0.006, 0.015),
                          "leg_ease_m": u(0.010, 0.025), "hem_m": u(0.0, 0.04)}
    if clothing == "loose":
        return p | tee | {"top_ease_m": u(0.020, 0.050), "top_hem": u(0.7, 1.0),
                          "sleeve_ease_m": u(0.015, 0.035), "cuff_m": u(0.0, 0.03),
                          "rise": u(0.2, 0.6), "bottom_ease_m": u(0.010, 0.030),
                          "leg_ease_m": u(0.015, 0.040), "hem_m": u(0.0, 0.03)}
    if clothing == "skirt":
        aline = flag(0.6)
        return p | tee | {"loose_top": flag(0.5), "rise": u(0.0, 0.5), "skirt_len_m": u(0.35, 0.60),
                          "skirt_flare_m": aline * u(0.03, 0.15), "skirt_ease_m": u(0.005, 0.02)}
    raise ValueError(f"unknown clothing {clothing!r}; expected one of {CLOTHING}")


def sample_outfit(
    clothing: str, rng: np.random.Generator, skin_bgr: np.ndarray, hair_bgr: np.ndarray | None
) -> Outfit:
    """Draw garment colours and parameters (reproducible for a given ``rng`` state)."""
    params = _params(clothing, rng)
    if clothing == "none":
        top = bottom = _colour(UNDERWEAR_RGB, rng)
    else:
        top = _colour(TOP_RGB, rng)
        bottom = _colour(BOTTOM_RGB, rng)
        if np.abs(top - bottom).sum() < 60:  # same colour top and bottom: lighten the top
            top = np.clip(top * 0.5 + 127, 0, 255)
    return Outfit(clothing, top, bottom, np.asarray(skin_bgr, float), hair_bgr, params)




def dress_body(
    canonical: Body, posed: Body, levels_cm: dict[str, float], outfit: Outfit
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(vertices (V', 3), faces (F', 3), per-face albedo BGR (F', 3)) of the dressed, posed body.

    ``canonical`` is the same person in anny's A-pose (parts are found there), ``posed`` the
    body as photographed (same vertex order); ``levels_cm`` as :func:`measure` returns them.
    The first V vertices are the posed body's, moved outwards; a skirt is appended."""
    tailor = Tailor(canonical, posed, levels_cm, outfit.params, outfit.skin_bgr, outfit.hair_bgr)
    WEAR[outfit.clothing](tailor, outfit.top_bgr, outfit.bottom_bgr)
    return tailor.result()


LEGACY_OFFSETS_M = {"none": (0.0, 0.0), "tight": (0.004, 0.004), "regular": (0.015, 0.012)}


def _legacy_regions(body: Body, levels_cm: dict[str, float]) -> dict[str, np.ndarray]:
    v, j = body.vertices, body.joints
    x, y, z = v[:, 0], v[:, 1], v[:, 2]
    head = j["head"]
    hair = (z > z.max() - 0.035) | ((z > head[2] + 0.03) & (y > head[1] + 0.01))
    hair |= (z > head[2] - 0.02) & (y > head[1] + 0.05) & (np.abs(x) < 0.09)
    waist, armpit = levels_cm["waist_height"] / 100, levels_cm["armpit_height"] / 100
    sx = abs(j["upperarm01.L"][0]) + 0.3 * abs(j["lowerarm01.L"][0] - j["upperarm01.L"][0])
    top = (z > waist - 0.06) & (z < armpit + 0.11) & (np.abs(x) < sx)
    top &= ~((z > armpit + 0.07) & (np.abs(x) < 0.07) & (y < j["neck01"][1]))  # neckline
    hip_half = levels_cm["hip_breadth"] / 200 + 0.03
    bottom = (z > 0.09 * body.stature) & (z <= waist - 0.06) & (np.abs(x) < hip_half)
    return {"hair": hair, "top": top & ~hair, "bottom": bottom & ~top}


def dress(
    body: Body, levels_cm: dict[str, float], scene: Scene, clothing: str
) -> tuple[np.ndarray, np.ndarray]:
    """Deprecated: the earlier normal offsets ("none", "tight" 4 mm, "regular" 12–15 mm) on
    one body; vertices to render and per-face albedo. Use :func:`dress_body`."""
    reg = _legacy_regions(body, levels_cm)
    albedo = np.tile(scene.skin_bgr, (len(body.vertices), 1))
    if scene.hair_bgr is not None:
        albedo[reg["hair"]] = scene.hair_bgr
    v = body.vertices
    if clothing != "none":
        top_off, bottom_off = LEGACY_OFFSETS_M[clothing]
        off = np.where(reg["top"], top_off, 0.0) + np.where(reg["bottom"], bottom_off, 0.0)
        v = v + vertex_normals(v, body.faces) * off[:, None]
        albedo[reg["top"]] = scene.top_bgr
        albedo[reg["bottom"]] = scene.bottom_bgr
    return v, albedo[body.faces].mean(axis=1)
