"""Reading the audit trail of one record, raw or told in sentences grouped by day."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.models import (
    AgreementDocument,
    AuditEntry,
    Base,
    CostItem,
    Placement,
    Student,
)
from vipdesk.phrase import Phrase
from vipdesk.services.placements.history_sentences import describe, sentence
from vipdesk.services.placements.history_values import REFERENCE_COLUMNS, Names
from vipdesk.services.placements.history_words import Entry


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    user: str
    action: str
    summary: str
    changes: dict[str, list[object]]

    def describe_changes(self) -> str:
        """'title: Old → New; hours_per_week: 20 → 25' for the fields that changed."""
        parts = []
        for name, (old, new) in self.changes.items():
            label = name.removesuffix("_id").replace("_", " ")
            parts.append(f"{label}: {_show(old)} → {_show(new)}")
        return "; ".join(parts)


def _show(value: object) -> str:
    if value is None or value == "":
        return "—"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def record_history(
    db: Database, entity: str, entity_id: int, limit: int = 200
) -> list[HistoryLine]:
    """The newest changes first, by when they happened: an entry is not always written in the
    order of its time (a mail's sending is recorded when the outbox learns of it; the demo
    writes each kind of record in its own pass)."""
    with db.session() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .limit(limit)
        ).all()
        return [
            HistoryLine(e.at, e.user, e.action, e.summary, json.loads(e.changes)) for e in entries
        ]


# --- in a coordinator's words --------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEvent:
    """One sentence of a history, and the stored entry it was told from."""

    at: datetime  # in the zone the history is shown in
    user: str
    what: str  # 'Status changed from Preparing to Agreement sent'
    note: str  # said after a colon: a reason, a note; often empty
    detail: str  # the entry as stored: action, summary, each field's values, exact time
    phrase: Phrase | None = None  # `what`, for the interface to word in its language
    note_phrase: Phrase | None = None  # `note`, when vipdesk wrote it

    @property
    def text(self) -> str:
        """The whole sentence: what, by whom, when, and the note."""
        return sentence(self.what, self.note, self.user, self.at)


@dataclass(frozen=True)
class HistoryDay:
    day: date
    heading: str  # 'Today · Friday 4 December 2026'
    events: tuple[HistoryEvent, ...]  # newest first
    ago: int = -1  # days before the day the history was told (0: today); -1 unknown


def day_heading(day: date, today: date) -> str:
    long = f"{day:%A} {day.day} {day:%B %Y}"
    if day == today:
        return f"Today · {long}"
    if day == today - timedelta(days=1):
        return f"Yesterday · {long}"
    return long


def _detail(line: HistoryLine) -> str:
    rows = [f"{line.action} · {line.summary}"]
    rows += [f"{name}: {_show(old)} → {_show(new)}" for name, (old, new) in line.changes.items()]
    rows.append(f"at {line.at.isoformat()} (UTC) by {line.user}")
    return "\n".join(rows)


def tell(lines: Sequence[HistoryLine], names: Names, today: date) -> list[HistoryDay]:
    """Audit lines (newest first) as sentences grouped by day, newest day first."""
    days: dict[date, list[HistoryEvent]] = {}
    for line in lines:
        at = line.at.astimezone(names.tz)
        entry = Entry(at, line.user, line.action, line.summary, line.changes)
        detail = _detail(line)
        events = days.setdefault(at.date(), [])
        for said in describe(entry, names):
            events.append(
                HistoryEvent(
                    at, line.user, said.what, said.note, detail, said.phrase, said.note_phrase
                )
            )
    return [
        HistoryDay(day, day_heading(day, today), tuple(events), (today - day).days)
        for day, events in days.items()
    ]


def _ids(lines: Iterable[HistoryLine]) -> dict[str, set[int]]:
    wanted: dict[str, set[int]] = {}
    for line in lines:
        for column, values in line.changes.items():
            if column in REFERENCE_COLUMNS:
                ids = {v for v in values if isinstance(v, int) and not isinstance(v, bool)}
                wanted.setdefault(column, set()).update(ids)
    return wanted


def _name_column(model: type[Base]) -> Any:
    if model is Student:
        return Student.given_name + " " + Student.family_name
    if model is Placement:
        return Placement.reference
    if model is CostItem:
        return CostItem.description
    return model.name  # type: ignore[attr-defined]


def _names_of(session: Session, model: type[Base], ids: set[int]) -> dict[int, str]:
    if model is AgreementDocument:
        rows = session.scalars(select(AgreementDocument).where(AgreementDocument.id.in_(ids)))
        return {row.id: str(row) for row in rows}
    key = model.id  # type: ignore[attr-defined]
    query = select(key, _name_column(model)).where(key.in_(ids))
    return {row[0]: str(row[1]) for row in session.execute(query)}


def read_names(session: Session, lines: Iterable[HistoryLine], tz: tzinfo | None) -> Names:
    """The names of every record the lines refer to by id (one query per kind of record)."""
    by_column: dict[str, dict[int, str]] = {}
    for column, ids in _ids(lines).items():
        if ids:
            by_column[column] = _names_of(session, REFERENCE_COLUMNS[column], ids)
    return Names(by_column, tz)


def placement_history(
    db: Database,
    placement_id: int,
    *,
    today: date | None = None,
    tz: tzinfo | None = None,
    limit: int = 500,
) -> list[HistoryDay]:
    """A placement's history in sentences, grouped by day, newest first; [] if it has none.

    `tz` is the zone the times are shown in (None: the computer's own).
    """
    lines = record_history(db, "placement", placement_id, limit)
    with db.session() as session:
        names = read_names(session, lines, tz)
    today = today or datetime.now(tz).date()
    return tell(lines, names, today)
