"""The schema of the last release made without migrations (git 8ed806e), which created its
tables with ``create_all``. fitsvc.migrate stamps such a database with this revision.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DT = sa.DateTime(timezone=True)


def _tenant() -> list[SchemaItem]:
    return [sa.Column("tenant_id", sa.String(64), nullable=False, index=True),
            sa.Column("created_at", DT, nullable=False)]


def _s(name: str, length: int, *, nullable: bool = False, primary_key: bool = False,
       index: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=nullable, primary_key=primary_key,
                     index=index)


def _json(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.JSON(), nullable=nullable)


def schema() -> dict[str, list[SchemaItem]]:
    """Table name → columns and constraints, as that release created them (fresh objects)."""
    return {
        "jobs": [_s("id", 36, primary_key=True), _s("kind", 64, index=True), _s("status", 16),
                 _json("params"), _json("progress"), _json("result", True),
                 sa.Column("error", sa.Text(), nullable=True),
                 sa.Column("started_at", DT, nullable=True),
                 sa.Column("finished_at", DT, nullable=True), *_tenant()],
        "scans": [_s("id", 36, primary_key=True), _s("kind", 16),
                  sa.Column("height_cm", sa.Float(), nullable=False),
                  sa.Column("weight_kg", sa.Float(), nullable=True), _s("sex", 8, nullable=True),
                  sa.Column("age", sa.Float(), nullable=True), _s("feature_set", 16),
                  _json("measurements"), _json("warnings"), _json("observed"), _json("levels_cm"),
                  _json("overlay_views"), *_tenant()],
        "fit_items": [sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
                      _s("item_id", 128, index=True), _s("category", 64), _s("fit_intent", 16),
                      _s("stretch", 8), _s("chart_kind", 8), _json("sizes"), *_tenant(),
                      sa.UniqueConstraint("tenant_id", "item_id", name="uq_fit_items_tenant_item")],
        "fit_feedback": [sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
                         _s("customer_id", 128, index=True), _s("item_id", 128, index=True),
                         _s("size", 32), _s("outcome", 16), _json("regions"),
                         _s("scan_id", 36, nullable=True), _json("measurements"),
                         _s("model_version", 32, nullable=True), *_tenant()],
        "fit_scan_corrections": [sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
                                 _s("scan_id", 36, index=True), _json("corrections"), *_tenant()],
        "fit_models": [sa.Column("pk", sa.Integer(), primary_key=True, autoincrement=True),
                       sa.Column("version", sa.Integer(), nullable=False), _json("params"),
                       _json("item_offsets"), _json("customer_offsets"), _json("size_offsets", True),
                       _json("region_offsets", True), _json("metrics"),
                       sa.Column("active", sa.Boolean(), nullable=False),
                       sa.Column("previous_active", sa.Integer(), nullable=True), *_tenant(),
                       sa.UniqueConstraint("tenant_id", "version", name="uq_fit_models_version")],
        "patterns": [_s("id", 36, primary_key=True), _s("block", 32), _s("mode", 16),
                     _json("request"), _json("result"), *_tenant()],
    }


def upgrade() -> None:
    for name, items in schema().items():
        op.create_table(name, *items)


def downgrade() -> None:
    for name in reversed(list(schema())):
        op.drop_table(name)
