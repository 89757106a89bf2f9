"""Pure helpers on binary silhouettes: horizontal runs of a row."""

from __future__ import annotations

import numpy as np


def runs(row: np.ndarray) -> list[tuple[int, int]]:
    """Half-open [start, end) column intervals where a boolean row is set."""
    padded = np.concatenate(([0], row.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
