"""Tables of the access layer: API keys (hashed), the audit log, customer activity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from fitsvc.db import Base, TenantMixin, utcnow


class ApiKeyRecord(TenantMixin, Base):
    """One API key. Only a salted HMAC-SHA256 of its secret is stored; the key is shown once."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(24), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(128), default="")
    salt: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditRecord(TenantMixin, Base):
    """Who read, changed or deleted personal data. The customer is kept only as a keyed
    hash (``customer_ref``), so the log survives the customer's erasure without naming them."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_tenant_at", "tenant_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(64))  # key id, or "customer-token:<key id>"
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))  # read | create | delete | erase | purge
    resource: Mapped[str] = mapped_column(String(32))  # scan | customer | pattern | ...
    resource_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    customer_ref: Mapped[str | None] = mapped_column(String(32), nullable=True)


class CustomerActivityRecord(TenantMixin, Base):
    """When a customer was last active (scan, fit, feedback, token): drives retention."""

    __tablename__ = "customer_activity"

    customer_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_active_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
