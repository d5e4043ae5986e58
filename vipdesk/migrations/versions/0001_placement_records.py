"""placement records

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index("ix_audit_entry_record", ["entity", "entity_id"], unique=False)

    op.create_table(
        "institution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("erasmus_code", sa.String(length=30), nullable=True),
        sa.Column("faculty", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institution")),
        sa.UniqueConstraint("name", name=op.f("uq_institution_name")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("sector", sa.String(length=120), nullable=True),
        sa.Column(
            "size",
            sa.Enum(
                "small", "large", name="size", native_enum=False, create_constraint=True, length=20
            ),
            nullable=True,
        ),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("name", "country", name=op.f("uq_organisation_name_country")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_name"), ["name"], unique=False)

    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "hr",
                "mentor",
                "academic_tutor",
                "coordinator",
                name="contact_role",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("position", sa.String(length=120), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint(
            "(organisation_id IS NULL) <> (institution_id IS NULL)",
            name=op.f("ck_contact_one_employer"),
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_contact_institution_id_institution"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_contact_organisation_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
        sa.UniqueConstraint("email", name=op.f("uq_contact_email")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contact_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "student",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("given_name", sa.String(length=120), nullable=False),
        sa.Column("family_name", sa.String(length=120), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("student_number", sa.String(length=40), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("nationality", sa.String(length=2), nullable=True),
        sa.Column("study_cycle", sa.Integer(), nullable=True),
        sa.Column("field_of_education", sa.String(length=120), nullable=True),
        sa.Column("programme", sa.String(length=200), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint("study_cycle BETWEEN 5 AND 8", name=op.f("ck_student_eqf_level")),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_student_institution_id_institution"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student")),
        sa.UniqueConstraint("email", name=op.f("uq_student_email")),
        sa.UniqueConstraint("student_number", name=op.f("uq_student_student_number")),
    )
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_student_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "placement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "virtual",
                "blended",
                "physical",
                name="placement_mode",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "preparing",
                "agreement_sent",
                "signed",
                "ongoing",
                "evaluating",
                "completed",
                "cancelled",
                name="placement_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("planned_start", sa.Date(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=False),
        sa.Column("hours_per_week", sa.Integer(), nullable=False),
        sa.Column("ects_credits", sa.Numeric(precision=4, scale=1), nullable=True),
        sa.Column("mentor_id", sa.Integer(), nullable=True),
        sa.Column("tutor_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint(
            "ects_credits >= 0 AND ects_credits <= 60", name=op.f("ck_placement_ects_range")
        ),
        sa.CheckConstraint(
            "hours_per_week BETWEEN 1 AND 60", name=op.f("ck_placement_hours_range")
        ),
        sa.CheckConstraint(
            "planned_end >= planned_start", name=op.f("ck_placement_end_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["host_id"],
            ["organisation.id"],
            name=op.f("fk_placement_host_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_placement_institution_id_institution"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"],
            ["contact.id"],
            name=op.f("fk_placement_mentor_id_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_placement_student_id_student"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["tutor_id"],
            ["contact.id"],
            name=op.f("fk_placement_tutor_id_contact"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement")),
        sa.UniqueConstraint("reference", name=op.f("uq_placement_reference")),
    )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_placement_host_id"), ["host_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_placement_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_placement_mentor_id"), ["mentor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_placement_planned_start"), ["planned_start"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_placement_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_placement_student_id"), ["student_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_placement_tutor_id"), ["tutor_id"], unique=False)

    op.create_table(
        "student_equity",
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("disability", sa.Boolean(), nullable=False),
        sa.Column("fewer_opportunities", sa.Boolean(), nullable=False),
        sa.Column("migrant_or_refugee", sa.Boolean(), nullable=False),
        sa.Column("working_or_carer", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_student_equity_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("student_id", name=op.f("pk_student_equity")),
    )
    op.create_table(
        "student_language",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=60), nullable=False),
        sa.Column("level", sa.String(length=6), nullable=False),
        sa.CheckConstraint(
            "level IN ('A1','A2','B1','B2','C1','C2','native')",
            name=op.f("ck_student_language_cefr_level"),
        ),
        sa.ForeignKeyConstraint(
            ["student_id"],
            ["student.id"],
            name=op.f("fk_student_language_student_id_student"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student_language")),
        sa.UniqueConstraint(
            "student_id", "language", name=op.f("uq_student_language_student_id_language")
        ),
    )
    op.create_table(
        "checklist_tick",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=60), nullable=False),
        sa.Column(
            "phase",
            sa.Enum(
                "before",
                "during",
                "after",
                name="checklist_phase",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("done_by", sa.String(length=120), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_checklist_tick_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_tick")),
        sa.UniqueConstraint(
            "placement_id", "item_key", name=op.f("uq_checklist_tick_placement_id_item_key")
        ),
    )
    op.create_table(
        "placement_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "physical",
                "virtual",
                name="period_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.CheckConstraint('"end" >= start', name=op.f("ck_placement_period_end_after_start")),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_placement_period_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_placement_period")),
    )
    with op.batch_alter_table("placement_period", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_placement_period_placement_id"), ["placement_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("placement_period", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_period_placement_id"))

    op.drop_table("placement_period")
    op.drop_table("checklist_tick")
    op.drop_table("student_language")
    op.drop_table("student_equity")
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_placement_tutor_id"))
        batch_op.drop_index(batch_op.f("ix_placement_student_id"))
        batch_op.drop_index(batch_op.f("ix_placement_status"))
        batch_op.drop_index(batch_op.f("ix_placement_planned_start"))
        batch_op.drop_index(batch_op.f("ix_placement_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_placement_institution_id"))
        batch_op.drop_index(batch_op.f("ix_placement_host_id"))

    op.drop_table("placement")
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_student_institution_id"))

    op.drop_table("student")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_contact_institution_id"))

    op.drop_table("contact")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_name"))

    op.drop_table("organisation")
    op.drop_table("institution")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entry_record")

    op.drop_table("audit_entry")
