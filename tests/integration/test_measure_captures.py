"""Customer-like captures (sample_data/captures, from the wide lab, never trained on): they are
accepted, measured near the truth, and silhouette scans agree with photo scans.

The people: floor camera tilted up + arms hanging against the body + T-shirt and jeans in a
cluttered room; far camera + A-pose in both views (another renderer's set-up) + underwear;
camera held at head height + forearms in front in profile + skirt on a bright background;
tripod + arms hanging + loose clothes in a dark room. Tolerances: see TOL_CM.
"""

from __future__ import annotations

import io
import json

import cv2
import numpy as np
import pytest
from PIL import Image

from fitsvc.measure.service import measure_photos, measure_silhouettes
from tests.conftest import ROOT

pytestmark = pytest.mark.integration

CAPTURES = ROOT / "sample_data" / "captures"
PEOPLE = {p["id"]: p for p in map(json.loads, (CAPTURES / "people.jsonl").read_text().splitlines())}
GIRTHS = ("chest_girth", "waist_girth", "hip_girth")
# bench/measure_e2e.py on 400 held-out lab people (models/measure_photo/MODEL_CARD.md): MAE
# of chest/waist/hip 3.7–4.9 cm (photos, height only) and 90 % intervals covering 89–93 %.
# Over these 8 people × 3 girths the median error must stay within that MAE band and at
# least 18 of the 24 truths inside their intervals (P(≤ 18 of 24) ≈ 3 % at 90 % coverage),
# so that the fixed people pass unless the pipeline regresses; a per-reading bound would
# fail on the tail the bench itself reports.
MEDIAN_ABS_CM = 5.0
MIN_COVERED = 18


def _near_truth(results: dict) -> None:
    errors, covered = [], 0
    for pid, res in results.items():
        for g in GIRTHS:
            e, truth = res.measurements[g], PEOPLE[pid]["measurements_cm"][g]
            errors.append(abs(e.value_cm - truth))
            covered += e.low_cm <= truth <= e.high_cm
    assert len(errors) == 3 * len(PEOPLE)
    assert float(np.median(errors)) < MEDIAN_ABS_CM, sorted(np.round(errors, 1))
    assert covered >= MIN_COVERED, (covered, len(errors))


def _photo(pid: str, view: str) -> bytes:
    return (CAPTURES / pid / f"{view}.jpg").read_bytes()


def _mask_png(pid: str, view: str) -> bytes:
    return (CAPTURES / pid / f"{view}_mask.png").read_bytes()


@pytest.fixture(scope="module")
def photo_scans(mediapipe_detector) -> dict:
    return {pid: measure_photos(_photo(pid, "front"), _photo(pid, "side"), p["stature_cm"],
                                detector=mediapipe_detector, overlay=False)
            for pid, p in PEOPLE.items()}


def test_every_capture_is_accepted_and_near_the_truth(photo_scans) -> None:
    _near_truth(photo_scans)


def test_arms_against_the_body_are_measured_with_a_warning(photo_scans) -> None:
    hanging = [pid for pid, p in PEOPLE.items() if p["capture"]["front_arms"] == "hanging"]
    assert hanging
    warned = [pid for pid in hanging
              if any(w.startswith("front_arms_against_body") for w in photo_scans[pid].warnings)]
    assert warned, "no hanging-arms capture was flagged"
    apose = [pid for pid, p in PEOPLE.items() if p["capture"]["front_arms"] == "apose"]

    def width(pid: str) -> float:
        m = photo_scans[pid].measurements
        return float(np.mean([m[g].high_cm - m[g].low_cm for g in GIRTHS]))

    assert np.mean([width(p) for p in warned]) > np.mean([width(p) for p in apose])


