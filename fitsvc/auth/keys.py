"""API keys: created per tenant and role, stored hashed, shown once, revocable.

A key reads ``fsk_<id>_<secret>``: the id finds the row, the 256-bit secret is checked
against ``HMAC-SHA256(salt, secret)`` with a constant-time comparison. Keys are random, not
chosen by people, so a fast keyed hash is the right tool (a slow password hash would only
slow every request); a stolen table gives no usable key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import Row, bindparam, select
from sqlalchemy.engine import Engine

from fitsvc.auth.principal import ROLES, Principal
from fitsvc.auth.records import ApiKeyRecord
from fitsvc.db import session_scope, utcnow
from fitsvc.errors import InvalidInput, NotFound

PREFIX = "fsk_"
_KEY = re.compile(r"^fsk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
TENANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def _digest(salt: str, secret: str) -> str:
    return hmac.new(bytes.fromhex(salt), secret.encode(), hashlib.sha256).hexdigest()


def create_key(engine: Engine, tenant: str, role: str, label: str = "") -> tuple[dict[str, Any], str]:
    """A new key for ``tenant`` with ``role``: (its public view, the key itself, shown once)."""
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}", code="unknown_role",
                           hint=f"Roles: {', '.join(ROLES)}.")
    if not TENANT.match(tenant):
        raise InvalidInput(f"invalid tenant name {tenant!r}", code="invalid_tenant",
                           hint="1–64 letters, digits, '.', '_' or '-'.")
    key_id, secret, salt = secrets.token_hex(8), secrets.token_urlsafe(32), secrets.token_hex(16)
    rec = ApiKeyRecord(id=key_id, tenant_id=tenant, role=role, label=label[:128], salt=salt,
                       digest=_digest(salt, secret))
    with session_scope(engine) as s:
        s.add(rec)
    return key_view(rec), f"{PREFIX}{key_id}_{secret}"


def verify_key(engine: Engine, presented: str,
               lookup: Callable[[str], Row[Any] | None] | None = None) -> Principal | None:
    """The key's principal, or None when it is malformed, unknown, wrong or revoked
    (``lookup``: how to find an active key's row, e.g. ``KeyReads.active``)."""
    m = _KEY.match(presented)
    if m is None:
        return None
    key_id, secret = m.groups()
    rec = lookup(key_id) if lookup is not None else active_key(engine, key_id)
    if rec is None or not hmac.compare_digest(rec.digest, _digest(rec.salt, secret)):
        return None
    return Principal(tenant=rec.tenant_id, role=rec.role, key_id=rec.id)


def active_key(engine: Engine, key_id: str) -> Any:
    """The unrevoked key's id, tenant_id, role, salt and digest (every request asks: one
    prepared Core query, no ORM session)."""
    with engine.connect() as conn:
        return conn.execute(_ACTIVE_KEY, {"key_id": key_id}).first()


_k = ApiKeyRecord
_ACTIVE_KEY = select(_k.id, _k.tenant_id, _k.role, _k.salt, _k.digest).where(
    _k.id == bindparam("key_id"), _k.revoked_at.is_(None))


def list_keys(engine: Engine, tenant: str | None = None, limit: int | None = None,
              offset: int = 0) -> list[dict[str, Any]]:
    """Keys (never their secrets), of one tenant or of all when ``tenant`` is None, oldest
    first, a page of them with ``limit``/``offset``."""
    q = select(ApiKeyRecord).order_by(ApiKeyRecord.created_at, ApiKeyRecord.id)
    q = q.limit(limit).offset(offset)
    if tenant is not None:
        q = q.where(ApiKeyRecord.tenant_id == tenant)
    with session_scope(engine) as s:
        return [key_view(r) for r in s.scalars(q)]


def revoke_key(engine: Engine, key_id: str, tenant: str | None = None) -> dict[str, Any]:
    """Revoke a key (and with it every customer token it issued); idempotent."""
    with session_scope(engine) as s:
        rec = s.get(ApiKeyRecord, key_id)
        if rec is None or (tenant is not None and rec.tenant_id != tenant):
            raise NotFound(f"key {key_id} not found")
        if rec.revoked_at is None:
            rec.revoked_at = utcnow()
        return key_view(rec)


def any_key(engine: Engine) -> bool:
    with session_scope(engine) as s:
        return s.scalars(select(ApiKeyRecord.id).limit(1)).first() is not None


def key_view(rec: ApiKeyRecord) -> dict[str, Any]:
    return {"id": rec.id, "tenant": rec.tenant_id, "role": rec.role, "label": rec.label,
            "created_at": rec.created_at.isoformat() if rec.created_at else None,
            "revoked": rec.revoked_at is not None}
