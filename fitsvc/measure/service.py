"""Photos or silhouettes → body measurements: the entry points of the API, the CLI and benches.

A photo is decoded in memory (EXIF orientation applied, its focal length read, metadata
dropped), MediaPipe finds the person and their mask, the gates refuse what cannot be
measured; a silhouette scan sends the masks itself. Both then take the same path:
:func:`fitsvc.measure.views.extract` (pitch, level view, canonical frame, readings) and
:func:`fitsvc.measure.compose.measure_readings` (photo model, body prior, consistency).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fitsvc.errors import InvalidInput, PhotoRejected
from fitsvc.measure import images, quality, silhouette_scan
from fitsvc.measure.body_frame import largest_component
from fitsvc.measure.compose import Person, levels_cm, measure_readings, observed_summary
from fitsvc.measure.estimator import load_default
from fitsvc.measure.keypoints import KeypointDetector, Pose
from fitsvc.measure.overlay import render_scan, snapshot
from fitsvc.measure.views import ViewInput, extract

_VIEWS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="scan-view")


@dataclass
class Subject:
    """What the customer tells us; stature sets the scale."""

    height_cm: float
    weight_kg: float | None = None
    sex: str | None = None
    age: float | None = None
    camera_pitch_deg: float | None = None
    clothing: str | None = None

    def validate(self) -> Subject:
        if not 100 <= self.height_cm <= 230:
            raise InvalidInput(f"height_cm {self.height_cm} is outside 100–230 cm",
                               code="invalid_height", hint="Give your height in centimetres.")
        if self.weight_kg is not None and not 25 <= self.weight_kg <= 300:
            raise InvalidInput(f"weight_kg {self.weight_kg} is outside 25–300 kg",
                               code="invalid_weight", hint="Give your weight in kilograms.")
        if self.sex not in (None, "female", "male"):
            raise InvalidInput(f"sex must be 'female' or 'male', not {self.sex!r}",
                               code="invalid_sex", hint="Leave it out if you prefer not to say.")
        if self.age is not None and not 16 <= self.age <= 100:
            raise InvalidInput(f"age {self.age} is outside 16–100", code="invalid_age",
                               hint="The measurement model covers adults.")
        if self.clothing not in (None, "tight", "regular", "loose"):
            raise InvalidInput(f"clothing must be tight, regular or loose, not {self.clothing!r}",
                               code="invalid_clothing",
                               hint="tight: underwear, sportswear, leggings; regular: T-shirt, "
                                    "shorts, jeans; loose: loose shirt or trousers, skirt.")
        if self.camera_pitch_deg is not None and not -60 <= self.camera_pitch_deg <= 60:
            raise InvalidInput(f"camera_pitch_deg {self.camera_pitch_deg} is outside −60…60°",
                               code="invalid_camera_pitch",
                               hint="Send the phone's tilt: 0 held upright, positive tilted up.")
        return self

    def observed(self) -> dict[str, Any]:
        return {"stature": self.height_cm, "weight_kg": self.weight_kg, "sex": self.sex,
                "age": self.age}

    def person(self) -> Person:
        return Person(self.height_cm, self.weight_kg, self.sex, self.clothing)


@dataclass
class MeasurementResult:
    measurements: dict[str, Any]  # name → Estimate
    warnings: list[str]
    feature_set: str
    observed: dict[str, float] = field(default_factory=dict)
    levels_cm: dict[str, float] = field(default_factory=dict)
    overlay_views: list[dict[str, Any]] = field(default_factory=list)  # overlay.snapshot()s

    def measurements_dict(self) -> dict[str, dict[str, float]]:
        return {k: v.to_dict() for k, v in self.measurements.items()}

    def overlay_png(self) -> bytes | None:
        """Silhouette, keypoints and levels as a PNG (None for a no-photo estimate)."""
        if not self.overlay_views:
            return None
        return render_scan(self.overlay_views, self.measurements_dict(), self.levels_cm,
                           self.feature_set)


def detect_view(detector: KeypointDetector, data: bytes, view: str, min_side: int,
                max_pixels: int = 40_000_000) -> tuple[Pose, np.ndarray, list[str], float | None]:
    """(pose, person mask, warnings, EXIF focal length) of one photo that passed the gates."""
    photo = images.decode_photo(data, view=view, min_side=min_side, max_pixels=max_pixels)
    small = images.small_gray(photo.rgb)
    warnings = images.check_exposure(small, view=view)
    pose = detector.detect(photo.rgb)
    mask = largest_component(pose.mask > 0.5) if pose is not None and pose.mask is not None else None
    quality.check_person(pose, mask, view, float(small.gray.mean()))
    assert pose is not None and mask is not None
    warnings += images.check_person_exposure(images.person_exposure(small, mask), view=view)
    quality.check_framing(pose, mask, view)
    quality.check_view(pose, view)
    quality.check_pose(pose, view)
    return pose, mask, warnings + quality.soft_warnings(pose, mask, view), photo.focal_35mm


def measure_photos(
    front: bytes,
    side: bytes | None,
    height_cm: float,
    weight_kg: float | None = None,
    sex: str | None = None,
    age: float | None = None,
    detector: KeypointDetector | None = None,
    *,
    camera_pitch_deg: float | None = None,
    clothing: str | None = None,
    min_side: int = 256,
    max_pixels: int = 40_000_000,
    overlay: bool = True,
) -> MeasurementResult:
    """Measure a customer from a front (and ideally a side) photo plus their height."""
    subject = Subject(height_cm, weight_kg, sex, age, camera_pitch_deg, clothing).validate()
    if detector is None:
        from fitsvc.measure.keypoints import build_detector

        detector = build_detector("mediapipe")
    # The side photo is detected on another thread while this one does the front.
    side_job = (_VIEWS.submit(detect_view, detector, side, "side", min_side, max_pixels)
                if side else None)
    f_pose, f_mask, warnings, f_focal = detect_view(detector, front, "front", min_side, max_pixels)
    views = {"front": ViewInput(f_mask, f_pose.points, f_focal)}
    if side_job is not None:
        s_pose, s_mask, s_warn, s_focal = side_job.result()
        warnings += s_warn
        views["side"] = ViewInput(s_mask, s_pose.points, s_focal)
    return _measure(views, subject, warnings, overlay)


def measure_silhouettes(
    front_mask: bytes,
    side_mask: bytes | None,
    height_cm: float,
    weight_kg: float | None = None,
    sex: str | None = None,
    age: float | None = None,
    *,
    camera_pitch_deg: float | None = None,
    clothing: str | None = None,
    max_pixels: int = 40_000_000,
    overlay: bool = True,
) -> MeasurementResult:
    """Measure a customer from binary person masks (PNG, person white) plus their height."""
    subject = Subject(height_cm, weight_kg, sex, age, camera_pitch_deg, clothing).validate()
    views = {}
    for view, data in (("front", front_mask), ("side", side_mask)):
        if data is None:
            continue
        mask = silhouette_scan.decode_mask(data, view, max_pixels)
        silhouette_scan.check_mask(mask, view)
        views[view] = ViewInput(largest_component(mask))
    return _measure(views, subject, [], overlay)


def _measure(views: dict[str, ViewInput], subject: Subject, warnings: list[str],
             overlay: bool) -> MeasurementResult:
    feature_set = "front_side" if "side" in views else "front"
    try:
        ex = extract(views["front"], views.get("side"), subject.height_cm, subject.camera_pitch_deg,
                     map_views=_VIEWS.map)
    except ValueError as exc:
        raise PhotoRejected(f"the silhouette could not be read ({exc})", code="no_person",
                            hint="Make sure your whole body is in the picture.",
                            details={"view": "front", "reason": "no_silhouette"}) from None
    measurements, more = measure_readings(ex, subject.person(), feature_set)
    snaps = ([snapshot(ex.frames[v], ex.canonical_points(v, views[v].points)) for v in views]
             if overlay else [])
    return MeasurementResult(
        measurements=measurements, warnings=warnings + more, feature_set=feature_set,
        observed=observed_summary(ex), levels_cm=levels_cm(ex, subject.height_cm),
        overlay_views=snaps)


def estimate_without_photos(
    height_cm: float, weight_kg: float | None = None, sex: str | None = None,
    age: float | None = None,
) -> MeasurementResult:
    """The no-photo estimate from height (and weight, sex, age when given)."""
    subject = Subject(height_cm, weight_kg, sex, age).validate()
    estimator = load_default()
    features = subject.observed()
    warnings = [] if weight_kg is not None else ["no_weight_wider_intervals"]
    return MeasurementResult(estimator.predict(features), warnings, estimator.feature_set(features))
