"""Avatars of stored scans: anny fitted to a scan's measurements, exported as GLB/OBJ.

Fitting takes seconds, so each scan's fitted body is kept in a small in-process LRU cache;
export is cheap. Deleted scans and other tenants' scans raise NotFound before the cache is read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from fitsvc.synth.avatar import GIRTHS, export_mesh, fit_avatar
from fitsvc.synth.body import Body

_CACHE: OrderedDict[tuple[str, str], Body] = OrderedDict()
_LOCK = threading.Lock()


def scan_avatar(engine: Any, tenant: str, scan_id: str, fmt: str = "glb") -> bytes:
    """The avatar of a stored scan as GLB/OBJ bytes (fitted once per scan, cached in memory)."""
    from fitsvc.measure.scans import get_scan

    rec = get_scan(engine, tenant, scan_id)  # NotFound for other tenants / deleted scans
    key = (tenant, scan_id)
    with _LOCK:
        if key not in _CACHE:
            targets = {"stature": float(rec.height_cm)}
            targets.update({g: float(rec.measurements[g]["value_cm"]) for g in GIRTHS
                            if g in rec.measurements})
            sex = rec.sex or ("female" if targets.get("hip_girth", 0) - targets.get(
                "chest_girth", 0) > 4 else "male")
            _CACHE[key] = fit_avatar(sex, targets, rec.weight_kg).body
            while len(_CACHE) > 32:
                _CACHE.popitem(last=False)
        body = _CACHE[key]
    return export_mesh(body, fmt)


def forget_avatar(tenant: str, scan_id: str) -> None:
    """Drop a scan's fitted body from the cache (its scan was erased)."""
    with _LOCK:
        _CACHE.pop((tenant, scan_id), None)
