"""readiness scores stored on each completed response, so reports need not score them again

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

# Unlike the other migrations, this one uses vipdesk's own scoring: a stored score must be the
# one the Preparation tab computes from the same answers, and a frozen copy of the scoring
# could disagree with it.
from vipdesk.errors import NotFoundError
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    Questionnaire,
    QuestionnaireLibrary,
    default_library,
)
from vipdesk.services.preparation.scores import score_columns

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

BATCH = 5_000  # responses scored at once: their answers are all that is in memory
COLUMNS = ("score", "level", "critical_flags", "critical_answers", "low_themes")

_response = sa.table(
    "readiness_response",
    sa.column("id", sa.Integer()),
    sa.column("status", sa.String()),
    sa.column("questionnaire_id", sa.String()),
    sa.column("questionnaire_version", sa.Integer()),
    *(sa.column(name) for name in COLUMNS),
)
_answer = sa.table(
    "readiness_answer",
    sa.column("response_id", sa.Integer()),
    sa.column("item_key", sa.String()),
    sa.column("value_text", sa.Text()),
    sa.column("value_number", sa.Integer()),
)


def upgrade() -> None:
    op.add_column("readiness_response", sa.Column("score", sa.Integer(), nullable=True))
    op.add_column("readiness_response", sa.Column("level", sa.String(length=20), nullable=True))
    op.add_column("readiness_response", sa.Column("critical_flags", sa.Integer(), nullable=True))
    op.add_column("readiness_response", sa.Column("critical_answers", sa.Text(), nullable=True))
    op.add_column("readiness_response", sa.Column("low_themes", sa.Text(), nullable=True))
    backfill(op.get_bind(), default_library())


def _batches(conn: sa.Connection) -> Iterator[list[tuple[int, str, int]]]:
    """The completed responses, a batch at a time, by id."""
    after, r = 0, _response.c
    while True:
        batch = conn.execute(
            sa.select(r.id, r.questionnaire_id, r.questionnaire_version)
            .where(r.status == "completed", r.id > after)
            .order_by(r.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        yield [(rid, qid, version) for rid, qid, version in batch]
        after = batch[-1][0]


def backfill(conn: sa.Connection, library: QuestionnaireLibrary) -> int:
    """Score every completed response from its stored answers; how many were scored.

    A response to a questionnaire version this vipdesk does not have stays unscored: the
    report scores it as the Preparation tab does (and says it cannot).
    """
    questionnaires: dict[tuple[str, int], Questionnaire | None] = {}
    scored = 0
    for batch in _batches(conn):
        answers: dict[int, dict[str, AnswerValue]] = {rid: {} for rid, _q, _v in batch}
        query = sa.select(
            _answer.c.response_id, _answer.c.item_key, _answer.c.value_text, _answer.c.value_number
        ).where(_answer.c.response_id.between(batch[0][0], batch[-1][0]))
        for rid, key, text, number in conn.execute(query):
            given = answers.get(rid)
            if given is not None:
                given[key] = number if number is not None else (text or "")
        updates: list[dict[str, Any]] = []
        for rid, qid, version in batch:
            if (qid, version) not in questionnaires:
                try:
                    questionnaires[qid, version] = library.get(qid, version)
                except NotFoundError:
                    questionnaires[qid, version] = None
            questionnaire = questionnaires[qid, version]
            if questionnaire is not None:
                updates.append({"rid": rid, **score_columns(questionnaire, answers[rid])})
        if updates:
            conn.execute(
                _response.update()
                .where(_response.c.id == sa.bindparam("rid"))
                .values({name: sa.bindparam(name) for name in COLUMNS}),
                updates,
            )
        scored += len(updates)
    return scored


def downgrade() -> None:
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later): a batch copy of the table
    # would break the answers' foreign keys to it.
    for name in reversed(COLUMNS):
        op.drop_column("readiness_response", name)
