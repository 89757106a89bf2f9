"""Avatars of stored scans: anny fitted to a scan's measurements, exported as GLB/OBJ.

Fitting takes seconds of CPU, so it is a job (``avatar``) on the job port: with Celery it
runs on a worker, not in the web process. The job renders both files into the artefact
store (``<tenant>/scans/<id>/avatar.glb|obj``), shared by every serving process and erased
with the scan. ``avatar_file`` answers from the store, else queues the job (or joins the one
already queued for that scan) and waits for it up to ``wait_s``; past that, the caller gets
the job to poll. Deleted scans and other tenants' scans raise NotFound first.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from fitsvc.db import owned_exists, session_scope
from fitsvc.errors import ServiceError
from fitsvc.jobs import TERMINAL, JobContext, task
from fitsvc.jobs_records import JobRecord
from fitsvc.storage import ArtefactStore, artefact_key, cached
from fitsvc.synth.avatar import GIRTHS, export_mesh, fit_avatar

FORMATS = ("glb", "obj")
JOB_KIND = "avatar"


def render_avatar(engine: Engine, store: ArtefactStore, tenant: str, scan_id: str,
                  fmt: str = "glb") -> bytes:
    """Fit the scan's avatar and store both files (or read them, when already there)."""
    from fitsvc.measure.records import ScanRecord
    from fitsvc.measure.scans import get_scan

    rec = get_scan(engine, tenant, scan_id)

    def render() -> dict[str, bytes]:
        targets = {"stature": float(rec.height_cm)}
        targets.update({g: float(rec.measurements[g]["value_cm"]) for g in GIRTHS
                        if g in rec.measurements})
        sex = rec.sex or ("female" if targets.get("hip_girth", 0) - targets.get(
            "chest_girth", 0) > 4 else "male")
        body = fit_avatar(sex, targets, rec.weight_kg).body
        return {artefact_key(tenant, "scans", scan_id, f"avatar.{f}"): export_mesh(body, f)
                for f in FORMATS}

    return cached(store, artefact_key(tenant, "scans", scan_id, f"avatar.{fmt}"), render,
                  lambda: owned_exists(engine, ScanRecord, scan_id, tenant))


@task(JOB_KIND)
def avatar_task(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    data = render_avatar(ctx.engine, ctx.store, ctx.tenant_id, str(params["scan_id"]))
    return {"scan_id": params["scan_id"], "glb_bytes": len(data)}


def avatar_file(engine: Engine, store: ArtefactStore, jobs: Any, tenant: str, scan_id: str,
                fmt: str, wait_s: float) -> tuple[bytes | None, dict[str, Any] | None]:
    """(file bytes, None) when ready within ``wait_s``; (None, the job) otherwise. The caller
    has checked that the scan is the tenant's (and the customer's): ``owned_scan``."""
    key = artefact_key(tenant, "scans", scan_id, f"avatar.{fmt}")
    data = store.get(key)
    if data is not None:
        return data, None
    job_id = _open_job(engine, tenant, scan_id) or jobs.submit(JOB_KIND, {"scan_id": scan_id},
                                                               tenant)
    deadline = time.monotonic() + wait_s
    while True:
        info = jobs.get(job_id, tenant)
        if info["status"] in TERMINAL:
            break
        if time.monotonic() >= deadline:
            return None, info
        time.sleep(0.1)
    if info["status"] != "succeeded" or (data := store.get(key)) is None:
        if info["status"] == "succeeded":  # a store that keeps nothing (ARTEFACT_STORE=none)
            return render_avatar(engine, store, tenant, scan_id, fmt), None
        raise ServiceError(f"the avatar could not be made: {info.get('error') or info['status']}",
                           code="avatar_failed", status=500, hint="Report this as a bug.")
    return data, None


def _open_job(engine: Engine, tenant: str, scan_id: str) -> str | None:
    """An avatar job of this scan still queued or running (concurrent requests share it)."""
    with session_scope(engine) as s:
        for job_id, params in s.execute(select(JobRecord.id, JobRecord.params).where(
                JobRecord.tenant_id == tenant, JobRecord.kind == JOB_KIND,
                JobRecord.status.in_(("queued", "running")))):
            if (params or {}).get("scan_id") == scan_id:
                return str(job_id)
    return None