def test_silhouette_scan_of_the_photo_mask_gives_the_photo_scan(mediapipe_detector) -> None:
    """Same masks and the same pitch → the same numbers: one measurement path."""
    from fitsvc.measure.service import detect_view

    pid = sorted(PEOPLE)[0]
    p = PEOPLE[pid]
    masks = []
    for view in ("front", "side"):
        _, mask, _, _ = detect_view(mediapipe_detector, _photo(pid, view), view, 256)
        ok, png = cv2.imencode(".png", mask.astype(np.uint8) * 255)
        assert ok
        masks.append(png.tobytes())
    pitch = p["camera"]["pitch_deg"]
    photo = measure_photos(_photo(pid, "front"), _photo(pid, "side"), p["stature_cm"],
                           detector=mediapipe_detector, camera_pitch_deg=pitch, overlay=False)
    sil = measure_silhouettes(masks[0], masks[1], p["stature_cm"], camera_pitch_deg=pitch,
                              overlay=False)
    for g in GIRTHS:
        assert sil.measurements[g].value_cm == pytest.approx(photo.measurements[g].value_cm, abs=0.05)


def test_silhouette_scans_of_exact_masks_are_near_the_truth() -> None:
    _near_truth({pid: measure_silhouettes(_mask_png(pid, "front"), _mask_png(pid, "side"),
                                          p["stature_cm"], camera_pitch_deg=p["camera"]["pitch_deg"],
                                          overlay=False)
                 for pid, p in PEOPLE.items()})


def test_a_12_megapixel_photo_measures_like_the_original(mediapipe_detector, photo_scans) -> None:
    pid = sorted(PEOPLE)[2]
    p = PEOPLE[pid]

    def upscale(data: bytes) -> bytes:
        img = Image.open(io.BytesIO(data)).convert("RGB")
        k = (12e6 / (img.width * img.height)) ** 0.5
        buf = io.BytesIO()
        img.resize((round(img.width * k), round(img.height * k)), Image.LANCZOS).save(
            buf, "JPEG", quality=92)
        return buf.getvalue()

    big = measure_photos(upscale(_photo(pid, "front")), upscale(_photo(pid, "side")),
                         p["stature_cm"], detector=mediapipe_detector, overlay=False)
    for g in GIRTHS:
        assert big.measurements[g].value_cm == pytest.approx(
            photo_scans[pid].measurements[g].value_cm, abs=1.5)


def test_a_dark_background_is_judged_on_the_person(mediapipe_detector) -> None:
    """A lit person against black: the frame's mean brightness is far below the old 35/255
    threshold, the person is not; the scan is accepted."""
    pid = next(pid for pid, p in PEOPLE.items() if p["capture"]["background"] == "studio")
    p = PEOPLE[pid]
    out = []
    for view in ("front", "side"):
        rgb = np.asarray(Image.open(io.BytesIO(_photo(pid, view))).convert("RGB"))
        mask = cv2.imread(str(CAPTURES / pid / f"{view}_mask.png"), cv2.IMREAD_GRAYSCALE) > 127
        mask = cv2.dilate(mask.astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)
        dark = np.where(mask[..., None], rgb, 0).astype(np.uint8)
        assert dark.mean() < 35
        buf = io.BytesIO()
        Image.fromarray(dark).save(buf, "PNG")
        out.append(buf.getvalue())
    res = measure_photos(out[0], out[1], p["stature_cm"], detector=mediapipe_detector,
                         overlay=False)
    hip = res.measurements["hip_girth"]
    assert hip.low_cm <= p["measurements_cm"]["hip_girth"] <= hip.high_cm


def test_heic_photos_as_an_iphone_sends_them_measure_like_the_jpegs(mediapipe_detector,
                                                                  photo_scans) -> None:
    import fitsvc.measure.images  # noqa: F401  (registers the HEIF codec with Pillow)

    pid = sorted(PEOPLE)[0]

    def heic(data: bytes) -> bytes:
        buf = io.BytesIO()
        Image.open(io.BytesIO(data)).save(buf, format="HEIF", quality=92)
        assert buf.getvalue()[4:12] == b"ftypheic"
        return buf.getvalue()

    res = measure_photos(heic(_photo(pid, "front")), heic(_photo(pid, "side")),
                         PEOPLE[pid]["stature_cm"], detector=mediapipe_detector, overlay=False)
    # re-encoding moves MediaPipe's mask by a pixel here and there: the same person, within
    # the interval the JPEG scan gave
    for g in GIRTHS:
        jpeg = photo_scans[pid].measurements[g]
        assert jpeg.low_cm <= res.measurements[g].value_cm <= jpeg.high_cm, g
    assert res.feature_set == "front_side"
