"""tool selection and tests

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tool_choice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("tool_key", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_tool_choice_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_choice")),
        sa.UniqueConstraint(
            "placement_id", "purpose", name=op.f("uq_tool_choice_placement_id_purpose")
        ),
    )
    op.create_table(
        "tool_test",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("tool_key", sa.String(length=40), nullable=False),
        sa.Column(
            "actor",
            sa.Enum(
                "student",
                "mentor",
                "tutor",
                name="tested_actor",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "result",
            sa.Enum(
                "not_yet",
                "passed",
                "failed",
                name="tool_test_result",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("tested_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint(
            "result = 'not_yet' OR tested_on IS NOT NULL",
            name=op.f("ck_tool_test_dated_when_tested"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_tool_test_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_test")),
        sa.UniqueConstraint(
            "placement_id",
            "tool_key",
            "actor",
            name=op.f("uq_tool_test_placement_id_tool_key_actor"),
        ),
    )


def downgrade() -> None:
    op.drop_table("tool_test")
    op.drop_table("tool_choice")
