"""Fair dispatch of in-process jobs: at most ``per_tenant`` jobs of one tenant run at once,
the others wait in that tenant's queue, and tenants take turns for free workers, so one
shop's hundred markers cannot hold every worker while another shop's retrain waits."""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor


class FairDispatcher:
    """Hands ``(tenant, work)`` pairs to a thread pool, ``per_tenant`` at a time per tenant."""

    def __init__(self, pool: ThreadPoolExecutor, per_tenant: int) -> None:
        self._pool = pool
        self._per_tenant = max(1, per_tenant)
        self._waiting: dict[str, deque[Callable[[], None]]] = {}
        self._running: Counter[str] = Counter()
        self._turns: deque[str] = deque()  # tenants with waiting work, in turn order
        self._lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Hand out nothing more (the pool is shutting down; what waits stays queued)."""
        with self._lock:
            self._closed = True

    def submit(self, tenant: str, work: Callable[[], None]) -> None:
        with self._lock:
            if tenant not in self._waiting or not self._waiting[tenant]:
                self._waiting[tenant] = deque()
                self._turns.append(tenant)
            self._waiting[tenant].append(work)
        self._dispatch()

    def running(self, tenant: str) -> int:
        with self._lock:
            return self._running[tenant]

    def _dispatch(self) -> None:
        with self._lock:
            if self._closed:
                return
            for _ in range(len(self._turns)):
                tenant = self._turns.popleft()
                queue = self._waiting[tenant]
                if self._running[tenant] < self._per_tenant and queue:
                    work = queue.popleft()
                    self._running[tenant] += 1
                    self._pool.submit(self._run, tenant, work)
                if queue:
                    self._turns.append(tenant)

    def _run(self, tenant: str, work: Callable[[], None]) -> None:
        try:
            work()
        finally:
            with self._lock:
                self._running[tenant] -= 1
            self._dispatch()
