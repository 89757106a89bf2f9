"""ESICUP strip-packing instances (jagua-rs JSON) in, SOL.json out.

SOL.json: ``{"strip_width": W, "length": L, "density": D, "placements": [{"item_id": i,
"rotation_deg": r, "translation": [x, y]}]}``; a piece is rotated about its own origin,
then translated; the strip is [0, L] x [0, W].
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pattern.nest.engine import EngineItem, StripProblem
from pattern.nest.errors import NestInputError
from pattern.nest.solution import MarkerSolution


def problem_from_json(data: dict[str, Any]) -> StripProblem:
    """Engine problem from an ESICUP JSON instance (outlines kept as given)."""
    items = []
    for it in data.get("items", []):
        shape = it.get("shape", {})
        if shape.get("type") != "simple_polygon":
            raise NestInputError(f"item {it.get('id')}: only simple_polygon shapes are supported")
        pts = [(float(x), float(y)) for x, y in shape["data"]]
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts = pts[:-1]
        orient = it.get("allowed_orientations")
        items.append(EngineItem(str(it["id"]), tuple(pts), int(it["demand"]),
                                None if orient is None else tuple(float(a) for a in orient)))
    if not items:
        raise NestInputError("instance has no items")
    return StripProblem(tuple(items), float(data["strip_height"]), 0.0, str(data.get("name", "")))


def load_problem(path: str | Path) -> StripProblem:
    """Read an ESICUP instance file."""
    return problem_from_json(json.loads(Path(path).read_text()))


def solution_json(sol: MarkerSolution) -> dict[str, Any]:
    """The SOL.json document of a solution."""
    return {
        "strip_width": sol.strip_width,
        "length": sol.length,
        "density": sol.efficiency,
        "placements": [
            {"item_id": int(p.key) if p.key.lstrip("-").isdigit() else p.key,
             "rotation_deg": p.rotation_deg, "translation": [p.translation[0], p.translation[1]]}
            for p in sol.placements
        ],
    }


def write_solution(sol: MarkerSolution, path: str | Path) -> None:
    Path(path).write_text(json.dumps(solution_json(sol), indent=1))
