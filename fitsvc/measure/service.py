"""Photo → body measurements: the one entry point used by the API, the CLI and the benches."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from fitsvc.errors import InvalidInput, PhotoRejected
from fitsvc.measure import images, photo_model, quality
from fitsvc.measure.estimator import load_default
from fitsvc.measure.keypoints import KeypointDetector, Pose
from fitsvc.measure.overlay import render_scan, snapshot
from fitsvc.measure.readings import FrontReading, SideReading, read_front, read_side
from fitsvc.measure.silhouette import clean_mask

_VIEWS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="scan-view")
FRONT_KEYS = ("shoulder_breadth", "chest_breadth", "waist_breadth", "hip_breadth", "crotch_height")
SIDE_KEYS = ("chest_depth", "waist_depth", "hip_depth")


@dataclass
class Subject:
    """What the customer tells us; stature sets the scale."""

    height_cm: float
    weight_kg: float | None = None
    sex: str | None = None
    age: float | None = None

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
        return self

    def observed(self) -> dict[str, Any]:
        return {"stature": self.height_cm, "weight_kg": self.weight_kg, "sex": self.sex,
                "age": self.age}


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


def _detect(detector: KeypointDetector, data: bytes, view: str, min_side: int) -> tuple[Pose, Any, list[str]]:
    rgb = images.decode_photo(data, view=view, min_side=min_side)
    warnings = images.check_exposure(rgb, view=view)
    pose = detector.detect(rgb)
    mask = clean_mask(pose.mask) if pose is not None and pose.mask is not None else None
    quality.check_person(pose, mask, view)
    assert pose is not None and mask is not None
    quality.check_framing(pose, mask, view)
    quality.check_view(pose, view)
    quality.check_pose(pose, view)
    return pose, mask, warnings + quality.soft_warnings(pose, view)


def measure_photos(
    front: bytes,
    side: bytes | None,
    height_cm: float,
    weight_kg: float | None = None,
    sex: str | None = None,
    age: float | None = None,
    detector: KeypointDetector | None = None,
    *,
    min_side: int = 256,
    overlay: bool = True,
) -> MeasurementResult:
    """Measure a customer from a front photo (and ideally a side photo) plus their height."""
    subject = Subject(height_cm, weight_kg, sex, age).validate()
    if detector is None:
        from fitsvc.measure.keypoints import build_detector

        detector = build_detector("mediapipe")
    # The side photo is detected on another thread while this one does the front.
    side_job = _VIEWS.submit(_detect, detector, side, "side", min_side) if side else None
    f_pose, f_mask, warnings = _detect(detector, front, "front", min_side)
    fr = read_front(f_mask, f_pose.points[:, :2], subject.height_cm)
    warnings += fr.warnings
    sr: SideReading | None = None
    if side_job is not None:
        s_pose, s_mask, s_warn = side_job.result()
        warnings += s_warn
        sr = read_side(s_mask, s_pose.points[:, :2], subject.height_cm, fr.levels_cm)
    else:
        warnings.append("no_side_photo_wider_intervals")
    observed = _observed(fr, sr)
    features = {**subject.observed(), **observed}
    estimator = load_default()
    feature_set = estimator.feature_set(features)
    try:
        measurements = estimator.predict(features)
    except ValueError as exc:  # a silhouette reading outside any human range
        raise PhotoRejected(
            f"the photos could not be measured reliably ({exc})", code="pose_not_suitable",
            hint="Stand straight, arms 30–45° from the body, in tight clothes, whole body in view.",
            details={"view": "front", "reason": "reading_out_of_range"}) from None
    # The photo model learned on synthetic people (raw readings + ANSUR predictions → girths);
    # a no-op when models/measure_photo/ is absent.
    measurements = photo_model.refine(features, measurements, feature_set)
    result = MeasurementResult(
        measurements=measurements,
        warnings=warnings,
        feature_set=feature_set,
        observed={k: round(v, 2) for k, v in observed.items()},
        levels_cm=_levels(fr, sr),
        overlay_views=[snapshot(v.frame) for v in (fr, sr) if v is not None] if overlay else [],
    )
    return result


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


def _observed(fr: FrontReading, sr: SideReading | None) -> dict[str, float]:
    out = {k: fr.values_cm[k] for k in FRONT_KEYS}
    out.update({k: v for k, v in fr.values_cm.items() if k not in FRONT_KEYS})
    if sr is not None:
        out["chest_breadth"] = fr.frame.width_cm(sr.levels_cm["chest"])
        out.update({k: sr.values_cm[k] for k in SIDE_KEYS})
    return out


def _levels(fr: FrontReading, sr: SideReading | None) -> dict[str, float]:
    levels = dict(fr.levels_cm)
    if sr is not None:
        levels["chest"] = sr.levels_cm["chest"]
    return {k: round(v, 1) for k, v in levels.items()}
