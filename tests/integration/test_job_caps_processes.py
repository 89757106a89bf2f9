"""The per-tenant queue cap holds when several processes submit at once (SQLite file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitsvc.db import make_engine
from fitsvc.migrate import upgrade
from tests.job_cap_race import race

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_processes_submitting_together_never_exceed_the_cap(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
    upgrade(make_engine(url))
    assert race(url, "shop", processes=4, per_process=6, cap=7) == 7
