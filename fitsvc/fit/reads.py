"""Hot reads of POST /v1/fit, cached per process (owned by ``Services``).

* Fit models: a built :class:`FitModel` per (tenant, version, revision), least recently used
  dropped. For a query naming a customer, which version is active and its revision are read
  from the database every time (one light query), so an erasure (which bumps the revision of
  every version it changed) is seen at once by every process. A query naming no customer
  uses no customer offset, so nothing an erasure removes: it takes the active version this
  process found within ``ttl_s``, and a promotion or rollback made elsewhere reaches it
  within that time (through this process's API: at once; a retrain job's promotion: within
  that time too).
* Catalog items: parsed :class:`Item` per (tenant, item id) for ``ttl_s`` seconds. A change
  made through this process forgets the tenant's items at once; another process sees it
  within ``ttl_s`` (``FITSVC_READ_CACHE_S``, default 2; 0 turns the cache off).

Scans are never cached: an erased customer's measurements must never be served again.
"""

from __future__ import annotations

import threading
from typing import Any

from cachetools import LRUCache, TTLCache
from sqlalchemy.engine import Connection, Engine

from fitsvc.fit.catalog_store import load_items
from fitsvc.fit.model import FitModel, Item
from fitsvc.fit.registry import active_model

_MISS = object()


class FitReads:
    """Fit models and catalog items of one engine, cached as described above."""

    def __init__(self, engine: Engine, ttl_s: float = 2.0, max_models: int = 64,
                 max_items: int = 20_000) -> None:
        self.engine = engine
        self.ttl_s = ttl_s
        self._models: LRUCache[Any, FitModel] = LRUCache(maxsize=max_models)
        self._active: TTLCache[str, tuple[FitModel, str]] | None = (
            TTLCache(maxsize=max_items, ttl=ttl_s) if ttl_s > 0 else None)
        self._items: TTLCache[tuple[str, str], Item | None] | None = (
            TTLCache(maxsize=max_items, ttl=ttl_s) if ttl_s > 0 else None)
        self._lock = threading.Lock()

    def model(self, tenant: str, conn: Connection | None = None, exact: bool = True
              ) -> tuple[FitModel, str]:
        """The tenant's active model and its version name (``fit-v<N>``), looked up on
        ``conn`` when given; ``exact`` False (a query naming no customer) may answer with
        the version found within ``ttl_s``."""
        if not exact and self._active is not None:
            with self._lock:
                hit = self._active.get(tenant)
            if hit is not None:
                return hit
        found = active_model(self.engine, tenant, self._models, self._lock, conn)
        if self._active is not None:
            with self._lock:
                self._active[tenant] = found
        return found

    def forget_model(self, tenant: str) -> None:
        """After this process promoted or rolled back a version."""
        if self._active is not None:
            with self._lock:
                self._active.pop(tenant, None)

    def items(self, tenant: str, ids: list[str]) -> dict[str, Item]:
        """Items by id (unknown ids are absent), from the cache where fresh."""
        if self._items is None:
            return load_items(self.engine, tenant, ids)
        out: dict[str, Item] = {}
        missing: list[str] = []
        with self._lock:
            for item_id in ids:
                hit = self._items.get((tenant, item_id), _MISS)
                if hit is _MISS:
                    missing.append(item_id)
                elif isinstance(hit, Item):
                    out[item_id] = hit
        if missing:
            loaded = load_items(self.engine, tenant, missing)
            with self._lock:
                for item_id in missing:
                    self._items[(tenant, item_id)] = loaded.get(item_id)
            out.update(loaded)
        return out

    def forget_items(self, tenant: str) -> None:
        """After this process changed the tenant's catalog."""
        if self._items is None:
            return
        with self._lock:
            for key in [k for k in self._items if k[0] == tenant]:
                self._items.pop(key, None)
