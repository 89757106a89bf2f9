"""Fair dispatch: one tenant's backlog neither exceeds its running cap nor blocks others."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from fitsvc.jobs_fair import FairDispatcher


def test_a_tenant_runs_at_most_its_cap_and_others_get_a_turn() -> None:
    pool = ThreadPoolExecutor(max_workers=2)
    fair = FairDispatcher(pool, per_tenant=1)
    release = threading.Event()
    order: list[str] = []
    peak = {"a": 0}
    lock = threading.Lock()

    def work(tenant: str, k: int) -> None:
        with lock:
            order.append(f"{tenant}{k}")
            peak[tenant] = max(peak.get(tenant, 0), fair.running(tenant))
        if tenant == "a":
            release.wait(5)

    for k in range(5):
        fair.submit("a", lambda k=k: work("a", k))
    fair.submit("b", lambda: work("b", 0))
    deadline = time.monotonic() + 5
    while "b0" not in order and time.monotonic() < deadline:
        time.sleep(0.01)
    assert order[:2] in (["a0", "b0"], ["b0", "a0"])  # b did not wait behind a's backlog
    assert fair.running("a") == 1
    release.set()
    while len(order) < 6 and time.monotonic() < deadline:
        time.sleep(0.01)
    pool.shutdown(wait=True)
    assert sorted(order) == ["a0", "a1", "a2", "a3", "a4", "b0"]
    assert peak["a"] == 1


def test_after_close_nothing_more_is_handed_out() -> None:
    pool = ThreadPoolExecutor(max_workers=1)
    fair = FairDispatcher(pool, per_tenant=1)
    gate = threading.Event()
    ran: list[int] = []
    fair.submit("a", lambda: gate.wait(5))
    fair.submit("a", lambda: ran.append(1))
    fair.close()
    gate.set()
    pool.shutdown(wait=True)
    assert ran == []
