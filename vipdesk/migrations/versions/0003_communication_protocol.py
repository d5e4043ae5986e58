"""communication protocol

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_CADENCES = ("daily", "twice_weekly", "weekly", "fortnightly", "monthly")


def upgrade() -> None:
    op.create_table(
        "communication_protocol",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column(
            "reporting",
            sa.Enum(
                *_CADENCES,
                name="reporting_cadence",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("reply_hours", sa.Integer(), nullable=False),
        sa.Column(
            "meetings",
            sa.Enum(
                *_CADENCES,
                name="meeting_cadence",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("meeting_minutes", sa.Integer(), nullable=False),
        sa.Column("tools_note", sa.Text(), nullable=True),
        sa.Column("student_helpdesk", sa.String(length=300), nullable=True),
        sa.Column("staff_helpdesk", sa.String(length=300), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint(
            "meeting_minutes BETWEEN 10 AND 240",
            name=op.f("ck_communication_protocol_meeting_minutes_range"),
        ),
        sa.CheckConstraint(
            "reply_hours BETWEEN 1 AND 336",
            name=op.f("ck_communication_protocol_reply_hours_range"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_communication_protocol_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_communication_protocol")),
        sa.UniqueConstraint("placement_id", name=op.f("uq_communication_protocol_placement_id")),
    )
    op.create_table(
        "actor_availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("protocol_id", sa.Integer(), nullable=False),
        sa.Column(
            "actor",
            sa.Enum(
                "student",
                "mentor",
                "tutor",
                name="protocol_actor",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("weekdays", sa.String(length=7), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("end_time", sa.Time(), nullable=False),
        sa.CheckConstraint(
            "end_time > start_time", name=op.f("ck_actor_availability_end_after_start")
        ),
        sa.CheckConstraint(
            "length(weekdays) BETWEEN 1 AND 7", name=op.f("ck_actor_availability_some_weekdays")
        ),
        sa.ForeignKeyConstraint(
            ["protocol_id"],
            ["communication_protocol.id"],
            name=op.f("fk_actor_availability_protocol_id_communication_protocol"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_availability")),
        sa.UniqueConstraint(
            "protocol_id", "actor", name=op.f("uq_actor_availability_protocol_id_actor")
        ),
    )


def downgrade() -> None:
    op.drop_table("actor_availability")
    op.drop_table("communication_protocol")
