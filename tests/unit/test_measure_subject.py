"""What the customer tells us is validated before any photo is looked at."""

from __future__ import annotations

import pytest

from fitsvc.errors import InvalidInput
from fitsvc.measure.service import Subject


@pytest.mark.parametrize(("field", "value", "code"), [
    ("height_cm", 99.0, "invalid_height"), ("weight_kg", 400.0, "invalid_weight"),
    ("sex", "other", "invalid_sex"), ("age", 12.0, "invalid_age"),
    ("camera_pitch_deg", 75.0, "invalid_camera_pitch"), ("clothing", "baggy", "invalid_clothing"),
])
def test_out_of_range_inputs_are_refused_with_a_stable_code(field, value, code) -> None:
    with pytest.raises(InvalidInput) as err:
        Subject(**{"height_cm": 170.0, field: value}).validate()
    assert err.value.code == code and err.value.hint


def test_a_full_subject_passes_and_reaches_the_measurement_person() -> None:
    s = Subject(172.0, 70.0, "female", 40.0, camera_pitch_deg=-12.5, clothing="tight").validate()
    person = s.person()
    assert (person.height_cm, person.weight_kg, person.sex, person.clothing) == (
        172.0, 70.0, "female", "tight")
