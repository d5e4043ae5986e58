"""student search text: names, e-mail and number folded for the picker

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Rows folded and written per round-trip: bounded memory on a large office database.
BATCH = 5000

# A frozen copy of vipdesk.textfold.fold as it was at 0007 (migrations import nothing from
# vipdesk, so that they keep doing what they did when the app changes).
_ACCENTS: dict[int, str | int | None] = dict.fromkeys(
    [
        *range(0x300, 0x370),
        *range(0x1AB0, 0x1B00),
        *range(0x1DC0, 0x1E00),
        *range(0x20D0, 0x2100),
        *range(0xFE20, 0xFE30),
    ]
)
_LETTERS: dict[str, str | int | None] = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "\u0131": "i",
    "þ": "th",
}
_ACCENTS.update(str.maketrans(_LETTERS))


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_ACCENTS)


def _search_text(*parts: str | None) -> str:
    return _fold(" ".join(part or "" for part in parts))


_student = sa.table(
    "student",
    sa.column("id", sa.Integer()),
    sa.column("given_name", sa.String()),
    sa.column("family_name", sa.String()),
    sa.column("email", sa.String()),
    sa.column("student_number", sa.String()),
    sa.column("search_text", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    # Fill it for the students already there, a batch at a time in id order.
    connection = op.get_bind()
    read = (
        sa.select(
            _student.c.id,
            _student.c.given_name,
            _student.c.family_name,
            _student.c.email,
            _student.c.student_number,
        )
        .where(_student.c.id > sa.bindparam("after"))
        .order_by(_student.c.id)
        .limit(BATCH)
    )
    write = (
        sa.update(_student)
        .where(_student.c.id == sa.bindparam("row_id"))
        .values(search_text=sa.bindparam("text"))
    )
    after = 0
    while rows := connection.execute(read, {"after": after}).all():
        connection.execute(
            write, [{"row_id": row[0], "text": _search_text(*row[1:])} for row in rows]
        )
        after = rows[-1][0]
    # Built once the column is filled (faster than keeping it up to date row by row).
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.create_index(
            "ix_student_search",
            ["family_name", "given_name", "id", "email", "search_text"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("student", schema=None) as batch_op:
        batch_op.drop_index("ix_student_search")
        batch_op.drop_column("search_text")
