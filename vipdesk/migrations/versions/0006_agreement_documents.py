"""agreement documents and signatures

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    op.create_table(
        "agreement_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind", _enum("document_kind", "agreement", "amendment", "certificate"), nullable=False
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            _enum("document_state", "draft", "sent", "signed", "superseded"),
            nullable=False,
        ),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("sign_order", sa.String(length=40), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_by", sa.String(length=100), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("signed_pdf", sa.LargeBinary(), nullable=True),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("final_pdf", sa.LargeBinary(), nullable=True),
        sa.Column("final_sha256", sa.String(length=64), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.CheckConstraint("number >= 1", name=op.f("ck_agreement_document_number_positive")),
        sa.CheckConstraint(
            "state <> 'signed' OR (final_sha256 IS NOT NULL AND locked_at IS NOT NULL)",
            name=op.f("ck_agreement_document_locked_when_signed"),
        ),
        sa.CheckConstraint(
            "state = 'draft' OR content_hash IS NOT NULL",
            name=op.f("ck_agreement_document_hashed_when_sent"),
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f("fk_agreement_document_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_document")),
        sa.UniqueConstraint(
            "placement_id",
            "kind",
            "number",
            name=op.f("uq_agreement_document_placement_id_kind_number"),
        ),
    )
    op.create_index(
        op.f("ix_agreement_document_placement_id"),
        "agreement_document",
        ["placement_id"],
        unique=False,
    )
    op.create_table(
        "agreement_signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("party", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "state", _enum("signature_state", "pending", "signed", "declined"), nullable=False
        ),
        sa.Column(
            "method", _enum("signature_method", "digital", "scanned", "typed"), nullable=True
        ),
        sa.Column("signer_name", sa.String(length=200), nullable=True),
        sa.Column("signer_function", sa.String(length=200), nullable=True),
        sa.Column("signer_email", sa.String(length=200), nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("scan", sa.LargeBinary(), nullable=True),
        sa.Column("scan_name", sa.String(length=200), nullable=True),
        sa.Column("recorded_by", sa.String(length=100), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "party IN ('student', 'sending', 'host')",
            name=op.f("ck_agreement_signature_known_party"),
        ),
        sa.CheckConstraint(
            "state <> 'signed' OR (method IS NOT NULL AND signed_on IS NOT NULL "
            "AND signer_name IS NOT NULL)",
            name=op.f("ck_agreement_signature_complete_when_signed"),
        ),
        sa.CheckConstraint(
            "state <> 'declined' OR reason IS NOT NULL",
            name=op.f("ck_agreement_signature_declined_with_reason"),
        ),
        sa.CheckConstraint(
            "state <> 'signed' OR method <> 'scanned' OR scan IS NOT NULL",
            name=op.f("ck_agreement_signature_scan_attached"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["agreement_document.id"],
            name=op.f("fk_agreement_signature_document_id_agreement_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_signature")),
        sa.UniqueConstraint(
            "document_id", "party", name=op.f("uq_agreement_signature_document_id_party")
        ),
    )


def downgrade() -> None:
    op.drop_table("agreement_signature")
    op.drop_index(op.f("ix_agreement_document_placement_id"), table_name="agreement_document")
    op.drop_table("agreement_document")
