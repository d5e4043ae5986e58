"""agreement state index: the work list finds the versions out for signature quickly

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_agreement_document_state_kind", "agreement_document", ["state", "kind"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_agreement_document_state_kind", table_name="agreement_document")
