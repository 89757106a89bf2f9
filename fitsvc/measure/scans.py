"""Scan use cases: create from photos, read, delete (tenant-scoped)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from fitsvc.auth.principal import Principal
from fitsvc.db import get_owned, owned_exists, session_scope
from fitsvc.errors import NotFound, ServiceError
from fitsvc.measure.keypoints import KeypointDetector
from fitsvc.measure.overlay import render_scan
from fitsvc.measure.records import ScanRecord
from fitsvc.measure.service import (
    MeasurementResult,
    estimate_without_photos,
    measure_photos,
    measure_silhouettes,
)
from fitsvc.storage import ArtefactStore, artefact_key, cached


def with_customer(subject: dict[str, Any], who: Principal) -> dict[str, Any]:
    """A customer token's scans belong to its customer, whatever the form says."""
    return {**subject, "customer_id": who.customer_id} if who.customer_id else subject


def create_scan(engine: Engine, detector: KeypointDetector, tenant: str, front: bytes,
                side: bytes | None, subject: dict[str, Any], *, min_side: int = 256,
                max_pixels: int = 40_000_000) -> dict[str, Any]:
    """Measure the photos, store the result (not the photos), return the public view."""
    result = measure_photos(front, side, detector=detector, min_side=min_side,
                            max_pixels=max_pixels, **_subject(subject))
    return _store(engine, tenant, "photo", _person(subject), result,
                  subject.get("keep_silhouettes", True))


def _person(subject: dict[str, Any]) -> dict[str, Any]:
    """The subject fields a scan record keeps (the camera pitch used is in ``observed``; the
    clothing answer only shapes the estimate)."""
    return {k: v for k, v in subject.items()
            if k not in ("camera_pitch_deg", "clothing", "keep_silhouettes")}


def _subject(subject: dict[str, Any]) -> dict[str, Any]:
    """What the measuring functions take (the owner is not one of them)."""
    return {k: v for k, v in subject.items() if k not in ("customer_id", "keep_silhouettes")}


def create_silhouette_scan(engine: Engine, tenant: str, front_mask: bytes,
                           side_mask: bytes | None, subject: dict[str, Any], *,
                           max_pixels: int = 40_000_000) -> dict[str, Any]:
    """Measure a phone app's person masks; store the result (not the masks)."""
    result = measure_silhouettes(front_mask, side_mask, max_pixels=max_pixels,
                                 **_subject(subject))
    return _store(engine, tenant, "silhouette", _person(subject), result,
                  subject.get("keep_silhouettes", True))


def create_estimate(engine: Engine, tenant: str, subject: dict[str, Any]) -> dict[str, Any]:
    """The no-photo estimate, stored like a scan so it can feed fit and patterns."""
    return _store(engine, tenant, "estimate", subject, estimate_without_photos(**_subject(subject)))


def _store(engine: Engine, tenant: str, kind: str, subject: dict[str, Any],
           result: MeasurementResult, keep_silhouettes: bool = True) -> dict[str, Any]:
    rec = ScanRecord(
        id=str(uuid.uuid4()), tenant_id=tenant, kind=kind, feature_set=result.feature_set,
        measurements=result.measurements_dict(), warnings=result.warnings,
        observed=result.observed, levels_cm=result.levels_cm,
        overlay_views=result.overlay_views if keep_silhouettes else [],
        **subject,
    )
    with session_scope(engine) as s:
        s.add(rec)
    return scan_view(rec)


def get_scan(engine: Engine, tenant: str, scan_id: str, customer: str | None = None) -> ScanRecord:
    """The tenant's scan; with ``customer``, only that customer's (404 otherwise)."""
    rec = get_owned(engine, ScanRecord, scan_id, tenant, "scan")
    if customer is not None and rec.customer_id != customer:
        raise NotFound(f"scan {scan_id} not found")
    return rec


def customer_scans(engine: Engine, tenant: str, customer: str, limit: int, offset: int
                   ) -> list[ScanRecord]:
    """A customer's scans, newest first."""
    with session_scope(engine) as s:
        return list(s.scalars(select(ScanRecord).where(
            ScanRecord.tenant_id == tenant, ScanRecord.customer_id == customer)
            .order_by(ScanRecord.created_at.desc()).limit(limit).offset(offset)))


def overlay_png(engine: Engine, store: ArtefactStore, rec: ScanRecord) -> bytes:
    """The scan's overlay picture, drawn once from its stored silhouette snapshots and then
    kept in the artefact store (erased with the scan)."""
    if not rec.overlay_views:
        raise ServiceError("this scan has no overlay (no photos were measured)",
                           code="no_overlay", status=404,
                           hint="Overlays exist for photo scans, not for estimates.")
    key = artefact_key(rec.tenant_id, "scans", rec.id, "overlay.png")
    return cached(store, key, lambda: {key: render_scan(
        rec.overlay_views, rec.measurements, rec.levels_cm, rec.feature_set)},
        lambda: owned_exists(engine, ScanRecord, rec.id, rec.tenant_id))


def scan_view(rec: ScanRecord) -> dict[str, Any]:
    return {
        "id": rec.id,
        "kind": rec.kind,
        "feature_set": rec.feature_set,
        "customer_id": rec.customer_id,
        "subject": {"height_cm": rec.height_cm, "weight_kg": rec.weight_kg, "sex": rec.sex,
                    "age": rec.age},
        "measurements": rec.measurements,
        "warnings": rec.warnings,
        "observed_cm": rec.observed,
        "levels_cm": rec.levels_cm,
        "overlay_url": f"/v1/scans/{rec.id}/overlay.png" if rec.overlay_views else None,
    }
