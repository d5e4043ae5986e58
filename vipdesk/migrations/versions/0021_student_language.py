"""the language vipdesk writes to a student in

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: no student has chosen one yet (English until one is chosen).
    op.add_column("student", sa.Column("preferred_language", sa.String(5), nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): a copied table would break the foreign keys.
    op.drop_column("student", "preferred_language")
