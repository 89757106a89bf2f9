"""Stored pattern requests and their results (files are re-rendered on demand)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from fitsvc.db import Base, TenantMixin


class PatternRecord(TenantMixin, Base):
    __tablename__ = "patterns"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    block: Mapped[str] = mapped_column(String(32))
    mode: Mapped[str] = mapped_column(String(16))  # mtm | graded
    # the scan it was drafted from: deleting the scan deletes the pattern
    scan_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("scans.id", ondelete="CASCADE"), nullable=True, index=True)
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
