"""monitoring log and recognition; bare ticks of the items they now back are kept, marked

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# The checklist items the monitoring log and the recognition back as of 0017 (a frozen copy:
# migrations import nothing from vipdesk). A tick made before was a bare click; it stays,
# marked as done outside vipdesk, so that nothing a coordinator recorded is lost.
NEWLY_BACKED = (
    "kickoff",
    "mentoring",
    "coaching",
    "peer_feedback",
    "reflection",
    "evaluation",
    "recognition",
)
BEFORE_EVIDENCE = "done outside vipdesk: recorded before evidence checks"
KINDS = (
    "kickoff",
    "mentor_meeting",
    "tutor_coaching",
    "progress_report",
    "peer_feedback",
    "reflection",
    "wellbeing",
    "incident",
)

_tick = sa.table(
    "checklist_tick",
    sa.column("item_key", sa.String()),
    sa.column("note", sa.Text()),
)


def _versioned() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "monitoring_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                *KINDS,
                name="monitoring_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("participants", sa.String(length=300), nullable=False),
        sa.Column("tool_key", sa.String(length=60), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("attachment_name", sa.String(length=200), nullable=True),
        sa.Column("attachment", sa.LargeBinary(), nullable=True),
        sa.Column("concern", sa.Boolean(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=True),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        *_versioned(),
        sa.CheckConstraint(
            "minutes BETWEEN 1 AND 600", name=op.f("ck_monitoring_entry_minutes_range")
        ),
        sa.CheckConstraint(
            "resolved_on IS NULL OR resolved_on >= held_on",
            name=op.f("ck_monitoring_entry_resolved_after_held"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_monitoring_entry_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_entry")),
    )
    op.create_index(
        "ix_monitoring_entry_placement_kind_held",
        "monitoring_entry",
        ["placement_id", "kind", "held_on"],
        unique=False,
    )
    op.create_table(
        "recognition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("credits_awarded", sa.Numeric(precision=4, scale=1), nullable=True),
        sa.Column("credits_reason", sa.Text(), nullable=True),
        sa.Column("grading_scale", sa.String(length=20), nullable=True),
        sa.Column("grade", sa.String(length=20), nullable=True),
        sa.Column("transcript_on", sa.Date(), nullable=True),
        sa.Column("outcomes_achieved", sa.Text(), nullable=True),
        sa.Column("certificate_received_on", sa.Date(), nullable=True),
        *_versioned(),
        sa.CheckConstraint(
            "credits_awarded IS NULL OR (credits_awarded >= 0 AND credits_awarded <= 60)",
            name=op.f("ck_recognition_credits_range"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_recognition_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recognition")),
        sa.UniqueConstraint("placement_id", name=op.f("uq_recognition_placement_id")),
    )
    op.execute(
        _tick.update()
        .where(_tick.c.item_key.in_(NEWLY_BACKED))
        .where(sa.or_(_tick.c.note.is_(None), _tick.c.note == ""))
        .values(note=BEFORE_EVIDENCE)
    )


def downgrade() -> None:
    op.drop_table("recognition")
    op.drop_index("ix_monitoring_entry_placement_kind_held", table_name="monitoring_entry")
    op.drop_table("monitoring_entry")
