"""Stored scans: inputs, results and overlay snapshots. Photos are never stored."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from fitsvc.db import Base, TenantMixin


class ScanRecord(TenantMixin, Base):
    __tablename__ = "scans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # the storefront's customer this scan belongs to (erased with the customer); None when
    # the scan was taken without naming one
    customer_id: Mapped[str | None] = mapped_column(String(128), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(16), default="photo")  # photo | silhouette | estimate
    height_cm: Mapped[float] = mapped_column(Float)
    weight_kg: Mapped[float | None] = mapped_column(Float, nullable=True)
    sex: Mapped[str | None] = mapped_column(String(8), nullable=True)
    age: Mapped[float | None] = mapped_column(Float, nullable=True)
    feature_set: Mapped[str] = mapped_column(String(16))
    measurements: Mapped[dict[str, Any]] = mapped_column(JSON)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    observed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    levels_cm: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Silhouette snapshots the overlay picture is drawn from (see measure/overlay.py).
    overlay_views: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
