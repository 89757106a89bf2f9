"""A restart after a crash: jobs the dead process left behind end with a reason, and the
retrain they blocked can run again; readiness answers from the database and the artefacts."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitsvc.db import DEFAULT_TENANT, session_scope
from fitsvc.jobs_records import JobRecord
from tests.auth_helpers import authed_client
from tests.e2e.conftest_fit import make_app, shutdown

pytestmark = pytest.mark.e2e


def _leave_jobs_behind(app) -> None:
    """What a crash leaves: rows a runner thread was working on, written straight to the db."""
    from fitsvc import app_services

    with session_scope(app_services(app).engine) as s:
        for job_id, status in (("j-queued", "queued"), ("j-running", "running"),
                               ("j-cancelling", "cancelling"), ("j-done", "succeeded")):
            s.add(JobRecord(id=job_id, kind="fit_retrain", tenant_id=DEFAULT_TENANT,
                            params={}, progress={}, status=status))


def test_a_restart_ends_the_jobs_a_crash_left_and_unblocks_retraining(tmp_path: Path) -> None:
    first = make_app(tmp_path)
    _leave_jobs_behind(first)
    shutdown(first)
    second = make_app(tmp_path)  # the same database, a new process
    try:
        c = authed_client(second)
        got = {j: c.get(f"/v1/fit/jobs/{j}").get_json() for j in
               ("j-queued", "j-running", "j-cancelling", "j-done")}
        assert got["j-queued"]["status"] == got["j-running"]["status"] == "failed"
        assert got["j-cancelling"]["status"] == "cancelled"
        assert got["j-done"]["status"] == "succeeded" and got["j-done"]["error"] is None
        assert "interrupted" in got["j-running"]["error"] and "again" in got["j-running"]["error"]
        r = c.post("/v1/fit/models/retrain", json={})
        assert r.status_code == 202, r.get_json()
    finally:
        shutdown(second)


def test_jobs_of_another_live_serving_process_are_left_running(tmp_path: Path) -> None:
    """gunicorn starts several serving processes on one database: a new one must not end the
    jobs its live siblings run; only those of processes that are gone."""
    import socket
    import subprocess
    import sys

    from fitsvc import app_services

    first = make_app(tmp_path)
    sibling = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    host = socket.gethostname()
    owners = {"j-sibling": f"{host}:{sibling.pid}", "j-gone": f"{host}:{gone}",
              "j-elsewhere": "another-host:1234", "j-legacy": None}
    with session_scope(app_services(first).engine) as s:
        for job_id, owner in owners.items():
            s.add(JobRecord(id=job_id, kind="fit_retrain", tenant_id=DEFAULT_TENANT,
                            params={}, progress={}, status="running", owner=owner))
    shutdown(first)
    second = make_app(tmp_path)
    try:
        c = authed_client(second)
        got = {j: c.get(f"/v1/fit/jobs/{j}").get_json()["status"] for j in owners}
        assert got == {"j-sibling": "running", "j-gone": "failed", "j-elsewhere": "running",
                       "j-legacy": "failed"}
    finally:
        sibling.kill()
        shutdown(second)


def test_readiness_asks_the_database(tmp_path: Path) -> None:
    from fitsvc import app_services

    app = make_app(tmp_path)
    try:
        c = authed_client(app)
        ok = c.get("/readyz")
        assert ok.status_code == 200
        assert ok.get_json()["checks"] == {"database": True, "measure_model": True,
                                           "photo_model": True, "body_prior": True,
                                           "mediapipe_installed": True}
        (tmp_path / "fit.sqlite3").unlink()  # the database file is gone …
        (tmp_path / "fit.sqlite3").mkdir()  # … and a directory stands in its way
        app_services(app).engine.dispose()
        down = c.get("/readyz")
        assert down.status_code == 503
        assert down.get_json()["checks"]["database"] is False
    finally:
        shutdown(app)


def test_an_artefact_named_in_meta_json_must_exist(tmp_path: Path) -> None:
    from fitsvc.measure.readiness import artefact_present

    (tmp_path / "meta.json").write_text('{"artefact": "model.joblib"}')
    assert not artefact_present(tmp_path)
    (tmp_path / "model.joblib").write_bytes(b"x")
    assert artefact_present(tmp_path)
    (tmp_path / "meta.json").write_text("{not json")
    assert not artefact_present(tmp_path)
