"""The audit log: who read, changed or deleted a customer's personal data, and when."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from fitsvc.auth.principal import Principal
from fitsvc.auth.records import AuditRecord
from fitsvc.db import session_scope


def customer_ref(secret_key: str, tenant: str, customer_id: str) -> str:
    """A keyed hash naming a customer in the log without storing who they are."""
    msg = f"{tenant}\x00{customer_id}".encode()
    return hmac.new(secret_key.encode(), msg, hashlib.sha256).hexdigest()[:32]


def record(engine: Engine, secret_key: str, who: Principal, action: str, resource: str,
           resource_id: str | None = None, customer_id: str | None = None) -> None:
    record_many(engine, secret_key, who, action, resource, [(resource_id, customer_id)])


def record_many(engine: Engine, secret_key: str, who: Principal, action: str, resource: str,
                targets: Iterable[tuple[str | None, str | None]]) -> None:
    """One entry per (resource id, customer id), written in one transaction."""
    with session_scope(engine) as s:
        s.add_all(AuditRecord(
            tenant_id=who.tenant, actor=who.actor, role=who.role, action=action,
            resource=resource, resource_id=rid,
            customer_ref=customer_ref(secret_key, who.tenant, cid) if cid else None)
            for rid, cid in targets)


def entries(engine: Engine, tenant: str, limit: int, offset: int,
            ref: str | None = None) -> list[dict[str, Any]]:
    """The tenant's log, newest first; ``ref`` narrows it to one customer."""
    q = select(AuditRecord).where(AuditRecord.tenant_id == tenant)
    if ref is not None:
        q = q.where(AuditRecord.customer_ref == ref)
    q = q.order_by(AuditRecord.id.desc()).limit(limit).offset(offset)
    with session_scope(engine) as s:
        return [{"at": r.created_at.isoformat(), "actor": r.actor, "role": r.role,
                 "action": r.action, "resource": r.resource, "resource_id": r.resource_id,
                 "customer_ref": r.customer_ref} for r in s.scalars(q)]
