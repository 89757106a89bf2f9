"""Default settings and their environment overrides; no side effects at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": f"sqlite:///{ROOT / 'var' / 'fitsvc.sqlite3'}",
    "JOB_RUNNER": "inprocess",
    "JOB_WORKERS": 2,
    # FITSVC_JOB_RUNNER=celery: jobs go through Redis to Celery workers (fitsvc/celery_app.py)
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CELERY_VISIBILITY_TIMEOUT": 600,  # s before a dead worker's unacked job is redelivered
    "JOB_LEASE_S": 30,  # s a worker's claim on a running job lasts without a heartbeat
    "JOB_MAX_RETRIES": 5,  # retries of a job after transient errors (database/Redis away)
    "CELERY_IMPORTS": "",  # extra task modules for the workers, comma list
    # rendered pattern/marker files, overlays, avatars: local | database | none (storage.py);
    # ARTEFACT_DIR unset: "artefacts" beside a SQLite file, else var/artefacts
    "ARTEFACT_STORE": "local",
    "ARTEFACT_DIR": None,
    "DETECTOR": "mediapipe",
    "MAX_CONTENT_LENGTH": 25 * 1024 * 1024,
    "MAX_IMAGE_PIXELS": 40_000_000,
    "MIN_IMAGE_SIDE": 256,
    # signs customer tokens; when unset, a random key is kept in SECRET_KEY_FILE
    "SECRET_KEY": None,
    "SECRET_KEY_FILE": str(ROOT / "var" / "secret_key"),
    "CORS_ORIGINS": "*",  # origins whose pages may call the API (the size widget); comma list
    "DEMO": True,  # the demo shop at /demo/shop (its own tenant "demo"); 0 turns it off
    "RETENTION_DAYS": 365,  # customers inactive this long are erased; 0 = keep
    "RETENTION_CHECK_HOURS": 6,
    "AUDIT_RETENTION_DAYS": 730,  # audit entries older than this go with the purge; 0 = keep
    # per credential (API key or customer token); flask-limiter syntax, "" = no limit
    "RATE_LIMIT": "600 per minute",
    "RATE_LIMIT_SCANS": "20 per minute",
    "RATELIMIT_STORAGE_URI": "memory://",
    "MAX_PHOTO_BYTES": 15 * 1024 * 1024,
    "MAX_JOBS_QUEUED": 20,  # unfinished jobs per tenant (queued or running); 0 = no cap
    "MAX_JOBS_RUNNING": 1,  # jobs of one tenant running at once; the others wait their turn
    "JOB_CAP_WAIT_S": 5,
    # Celery beat: s between sweeps for jobs whose message was lost (fitsvc/jobs_sweep.py);
    # a job is looked at once it is this old (0: twice the visibility timeout, at least 60 s)
    "JOB_SWEEP_S": 300,
    "JOB_SWEEP_MIN_AGE_S": 0,  # Celery: s before a job held back by MAX_JOBS_RUNNING is looked at again
    # s another process's catalog change may take to reach this one's fit queries; 0 = no cache
    "READ_CACHE_S": 2.0,
    "AVATAR_WAIT_S": 30.0,  # s GET avatar.glb waits for its job before answering 202
    "FIT_RETRAIN_EVERY": 100,  # new feedback rows that trigger a guarded retrain; 0 = off
    "API_TITLE": "fitsvc",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
}

_INT_KEYS = {"FIT_RETRAIN_EVERY", "MAX_PHOTO_BYTES", "MAX_JOBS_QUEUED", "MAX_JOBS_RUNNING",
             "RETENTION_DAYS", "RETENTION_CHECK_HOURS", "AUDIT_RETENTION_DAYS", "JOB_WORKERS",
             "MAX_CONTENT_LENGTH", "MAX_IMAGE_PIXELS", "MIN_IMAGE_SIDE",
             "CELERY_VISIBILITY_TIMEOUT", "JOB_LEASE_S", "JOB_MAX_RETRIES", "JOB_CAP_WAIT_S",
             "JOB_SWEEP_S", "JOB_SWEEP_MIN_AGE_S"}
_FLOAT_KEYS = {"READ_CACHE_S", "AVATAR_WAIT_S"}
_BOOL_KEYS = {"DEMO", "SESSION_COOKIE_SECURE"}


def from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read `FITSVC_*` variables (and plain `DATABASE_URL`, `REDIS_URL`) into config keys."""
    out: dict[str, Any] = {}
    for plain in ("DATABASE_URL", "REDIS_URL"):
        if plain in environ:
            out[plain] = environ[plain]
    for name, raw in environ.items():
        if not name.startswith("FITSVC_"):
            continue
        key = name.removeprefix("FITSVC_")
        if key in _INT_KEYS:
            out[key] = int(raw)
        elif key in _FLOAT_KEYS:
            out[key] = float(raw)
        elif key in _BOOL_KEYS:
            out[key] = raw.strip().lower() in {"1", "true", "yes", "on"}
        else:
            out[key] = raw
    return out


def build(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the environment, then explicit overrides (tests)."""
    cfg = dict(DEFAULTS)
    cfg.update(from_environ(os.environ))
    if overrides:
        cfg.update(overrides)
    return cfg
