"""Access layer and erasure: api_keys, audit_log, customer_activity; scans.customer_id,
patterns.scan_id; scan children deleted with their scan (ON DELETE CASCADE).

Releases between 0001 and this revision created some of these with ``create_all``: what is
already there is left as it is, so such a database, stamped 0001, upgrades too.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

DT = sa.DateTime(timezone=True)
# child table → (foreign key name, whether the orphaned rows' scan_id is nulled, else deleted)
CASCADES = {"fit_feedback": ("fk_fit_feedback_scan_id_scans", True),
            "fit_scan_corrections": ("fk_fit_scan_corrections_scan_id_scans", False),
            "patterns": ("fk_patterns_scan_id_scans", True)}


def _tenant(index: bool = True) -> list[sa.Column]:
    return [sa.Column("tenant_id", sa.String(64), nullable=False, index=index),
            sa.Column("created_at", DT, nullable=False)]


def _new_tables() -> dict[str, list[SchemaItem]]:
    return {
        "api_keys": [sa.Column("id", sa.String(24), primary_key=True),
                     sa.Column("role", sa.String(16), nullable=False),
                     sa.Column("label", sa.String(128), nullable=False),
                     sa.Column("salt", sa.String(64), nullable=False),
                     sa.Column("digest", sa.String(64), nullable=False),
                     sa.Column("revoked_at", DT, nullable=True), *_tenant()],
        "audit_log": [sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
                      sa.Column("actor", sa.String(64), nullable=False),
                      sa.Column("role", sa.String(16), nullable=False),
                      sa.Column("action", sa.String(32), nullable=False),
                      sa.Column("resource", sa.String(32), nullable=False),
                      sa.Column("resource_id", sa.String(64), nullable=True),
                      sa.Column("customer_ref", sa.String(32), nullable=True), *_tenant(),
                      sa.Index("ix_audit_tenant_at", "tenant_id", "created_at")],
        "customer_activity": [sa.Column("customer_id", sa.String(128), primary_key=True),
                              sa.Column("tenant_id", sa.String(64), primary_key=True),
                              sa.Column("created_at", DT, nullable=False),
                              sa.Column("last_active_at", DT, nullable=False)],
    }


def _inspector() -> sa.Inspector:
    return sa.inspect(op.get_bind())


def _has_column(table: str, column: str) -> bool:
    return any(c["name"] == column for c in _inspector().get_columns(table))


def _has_index(table: str, name: str) -> bool:
    return any(i["name"] == name for i in _inspector().get_indexes(table))


def _scan_fk(table: str) -> str | None:
    """Name of the table's foreign key scan_id → scans.id ("" when unnamed), None if absent."""
    for fk in _inspector().get_foreign_keys(table):
        if fk["constrained_columns"] == ["scan_id"] and fk["referred_table"] == "scans":
            return fk["name"] or ""
    return None


def _drop_orphans(table: str, null_them: bool) -> None:
    """Rows naming a scan that no longer exists would break the new foreign key."""
    orphan = "scan_id IS NOT NULL AND scan_id NOT IN (SELECT id FROM scans)"
    if null_them:
        op.execute(f"UPDATE {table} SET scan_id = NULL WHERE {orphan}")
    else:
        op.execute(f"DELETE FROM {table} WHERE {orphan}")


def upgrade() -> None:
    present = set(_inspector().get_table_names())
    for name, items in _new_tables().items():
        if name not in present:
            op.create_table(name, *items)
    if not _has_column("scans", "customer_id"):
        op.add_column("scans", sa.Column("customer_id", sa.String(128), nullable=True))
    if not _has_index("scans", "ix_scans_customer_id"):
        op.create_index("ix_scans_customer_id", "scans", ["customer_id"])
    if not _has_column("patterns", "scan_id"):
        op.add_column("patterns", sa.Column("scan_id", sa.String(36), nullable=True))
    for table, (fk_name, null_them) in CASCADES.items():
        index = f"ix_{table}_scan_id"
        has_index, has_fk = _has_index(table, index), _scan_fk(table) is not None
        if not has_fk:
            _drop_orphans(table, null_them)
        with op.batch_alter_table(table) as batch:  # SQLite: the table is copied
            if not has_index:
                batch.create_index(index, ["scan_id"])
            if not has_fk:
                batch.create_foreign_key(fk_name, "scans", ["scan_id"], ["id"], ondelete="CASCADE")


def downgrade() -> None:
    for table, (fk_name, _) in CASCADES.items():
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(fk_name, type_="foreignkey")
            if table != "fit_scan_corrections":
                batch.drop_index(f"ix_{table}_scan_id")
    with op.batch_alter_table("patterns") as batch:
        batch.drop_column("scan_id")
    op.drop_index("ix_scans_customer_id", "scans")
    op.drop_column("scans", "customer_id")
    for name in reversed(list(_new_tables())):
        op.drop_table(name)
