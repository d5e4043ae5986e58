"""evaluations: mid-term and final evaluations by student, host mentor and tutor, and answers

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    op.create_table(
        "evaluation_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("stage", _enum("evaluation_stage", "midterm", "final"), nullable=False),
        sa.Column(
            "party", _enum("evaluation_party", "student", "company", "institution"), nullable=False
        ),
        sa.Column("questionnaire_id", sa.String(length=40), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(length=200), nullable=False),
        sa.Column("source", _enum("answer_source", "typed", "returned_pdf"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=120), nullable=False),
        sa.Column("planned_outcomes", sa.Text(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("outcomes_planned", sa.Integer(), nullable=False),
        sa.Column("outcomes_reached", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "outcomes_reached >= 0 AND outcomes_reached <= outcomes_planned",
            name=op.f("ck_evaluation_response_outcomes_reached_of_planned"),
        ),
        sa.CheckConstraint(
            "questionnaire_version >= 1",
            name=op.f("ck_evaluation_response_questionnaire_version_positive"),
        ),
        sa.CheckConstraint(
            "score IS NULL OR (score >= 0 AND score <= 100)",
            name=op.f("ck_evaluation_response_score_range"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_evaluation_response_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_response")),
    )
    op.create_index(
        "ix_evaluation_response_placement_party_stage",
        "evaluation_response",
        ["placement_id", "party", "stage"],
        unique=False,
    )
    op.create_table(
        "evaluation_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=60), nullable=False),
        sa.Column("value_text", sa.Text(), nullable=True),
        sa.Column("value_number", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "value_text IS NOT NULL OR value_number IS NOT NULL",
            name=op.f("ck_evaluation_answer_has_value"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["evaluation_response.id"],
            name=op.f("fk_evaluation_answer_response_id_evaluation_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_answer")),
        sa.UniqueConstraint(
            "response_id", "item_key", name=op.f("uq_evaluation_answer_response_id_item_key")
        ),
    )


def downgrade() -> None:
    op.drop_table("evaluation_answer")
    op.drop_index("ix_evaluation_response_placement_party_stage", "evaluation_response")
    op.drop_table("evaluation_response")
