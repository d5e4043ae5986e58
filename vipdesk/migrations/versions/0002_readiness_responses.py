"""readiness responses

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_OPEN = "status = 'in_progress'"


def upgrade() -> None:
    op.create_table(
        "readiness_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column(
            "party",
            sa.Enum(
                "student",
                "company",
                "institution",
                name="readiness_party",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("questionnaire_id", sa.String(length=40), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(length=200), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "in_progress",
                "completed",
                name="response_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint(
            "(status = 'completed' AND completed_at IS NOT NULL) "
            "OR (status = 'in_progress' AND completed_at IS NULL)",
            name=op.f("ck_readiness_response_completed_when_dated"),
        ),
        sa.CheckConstraint(
            "questionnaire_version >= 1",
            name=op.f("ck_readiness_response_questionnaire_version_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_readiness_response_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readiness_response")),
    )
    with op.batch_alter_table("readiness_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_readiness_response_placement_id"), ["placement_id"], unique=False
        )
        batch_op.create_index(
            "uq_readiness_response_open",
            ["placement_id", "party"],
            unique=True,
            sqlite_where=sa.text(_OPEN),
            postgresql_where=sa.text(_OPEN),
        )

    op.create_table(
        "readiness_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=60), nullable=False),
        sa.Column("value_text", sa.Text(), nullable=True),
        sa.Column("value_number", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "value_text IS NOT NULL OR value_number IS NOT NULL",
            name=op.f("ck_readiness_answer_has_value"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["readiness_response.id"],
            name=op.f("fk_readiness_answer_response_id_readiness_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_readiness_answer")),
        sa.UniqueConstraint(
            "response_id", "item_key", name=op.f("uq_readiness_answer_response_id_item_key")
        ),
    )


def downgrade() -> None:
    op.drop_table("readiness_answer")
    with op.batch_alter_table("readiness_response", schema=None) as batch_op:
        batch_op.drop_index("uq_readiness_response_open")
        batch_op.drop_index(batch_op.f("ix_readiness_response_placement_id"))

    op.drop_table("readiness_response")
