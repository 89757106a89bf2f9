"""The artefacts table of the ``database`` artefact store (fitsvc/storage.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from fitsvc.db import Base, utcnow


class ArtefactRecord(Base):
    __tablename__ = "artefacts"

    # "<tenant>/<kind>/<id>/<file>": the tenant leads, so keys never cross tenants
    key: Mapped[str] = mapped_column(String(512), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
