"""work list snoozes; manual ticks of items that now follow from evidence keep their history

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The checklist items vipdesk holds evidence for as of 0008 (a frozen copy: migrations import
# nothing from vipdesk). A tick of one of them made before this release was a bare click; it
# stays, marked as done outside vipdesk, so that nothing a coordinator recorded is lost.
EVIDENCE_ITEMS = (
    "readiness_student",
    "readiness_company",
    "readiness_institution",
    "tools_tested",
    "protocol",
    "agreement_signed",
    "certificate",
)
BEFORE_EVIDENCE = "done outside vipdesk: recorded before evidence checks"

_tick = sa.table(
    "checklist_tick",
    sa.column("item_key", sa.String()),
    sa.column("note", sa.Text()),
)


def upgrade() -> None:
    op.create_table(
        "work_snooze",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("rule_key", sa.String(length=60), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("snoozed_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_work_snooze_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_snooze")),
        sa.UniqueConstraint(
            "placement_id", "rule_key", name=op.f("uq_work_snooze_placement_id_rule_key")
        ),
    )
    with op.batch_alter_table("work_snooze", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_work_snooze_placement_id"), ["placement_id"], unique=False
        )
    op.execute(
        _tick.update()
        .where(_tick.c.item_key.in_(EVIDENCE_ITEMS))
        .where(sa.or_(_tick.c.note.is_(None), _tick.c.note == ""))
        .values(note=BEFORE_EVIDENCE)
    )


def downgrade() -> None:
    with op.batch_alter_table("work_snooze", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_snooze_placement_id"))
    op.drop_table("work_snooze")
