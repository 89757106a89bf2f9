"""API key rows, read on every authenticated request, kept per process for a moment.

A key's row (id, tenant, role, salt, digest; never the key) is kept ``ttl_s`` seconds
(``FITSVC_READ_CACHE_S``, default 2; 0 turns this off); the secret is still checked against
the digest on every request. A revocation through this process is seen at once; another
serving process sees it within ``ttl_s``. Unknown or revoked ids are never kept, so a new
key works everywhere at once. Owned by ``Services``.
"""

from __future__ import annotations

import threading
from typing import Any

from cachetools import TTLCache
from sqlalchemy import Row
from sqlalchemy.engine import Engine

from fitsvc.auth.keys import active_key


class KeyReads:
    def __init__(self, engine: Engine, ttl_s: float = 2.0, maxsize: int = 10_000) -> None:
        self.engine = engine
        self._rows: TTLCache[str, Row[Any]] | None = (
            TTLCache(maxsize=maxsize, ttl=ttl_s) if ttl_s > 0 else None)
        self._lock = threading.Lock()

    def active(self, key_id: str) -> Row[Any] | None:
        """The unrevoked key's row, or None."""
        if self._rows is None:
            return active_key(self.engine, key_id)
        with self._lock:
            hit = self._rows.get(key_id)
        if hit is not None:
            return hit
        row = active_key(self.engine, key_id)
        if row is not None:
            with self._lock:
                self._rows[key_id] = row
        return row

    def forget(self, key_id: str) -> None:
        """After this process revoked the key."""
        if self._rows is not None:
            with self._lock:
                self._rows.pop(key_id, None)
