"""Logged-in web sessions for shop and tailor staff: log in once with an API key.

The signed session cookie (HttpOnly, SameSite=Lax) keeps only the key's id and a CSRF token,
never the key; the access layer checks the key is still active on every request and asks
state-changing calls to echo the CSRF token in ``X-CSRF-Token``.
"""

from __future__ import annotations

import secrets

from flask import session
from sqlalchemy.engine import Engine

from fitsvc.auth.keys import verify_key
from fitsvc.auth.principal import Principal


def log_in(engine: Engine, key: str) -> Principal | None:
    """Open a session for a valid key; None (and no session) for anything else."""
    who = verify_key(engine, key.strip())
    session.clear()
    if who is None:
        return None
    session.update(key_id=who.key_id, tenant=who.tenant, role=who.role,
                   csrf=secrets.token_urlsafe(24))
    return who


def log_out() -> None:
    session.clear()


def current() -> dict[str, str] | None:
    """The logged-in key's id, tenant, role and CSRF token, or None."""
    if not session.get("key_id"):
        return None
    return {k: str(session.get(k, "")) for k in ("key_id", "tenant", "role", "csrf")}
