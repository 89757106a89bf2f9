"""The per-tenant queue cap holds when several processes submit at once (PostgreSQL)."""

from __future__ import annotations

import pytest

from fitsvc.db import make_engine
from fitsvc.migrate import upgrade
from tests.job_cap_race import race

pytestmark = [pytest.mark.scale, pytest.mark.slow]


def test_processes_submitting_together_never_exceed_the_cap(pg_url: str) -> None:
    upgrade(make_engine(pg_url))
    assert race(pg_url, "shop", processes=4, per_process=6, cap=7) == 7
