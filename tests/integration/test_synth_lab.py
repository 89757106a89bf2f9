"""The wide synthetic lab end to end: two people written, photos and masks agree, factors pin."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from fitsvc.measure.lab_data import read_mask
from fitsvc.synth.lab import write_lab

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    out = tmp_path_factory.mktemp("lab")
    write_lab(out, [0, 1], 31, progress=False, camera="floor", clothing="skirt")
    return out


def test_people_are_written_with_truth_and_their_capture(lab) -> None:
    people = [json.loads(line) for line in (lab / "people.jsonl").read_text().splitlines()]
    assert [p["sex"] for p in people] == ["female", "male"]
    for p in people:
        assert p["capture"]["camera"] == "floor" and p["capture"]["clothing"] == "skirt"
        assert p["camera"]["pitch_deg"] > 5  # a phone on the floor looks up
        m = p["measurements_cm"]
        assert m["hip_girth"] > m["thigh_girth"] and 140 < p["stature_cm"] < 210
        assert 12 < p["bmi"] < 60 and 18 <= p["age_years"] <= 80


def test_photos_and_exact_masks_show_the_same_person(lab) -> None:
    for pid in ("L31-00000", "L31-00001"):
        for view in ("front", "side"):
            img = Image.open(io.BytesIO((lab / pid / f"{view}.jpg").read_bytes()))
            mask = read_mask(lab / pid / f"{view}_mask.png")
            assert img.format == "JPEG" and mask.shape == (img.height, img.width)
            rows = np.flatnonzero(mask.any(axis=1))
            assert rows[0] > 0 and rows[-1] < mask.shape[0] - 1  # whole body in the frame
            assert 0.4 < (rows[-1] - rows[0]) / mask.shape[0] < 0.97


def test_resuming_skips_people_already_written(lab) -> None:
    before = (lab / "people.jsonl").read_text()
    write_lab(lab, [0, 1], 31, progress=False, camera="floor", clothing="skirt")
    assert (lab / "people.jsonl").read_text() == before
