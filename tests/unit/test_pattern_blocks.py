"""Every block × every size of both sample charts, plus doll/giant/apple bodies."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pattern import BLOCKS, Measurements, SizeChart, draft_block, grade
from tests.unit.pattern_asserts import assert_sound

CHARTS = Path(__file__).resolve().parents[2] / "sample_data" / "size_charts"


def _chart(name: str) -> SizeChart:
    return SizeChart.load(CHARTS / f"{name}.json")


def _extremes() -> dict[str, Measurements]:
    m = _chart("womens_eu").bodies["M"]
    apple = dict(_chart("mens_eu").bodies["XXL"].cm(), waist_girth=128.0, hip_girth=118.0,
                 sex="male")
    return {"doll": m.scaled(0.55), "giant": m.scaled(1.35),
            "apple": Measurements.from_cm(apple)}


def _bodies() -> list[tuple[str, Measurements]]:
    out = [(f"{c}:{s}", ch.bodies[s]) for c in ("womens_eu", "mens_eu")
           for ch in [_chart(c)] for s in ch.sizes]
    return out + list(_extremes().items())


BODIES = _bodies()


@pytest.mark.parametrize("block", sorted(BLOCKS))
@pytest.mark.parametrize("label,body", BODIES, ids=[b[0] for b in BODIES])
def test_block_quality(block: str, label: str, body: Measurements) -> None:
    assert_sound(draft_block(block, body))


@pytest.mark.parametrize("block", ["sleeve", "shirt"])
@pytest.mark.parametrize("label,body", BODIES, ids=[b[0] for b in BODIES])
def test_sleeve_cap_ease_in_range(block: str, label: str, body: Measurements) -> None:
    d = draft_block(block, body)
    armhole = float(d.store["armhole_back"]) + float(d.store["armhole_front"])  # type: ignore[arg-type]
    sleeve = d.piece("sleeve" if block == "sleeve" else "shirt_sleeve")
    ease = sleeve.edge("cap").length() - armhole
    target = armhole * d.options["cap_ease"]
    assert abs(ease - target) <= 2.0
    opt = BLOCKS[block].options["cap_ease"]
    assert opt.min * armhole - 2 <= ease <= opt.max * armhole + 2


@pytest.mark.parametrize("chart", ["womens_eu", "mens_eu"])
@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_areas_grow_with_size(block: str, chart: str) -> None:
    run = grade(block, _chart(chart))
    for piece in run.sample.pieces:
        areas = [run.drafts[s].piece(piece.name).area() for s in run.sizes]
        assert all(b > a for a, b in itertools.pairwise(areas)), (piece.name, areas)


def test_fit_intent_changes_ease() -> None:
    m = _chart("womens_eu").bodies["M"]
    fitted = draft_block("bodice", m, {"fit": "fitted"})
    relaxed = draft_block("bodice", m, {"fit": "relaxed"})
    assert fitted.options["chest_ease"] < relaxed.options["chest_ease"]
    assert fitted.piece("bodice_front").area() < relaxed.piece("bodice_front").area()


def test_trousers_crotch_matches_measurement() -> None:
    m = _chart("womens_eu").bodies["M"]
    d = draft_block("trousers", m)
    total = float(d.store["crotch_front"]) + float(d.store["crotch_back"])  # type: ignore[arg-type]
    assert abs(total - m["crotch_length"] * (1 + d.options["crotch_ease"])) < 1.0
