"""The jobs table: state, progress and result of long work (markers, retraining, ...)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fitsvc.db import Base, TenantMixin


class JobRecord(TenantMixin, Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    progress: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # a helper job spawned by a running job (a marker's extra seeds): not counted against
    # the tenant's caps, cancelled with its parent
    parent_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    # in-process runner: "<host>:<pid>" of the serving process whose threads run the job
    owner: Mapped[str | None] = mapped_column(String(128), nullable=True)
