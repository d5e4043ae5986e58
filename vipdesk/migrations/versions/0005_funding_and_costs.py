"""funding and costs

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("rate", sa.Numeric(precision=18, scale=8), nullable=False),
        sa.CheckConstraint("rate > 0", name=op.f("ck_exchange_rate_rate_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rate")),
        sa.UniqueConstraint(
            "currency", "valid_from", name=op.f("uq_exchange_rate_currency_valid_from")
        ),
    )
    op.create_table(
        "funding_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "programme",
                "institution",
                "government",
                "foundation",
                "host_company",
                name="funding_kind",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_awarded", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint(
            "amount_awarded >= 0", name=op.f("ck_funding_source_awarded_not_negative")
        ),
        sa.CheckConstraint(
            "period_end >= period_start", name=op.f("ck_funding_source_end_after_start")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding_source")),
        sa.UniqueConstraint("name", name=op.f("uq_funding_source_name")),
    )
    op.create_table(
        "setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_setting_key")),
    )
    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "staff_time",
                "equipment",
                "connectivity",
                "software",
                "training",
                "travel",
                "accommodation",
                "certificates",
                "materials",
                "insurance",
                "student_grant",
                name="budget_category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_budget_line_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["funding_source.id"],
            name=op.f("fk_budget_line_source_id_funding_source"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_line")),
        sa.UniqueConstraint(
            "source_id", "category", name=op.f("uq_budget_line_source_id_category")
        ),
    )
    op.create_table(
        "cost_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "staff_time",
                "equipment",
                "connectivity",
                "software",
                "training",
                "travel",
                "accommodation",
                "certificates",
                "materials",
                "insurance",
                "student_grant",
                name="cost_category",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("hours", sa.Numeric(precision=8, scale=2), nullable=True),
        sa.Column("hourly_rate", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("invoice_reference", sa.String(length=100), nullable=True),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column(
            "rule",
            sa.Enum(
                "equally",
                "funded_days",
                "credits",
                name="allocation_rule",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("share_year", sa.Integer(), nullable=True),
        sa.Column(
            "share_mode",
            sa.Enum(
                "virtual",
                "blended",
                "physical",
                name="share_mode",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=True,
        ),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_cost_item_amount_not_negative")),
        sa.CheckConstraint(
            "placement_id IS NULL OR share_year IS NULL", name=op.f("ck_cost_item_direct_or_shared")
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_cost_item_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["funding_source.id"],
            name=op.f("fk_cost_item_source_id_funding_source"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_item")),
    )
    op.create_index(op.f("ix_cost_item_placement_id"), "cost_item", ["placement_id"], unique=False)
    op.create_index(op.f("ix_cost_item_source_id"), "cost_item", ["source_id"], unique=False)
    op.create_index(op.f("ix_cost_item_spent_on"), "cost_item", ["spent_on"], unique=False)
    op.create_table(
        "cost_share",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cost_item_id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cost_item_id"],
            ["cost_item.id"],
            name=op.f("fk_cost_share_cost_item_id_cost_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_cost_share_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_share")),
        sa.UniqueConstraint(
            "cost_item_id", "placement_id", name=op.f("uq_cost_share_cost_item_id_placement_id")
        ),
    )
    op.create_index(
        op.f("ix_cost_share_placement_id"), "cost_share", ["placement_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_cost_share_placement_id"), table_name="cost_share")
    op.drop_table("cost_share")
    op.drop_index(op.f("ix_cost_item_spent_on"), table_name="cost_item")
    op.drop_index(op.f("ix_cost_item_source_id"), table_name="cost_item")
    op.drop_index(op.f("ix_cost_item_placement_id"), table_name="cost_item")
    op.drop_table("cost_item")
    op.drop_table("budget_line")
    op.drop_table("setting")
    op.drop_table("funding_source")
    op.drop_table("exchange_rate")
