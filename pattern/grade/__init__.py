"""Size charts and grading (re-draft per size, derive AAMA-style grade rules)."""

from pattern.grade.chart import SizeChart
from pattern.grade.grade import GradedRun, grade

__all__ = ["GradedRun", "SizeChart", "grade"]
