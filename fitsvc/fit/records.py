"""Fit tables: catalog items (with their size chart), feedback, scan corrections, models."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fitsvc.db import Base, TenantMixin


class FitItemRecord(TenantMixin, Base):
    """A catalog item; `sizes` is the ordered size chart [{"size": "S", "chest": 92, ...}]."""

    __tablename__ = "fit_items"
    __table_args__ = (UniqueConstraint("tenant_id", "item_id", name="uq_fit_items_tenant_item"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(String(128), index=True)
    category: Mapped[str] = mapped_column(String(64))
    fit_intent: Mapped[str] = mapped_column(String(16), default="regular")
    stretch: Mapped[str] = mapped_column(String(8), default="none")
    chart_kind: Mapped[str] = mapped_column(String(8), default="garment")
    sizes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class FitFeedbackRecord(TenantMixin, Base):
    """A customer's outcome on one item in one size (small / fit / large / returned)."""

    __tablename__ = "fit_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    customer_id: Mapped[str] = mapped_column(String(128), index=True)
    item_id: Mapped[str] = mapped_column(String(128), index=True)
    size: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16))
    regions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # deleting the scan deletes the row (it holds a copy of the scan's measurements)
    scan_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("scans.id", ondelete="CASCADE"), nullable=True, index=True)
    measurements: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model_version: Mapped[str | None] = mapped_column(String(32), nullable=True)


class ScanCorrectionRecord(TenantMixin, Base):
    """A tailor's corrected body measurements (cm) for a scan; applied when the scan is used."""

    __tablename__ = "fit_scan_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    scan_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("scans.id", ondelete="CASCADE"), index=True)
    corrections: Mapped[dict[str, Any]] = mapped_column(JSON)


class FitModelRecord(TenantMixin, Base):
    """One storefront model version: params, learned offsets, metrics; one is active."""

    __tablename__ = "fit_models"
    __table_args__ = (UniqueConstraint("tenant_id", "version", name="uq_fit_models_version"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    version: Mapped[int] = mapped_column(Integer)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    item_offsets: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    customer_offsets: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # {item_id: {size: offset}}: per-size deviations from the item offset
    size_offsets: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # {"item": {id: {region: cm}}, "customer": {...}} learned from region notes
    region_offsets: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    previous_active: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # bumped whenever a stored version is changed in place (an erasure drops a customer's
    # offsets): processes that cache built models key them by (version, revision)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
