"""Demo data, part seven: each placement's story on its History tab.

The demo writes with bulk inserts, which leave no audit entries; here each placement gets the
entries the app would have written on the way to its status: created (with its student, host
and dates), then each move of its status, dated from its records: the agreement sent and
locked, the start, the end, the transcript. A cancelled placement was cancelled while being
prepared.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.models import (
    AgreementDocument,
    DocumentKind,
    Placement,
    Recognition,
    Status,
)
from vipdesk.services.demo.parties import DEMO_USER, Row

# The statuses a placement passes through, in order.
PATH = (
    Status.DRAFT,
    Status.PREPARING,
    Status.AGREEMENT_SENT,
    Status.SIGNED,
    Status.ONGOING,
    Status.EVALUATING,
    Status.COMPLETED,
)
BATCH = 5000


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def _moves(status: Status) -> list[tuple[Status, Status]]:
    if status is Status.CANCELLED:
        return [(Status.DRAFT, Status.PREPARING), (Status.PREPARING, Status.CANCELLED)]
    reached = PATH[: PATH.index(status) + 1]
    return list(pairwise(reached))


@cache
def _moved(old: Status, new: Status) -> str:
    """The changes of a move of status: a few kinds, written hundreds of thousands of times."""
    return json.dumps({"status": [old.value, new.value]})


def add_demo_history(
    session: Session, insert: Callable[[str, list[Row]], None], today: date
) -> int:
    """Write the created and status-move entries of every placement; returns how many."""
    sent: dict[int, tuple[datetime | None, datetime | None]] = {
        pid: (sent_at, locked_at)
        for pid, sent_at, locked_at in session.execute(
            select(
                AgreementDocument.placement_id,
                AgreementDocument.sent_at,
                AgreementDocument.locked_at,
            ).where(AgreementDocument.kind == DocumentKind.AGREEMENT, AgreementDocument.number == 1)
        )
    }
    transcripts = dict(
        session.execute(select(Recognition.placement_id, Recognition.transcript_on)).all()
    )
    query = select(
        Placement.id, Placement.reference, Placement.title, Placement.status,
        Placement.student_id, Placement.host_id, Placement.planned_start, Placement.planned_end,
        Placement.created_at,
    ).order_by(Placement.id)  # fmt: skip
    now = _at(today)
    rows: list[Row] = []
    written = 0
    for pid, reference, title, status, student, host, start, end, created in session.execute(query):
        created = created if created.tzinfo else created.replace(tzinfo=UTC)
        rows.append(
            {
                "at": created,
                "user": DEMO_USER,
                "entity": "placement",
                "entity_id": pid,
                "action": "create",
                "summary": f"added placement {reference}"[:300],
                "changes": json.dumps(
                    {
                        "reference": [None, reference],
                        "title": [None, title],
                        "student_id": [None, student],
                        "host_id": [None, host],
                        "planned_start": [None, str(start)],
                        "planned_end": [None, str(end)],
                        "status": [None, Status.DRAFT.value],
                    },
                    ensure_ascii=False,
                ),
            }
        )
        sent_at, locked_at = sent.get(pid, (None, None))
        transcript = transcripts.get(pid)
        when = {
            Status.PREPARING: created + timedelta(days=2),
            Status.AGREEMENT_SENT: sent_at,
            Status.SIGNED: locked_at,
            Status.ONGOING: _at(start),
            Status.EVALUATING: _at(end + timedelta(days=1)),
            Status.COMPLETED: _at(transcript) if transcript else None,
            Status.CANCELLED: None,
        }
        last = created
        for old, new in _moves(status):
            moment = when[new] or last + timedelta(days=7)
            moment = min(max(moment if moment.tzinfo else moment.replace(tzinfo=UTC),
                             last + timedelta(minutes=5)), now)  # fmt: skip
            last = moment
            rows.append(
                {
                    "at": moment,
                    "user": DEMO_USER,
                    "entity": "placement",
                    "entity_id": pid,
                    "action": "update",
                    "summary": f"changed placement {reference}"[:300],
                    "changes": _moved(old, new),
                }
            )
        if len(rows) >= BATCH:
            insert("audit_entry", rows)
            written += len(rows)
            rows = []
    insert("audit_entry", rows)
    return written + len(rows)
