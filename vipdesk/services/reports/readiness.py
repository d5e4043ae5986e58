"""What the readiness report reads for selected placements: each party's latest completed
questionnaire, its assessment as `preparation.scores` stored it when it was completed (the
scores the Preparation tab shows), and whether a questionnaire is in progress. One query for
all placements, a window function picking the latest, streamed from the cursor."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, func, select

from vipdesk.db import Database
from vipdesk.models import ReadinessAnswer, ReadinessParty, ReadinessResponse, ResponseStatus
from vipdesk.services.jobs import ShouldCancel, Steps, paused_gc
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    QuestionnaireLibrary,
    ReadinessLevel,
    default_library,
)
from vipdesk.services.preparation.scores import score_columns
from vipdesk.services.reports.filters import PlacementDetail

PARTIES = tuple(ReadinessParty)


class PartyScore(NamedTuple):
    """A party's readiness as the report shows it: its latest completed questionnaire's stored
    assessment (`preparation.scores`), and whether a questionnaire is in progress."""

    party: ReadinessParty
    level: ReadinessLevel | None  # None: not assessed yet
    respondent: str | None = None
    completed_at: datetime | None = None
    score: int | None = None
    critical_flags: int | None = None
    critical_answers: str | None = None
    low_themes: str | None = None
    open: bool = False


def _latest_responses() -> Select[Any]:
    """Each party's latest completed response and its response in progress (at most one), by
    a window over every placement's responses, the same on SQLite and PostgreSQL."""
    r = ReadinessResponse.__table__.c
    rank = func.row_number().over(
        partition_by=(r.placement_id, r.party, r.status),
        order_by=(r.completed_at.desc(), r.id.desc()),
    )
    ranked = select(
        r.placement_id, r.party, r.status, r.id, r.respondent, r.completed_at, r.level, r.score,
        r.critical_flags, r.critical_answers, r.low_themes, rank.label("rank"),
    ).subquery()  # fmt: skip
    return select(*(c for c in ranked.c if c.name != "rank")).where(ranked.c.rank == 1)


def _scored_now(
    conn: Connection, ids: Collection[int], lib: QuestionnaireLibrary
) -> dict[int, Any]:
    """The assessment columns of completed responses stored without them (one restored from
    before they were stored, say), scored from their answers as the Preparation tab does."""
    out: dict[int, Any] = {}
    r, a = ReadinessResponse.__table__.c, ReadinessAnswer.__table__.c
    for first in range(0, len(ids), ANSWER_BATCH):
        batch = sorted(ids)[first : first + ANSWER_BATCH]
        answers: dict[int, dict[str, AnswerValue]] = {rid: {} for rid in batch}
        for rid, key, text, number in conn.execute(
            select(a.response_id, a.item_key, a.value_text, a.value_number).where(
                a.response_id.in_(batch)
            )
        ):
            answers[rid][key] = number if number is not None else (text or "")
        for rid, qid, version in conn.execute(
            select(r.id, r.questionnaire_id, r.questionnaire_version).where(r.id.in_(batch))
        ):
            out[rid] = score_columns(lib.get(qid, version), answers[rid])
    return out


ANSWER_BATCH = 500  # responses scored from their answers at once (IN lists stay short)


def readiness_data(
    db: Database,
    details: Sequence[PlacementDetail],
    library: QuestionnaireLibrary | None = None,
    should_cancel: ShouldCancel | None = None,
) -> list[tuple[PlacementDetail, list[PartyScore]]]:
    """Student, host and institution of each selected placement: the band, score and flags
    of each party's latest completed questionnaire, as stored when it was completed, and
    whether one is in progress; one query for all, streamed from the cursor."""
    wanted = {d.id for d in details}
    found: dict[tuple[int, ReadinessParty], PartyScore] = {}
    open_: set[tuple[int, ReadinessParty]] = set()
    unscored: list[tuple[int, ReadinessParty, int]] = []
    steps = Steps(len(details), "Reading readiness", should_cancel=should_cancel, every=2000)
    levels = {level.value: level for level in ReadinessLevel}
    with db.session() as session, paused_gc():
        conn = session.connection().execution_options(stream_results=True, yield_per=10_000)
        for count, row in enumerate(conn.execute(_latest_responses()), start=1):
            if count % 20_000 == 0:
                steps.check()
            pid, party = row.placement_id, row.party
            if pid not in wanted:
                continue
            if row.status is not ResponseStatus.COMPLETED:
                open_.add((pid, party))
                continue
            if row.level is None:
                unscored.append((pid, party, row.id))
            found[pid, party] = PartyScore(
                party, levels.get(row.level), row.respondent, row.completed_at, row.score,
                row.critical_flags, row.critical_answers, row.low_themes,
            )  # fmt: skip
        if unscored:
            stored = _scored_now(conn, [rid for *_, rid in unscored], library or default_library())
            for pid, party, rid in unscored:
                columns = stored[rid]
                found[pid, party] = found[pid, party]._replace(
                    level=levels[columns.pop("level")], **columns
                )
    out = []
    for d in details:
        parties = []
        for party in PARTIES:
            key = (d.id, party)
            score = found.get(key) or PartyScore(party, None)
            parties.append(score._replace(open=True) if key in open_ else score)
        out.append((d, parties))
        steps.step()
    return out
