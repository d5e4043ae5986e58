"""recently deleted: placements and cost items kept 30 days after a delete, to restore

Revision ID: 0013
Revises: 0008
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "deleted_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_by", sa.String(length=120), nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_record")),
    )
    with op.batch_alter_table("deleted_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deleted_record_deleted_at"), ["deleted_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("deleted_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deleted_record_deleted_at"))
    op.drop_table("deleted_record")
