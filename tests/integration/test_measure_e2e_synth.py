"""Photo → measurements end to end on two committed synthetic people (exact ground truth).

Tolerance: bench/measure_e2e.py (100 held-out people, seed 100, front+side+height; see
models/measure_photo/MODEL_CARD.md) gives P90 absolute errors of 2.3 (chest), 1.5 (waist) and
1.5 cm (hip); 3.5 cm (1.5× the worst P90) keeps the test stable while still failing when the
photo model or the readings regress (the ANSUR regressor alone: hip bias +5.4 cm, P90 6.9).
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLE_PEOPLE

pytestmark = pytest.mark.integration

TRUTH = json.loads((SAMPLE_PEOPLE / "truth.json").read_text())["people"]
TOL_CM = 3.5


@pytest.mark.parametrize("pid", ["s7-002", "s7-003"])
def test_front_side_girths_within_bench_tolerance(pid: str, mediapipe_detector) -> None:
    from fitsvc.measure.service import measure_photos

    t = TRUTH[pid]
    res = measure_photos((SAMPLE_PEOPLE / pid / "front.png").read_bytes(),
                         (SAMPLE_PEOPLE / pid / "side.png").read_bytes(),
                         height_cm=t["stature_cm"], detector=mediapipe_detector, overlay=False)
    assert res.feature_set == "front_side"
    for g in ("chest_girth", "waist_girth", "hip_girth"):
        est, truth = res.measurements[g], t["measurements_cm"][g]
        assert est.low_cm <= est.value_cm <= est.high_cm
        assert abs(est.value_cm - truth) < TOL_CM, (g, est.value_cm, truth)
