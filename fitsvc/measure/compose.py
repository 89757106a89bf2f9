"""Readings of a scan + what the customer told us → every measurement with its interval.

1. The photo model (:mod:`photo_model`) gives the girths and lengths a silhouette shows, each
   with a calibrated 90 % interval that is wide where the capture was hard.
2. A capture in which no torso outline can be read (the intervals of chest, waist and hip
   all wider than ±``MAX_HALFWIDTH_CM``) is refused rather than guessed.
3. The ANSUR II body prior (:mod:`body_prior`) fills in the measurements a photo does not
   show, conditioned on the photo's values and their uncertainty.
4. Ranges and cross-checks (:mod:`consistency`).
5. Warnings that name what widened the intervals: arms against the body, loose clothes
   (a classifier learned on the lab's outlines says so), a steep camera, no side photo.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from fitsvc.errors import PhotoRejected
from fitsvc.measure import body_prior, consistency, photo_model
from fitsvc.measure.definitions import TARGETS
from fitsvc.measure.estimator import Estimate
from fitsvc.measure.views import Extraction

MAX_HALFWIDTH_CM = 20.0
ARMS_APART_MIN = 0.3
TORSO = ("chest_girth", "waist_girth", "hip_girth")


@dataclass(frozen=True)
class Person:
    height_cm: float
    weight_kg: float | None
    sex: str | None
    clothing: str | None = None  # tight | regular | loose, as the customer says


def _round(v: float, lo: float, hi: float) -> Estimate:
    return Estimate(round(v, 2), round(max(lo, 0.0), 2), round(hi, 2))


LOOSE_WARNING_P = 0.5


def _row(ex: Extraction, person: Person, views: str) -> dict[str, Any]:
    return {"readings": ex.readings, "stature": person.height_cm, "weight_kg": person.weight_kg,
            "sex": person.sex, "clothing": person.clothing, "pitch_source": ex.pitch_source,
            "views": views}


def photo_estimates(ex: Extraction, person: Person, views: str
                    ) -> tuple[dict[str, Estimate], float | None]:
    """The photo model's estimates, and its P(loose clothes) of the outline."""
    pred, p_loose = photo_model.load_default().predict_with_flag(_row(ex, person, views))
    return {t: _round(*pred[t]) for t in photo_model.TARGETS}, p_loose


def check_torso_visible(photo: dict[str, Estimate], view: str) -> None:
    half = [(photo[t].high_cm - photo[t].low_cm) / 2 for t in TORSO]
    if min(half) > MAX_HALFWIDTH_CM:
        raise PhotoRejected(
            f"{view} photo: the outline of the body cannot be read (±{min(half):.0f} cm at best)",
            code="pose_not_suitable",
            hint="Stand with your arms a little away from your body, in tight clothes, and add "
                 "a side photo.", details={"view": view, "reason": "torso_not_visible"})


def all_measurements(photo: dict[str, Estimate], person: Person) -> dict[str, Estimate]:
    prior = body_prior.load_default()
    observed = {t: (e.value_cm, (e.high_cm - e.low_cm) / 2 / body_prior.Z90)
                for t, e in photo.items() if t in body_prior.PHOTO_OBSERVED}
    post = prior.condition(person.height_cm, person.weight_kg, person.sex, observed)
    out: dict[str, Estimate] = {}
    for t in TARGETS:
        if t == "stature":
            out[t] = Estimate(person.height_cm, person.height_cm, person.height_cm)
        elif t in photo:
            out[t] = photo[t]
        else:
            mean, sd = post[t]
            half = body_prior.Z90 * prior.scale * sd
            out[t] = _round(mean, mean - half, mean + half)
    return out


def warnings_for(ex: Extraction, person: Person, views: str, p_loose: float | None) -> list[str]:
    out = list(ex.warnings)
    if person.clothing == "loose" or (person.clothing is None and p_loose is not None
                                      and p_loose > LOOSE_WARNING_P):
        out.append("loose_clothing_wider_intervals")
    apart = ex.readings.get("arms_apart")
    if apart is not None and np.isfinite(apart) and apart < ARMS_APART_MIN:
        out.append("front_arms_against_body_wider_intervals:chest_girth,waist_girth,hip_girth")
    if views == "front":
        out.append("no_side_photo_wider_intervals")
    return out


def measure_readings(ex: Extraction, person: Person, views: str) -> tuple[dict[str, Estimate], list[str]]:
    """Every measurement of a scan plus its warnings (raises PhotoRejected; see module doc)."""
    photo, p_loose = photo_estimates(ex, person, views)
    check_torso_visible(photo, "front" if views == "front" else "front and side")
    consistency.check_ranges(photo)
    measurements, adjusted = consistency.make_consistent(all_measurements(photo, person))
    return measurements, warnings_for(ex, person, views, p_loose) + adjusted


def observed_summary(ex: Extraction) -> dict[str, Any]:
    """A few readings for the stored scan (cm, and the camera pitch in degrees)."""
    r = ex.readings
    keys = {"shoulder_breadth": "shoulder_w", "waist_breadth": "waist_w", "hip_breadth": "hip_w",
            "neck_breadth": "neck_w", "chest_depth": "chest_d", "waist_depth": "waist_d",
            "hip_depth": "hip_d"}
    out = {k: round(float(r[v]), 2) for k, v in keys.items()
           if r.get(v) is not None and np.isfinite(r[v])}
    out["camera_pitch_deg"] = round(ex.pitch_deg, 1)
    return out


def levels_cm(ex: Extraction, stature: float) -> dict[str, float]:
    """Heights of the drawn levels. Arms against the body make the front's narrowest and
    widest torso rows those of the hands: the profile's levels are drawn then."""
    r = ex.readings
    apart = r.get("arms_apart")
    arms_in = apart is not None and np.isfinite(apart) and apart < ARMS_APART_MIN
    side = arms_in and r.get("waist_dh") is not None and r.get("hip_dh") is not None
    frac = {"waist": r.get("waist_dh" if side else "waist_h"),
            "hip": r.get("hip_dh" if side else "hip_h"), "crotch": r.get("crotch_h"),
            "chest": r.get("chest_dh"), "armpit": r.get("armpit_h")}
    out = {k: round(float(v) * stature, 1) for k, v in frac.items()
           if v is not None and np.isfinite(v)}
    if "crotch" in out:
        out["thigh"] = round(out["crotch"] - 2.0, 1)
    return out
