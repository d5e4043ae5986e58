"""the language a host organisation's agreements were last exported in, the next one's default

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: no organisation has chosen one yet (English until one is chosen).
    op.add_column("organisation", sa.Column("document_language", sa.String(5), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): a copied table would break the foreign keys.
    op.drop_column("organisation", "document_language")
