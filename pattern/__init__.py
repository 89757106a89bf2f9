"""Pattern library: measurements -> drafted blocks -> graded runs -> exports.

Never imports Flask or fitsvc; the service wraps it.
"""

from pattern.draft import BLOCKS, Draft, draft_block, get_block
from pattern.errors import (
    BadOption,
    BadSizeChart,
    DraftError,
    ImplausibleMeasurement,
    MissingMeasurement,
    PatternError,
    UnknownBlock,
)
from pattern.grade import GradedRun, SizeChart, grade
from pattern.measurements import EXTRAS, HEADLINE, NAMES, Measurements

__all__ = ["BLOCKS", "EXTRAS", "HEADLINE", "NAMES", "BadOption", "BadSizeChart", "Draft",
           "DraftError", "GradedRun", "ImplausibleMeasurement", "Measurements",
           "MissingMeasurement", "PatternError", "SizeChart", "UnknownBlock", "draft_block",
           "get_block", "grade"]
