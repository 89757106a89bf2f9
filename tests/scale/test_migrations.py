"""Alembic migrations on SQLite and PostgreSQL: from an empty database, and from the previous
release's schema with rows in it (rows kept, new columns and ON DELETE CASCADE keys added)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from tests.scale.migrate_helpers import BACKENDS, engine_for, make_previous_release, schema_diff

pytestmark = pytest.mark.scale
NOW = datetime(2025, 1, 2, tzinfo=timezone.utc)


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Engine:
    return engine_for(request.param, request)


def test_an_empty_database_is_migrated_to_the_models(engine: Engine) -> None:
    from fitsvc.migrate import current, head, upgrade

    assert upgrade(engine) == (None, head())
    assert current(engine) == head()
    assert schema_diff(engine) == []
    assert upgrade(engine) == (head(), head())  # a second start changes nothing


def _insert_old_rows(engine: Engine) -> None:
    rows = {
        "scans": [{"id": sid, "kind": "estimate", "height_cm": 170.0, "feature_set": "h",
                   "measurements": "{}", "warnings": "[]", "observed": "{}", "levels_cm": "{}",
                   "overlay_views": "[]"} for sid in ("s1", "s2")],
        "fit_feedback": [{"customer_id": "c1", "item_id": "i1", "size": "M", "outcome": "fit",
                          "regions": "{}", "scan_id": sid, "measurements": "{}"}
                         for sid in ("s1", "gone")],
        "fit_scan_corrections": [{"scan_id": sid, "corrections": json.dumps({"waist_girth": 80})}
                                 for sid in ("s1", "gone")],
        "patterns": [{"id": "p1", "block": "skirt", "mode": "mtm", "request": "{}", "result": "{}"}],
        "fit_models": [{"version": 1, "params": "{}", "item_offsets": "{}", "customer_offsets": "{}",
                        "metrics": "{}", "active": True}],
    }
    with engine.begin() as conn:
        for table, items in rows.items():
            for row in items:
                row.update(tenant_id="default", created_at=NOW)
                cols = ", ".join(row)
                conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES "
                                  f"({', '.join(':' + c for c in row)})"), row)


def _count(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def test_the_previous_release_is_stamped_and_upgraded_keeping_its_rows(engine: Engine) -> None:
    from fitsvc.migrate import INITIAL, head, upgrade

    make_previous_release(engine)
    assert "customer_id" not in {c["name"] for c in inspect(engine).get_columns("scans")}
    _insert_old_rows(engine)
    assert upgrade(engine) == (None, head())
    assert schema_diff(engine) == []
    insp = inspect(engine)
    assert {"api_keys", "audit_log", "customer_activity"} <= set(insp.get_table_names())
    assert "scan_id" in {c["name"] for c in insp.get_columns("patterns")}
    for table in ("fit_feedback", "fit_scan_corrections", "patterns"):
        (fk,) = insp.get_foreign_keys(table)
        assert fk["referred_table"] == "scans" and fk["options"]["ondelete"] == "CASCADE"
    assert _count(engine, "SELECT count(*) FROM scans WHERE customer_id IS NULL") == 2
    assert _count(engine, "SELECT count(*) FROM fit_models WHERE active") == 1
    # a row naming a scan that was deleted before the key existed: nulled, or dropped
    assert _count(engine, "SELECT count(*) FROM fit_feedback WHERE scan_id IS NULL") == 1
    assert _count(engine, "SELECT count(*) FROM fit_scan_corrections") == 1
    with engine.begin() as conn:
        conn.execute(text("UPDATE patterns SET scan_id = 's1'"))
        conn.execute(text("DELETE FROM scans WHERE id = 's1'"))
    assert _count(engine, "SELECT count(*) FROM fit_feedback") == 1  # the orphan, nulled
    assert _count(engine, "SELECT count(*) FROM fit_scan_corrections") == 0
    assert _count(engine, "SELECT count(*) FROM patterns") == 0
    assert INITIAL == "0001"


def test_a_database_the_migrations_cannot_explain_is_refused(engine: Engine) -> None:
    from fitsvc.migrate import SchemaMismatch, upgrade

    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE scans (id VARCHAR(36) PRIMARY KEY)"))
    with pytest.raises(SchemaMismatch, match="lacks"):
        upgrade(engine)


def test_downgrade_to_the_initial_revision_and_back(engine: Engine) -> None:
    from alembic import command

    from fitsvc.migrate import alembic_config, head, upgrade

    upgrade(engine)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
    assert "api_keys" not in inspect(engine).get_table_names()
    assert upgrade(engine) == ("0001", head())
    assert schema_diff(engine) == []


def test_db_cli_upgrades_and_reports(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from fitsvc.cli import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    assert main(["db", "current"]) == 1
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "current"]) == 0
    out = capsys.readouterr().out
    from fitsvc.migrate import head

    assert f"unversioned (head {head()})" in out and f"database at {head()}" in out


def test_a_database_an_intermediate_release_made_with_create_all_is_upgraded(
        engine: Engine) -> None:
    """Releases after 8ed806e made their tables with create_all (the schema of revision
    0002, no alembic_version): stamped 0001, revision 0002 keeps what is there and adds only
    what is missing, later revisions follow."""
    from sqlalchemy import text

    from fitsvc.migrate import head, upgrade

    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    assert upgrade(engine) == (None, head())
    assert schema_diff(engine) == []
