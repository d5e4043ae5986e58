"""sentences vipdesk stores for later readers, kept as phrases for each reader's language:
why a message failed, why an unconfirmed signer was recorded

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: what was stored before keeps its English text only.
    op.add_column("outbox_message", sa.Column("failure_phrase", sa.Text(), nullable=True))
    op.add_column("agreement_signature", sa.Column("reason_phrase", sa.Text(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): a copied table would break the foreign keys.
    op.drop_column("agreement_signature", "reason_phrase")
    op.drop_column("outbox_message", "failure_phrase")
