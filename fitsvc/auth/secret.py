"""The server's secret key (signs customer tokens and keys the audit log's customer refs)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_secret_key(configured: str | None, path: Path) -> str:
    """``configured`` when set (``FITSVC_SECRET_KEY``); otherwise a random key kept in
    ``path`` (created once, readable by the owner only), so tokens survive a restart."""
    if configured:
        return configured
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key
