"""fit_models.revision: bumped when a stored version is changed in place (an erasure drops a
customer's offsets), so processes that cache built models see the change; jobs.parent_id:
helper jobs of a running job (a marker's extra seeds on other workers); jobs.owner: the
serving process of an in-process job; artefacts: the ``database`` artefact store.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fit_models", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), server_default="0",
                                      nullable=False))
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.String(36), nullable=True))
        batch_op.create_index("ix_jobs_parent_id", ["parent_id"], unique=False)
        batch_op.add_column(sa.Column("owner", sa.String(128), nullable=True))
    op.create_table("artefacts",
                    sa.Column("key", sa.String(512), primary_key=True),
                    sa.Column("data", sa.LargeBinary(), nullable=False),
                    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False))


def downgrade() -> None:
    op.drop_table("artefacts")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("owner")
        batch_op.drop_index("ix_jobs_parent_id")
        batch_op.drop_column("parent_id")
    with op.batch_alter_table("fit_models", schema=None) as batch_op:
        batch_op.drop_column("revision")
