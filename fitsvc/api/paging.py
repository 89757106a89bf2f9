"""Paging of list endpoints: ``?limit=`` 1–1000 (default 100) and ``?offset=`` 0–2³¹−1."""

from __future__ import annotations

from flask import request

from fitsvc.errors import ServiceError

MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1  # larger ones overflow the database's integer (a 500 before)


def paging(default_limit: int = 100) -> tuple[int, int]:
    """``limit`` and ``offset`` of the current request as integers, or a 400 ``invalid_paging``."""
    try:
        lim = int(request.args.get("limit", default_limit))
        off = int(request.args.get("offset", 0))
    except ValueError:
        lim, off = 0, -1
    if not 1 <= lim <= MAX_LIMIT or not 0 <= off <= MAX_OFFSET:
        raise ServiceError(f"limit must be an integer 1–{MAX_LIMIT} and offset an integer "
                           f"0–{MAX_OFFSET}",
                           code="invalid_paging", status=400,
                           hint="Page with ?limit=100&offset=0, then offset=100, …")
    return lim, off
