"""A placement's monitoring log: entries added, corrected and removed, and the tab's view.

Each entry is checked before anything is stored (a date inside the placement's period and not
in the future, who took part, a tool the placement chose, a duration, a concern's follow-up and
resolution, an attachment that is what its name says): every problem is named beside its field
and nothing is written. The view the Monitoring tab shows is read with three small queries on
indexed columns, whatever the size of the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from vipdesk.models import (
    CommunicationProtocol,
    EntryKind,
    MonitoringEntry,
    Placement,
    Status,
    ToolChoice,
)
from vipdesk.phrase import Day
from vipdesk.services.monitoring.attachments import attachment_problems
from vipdesk.services.monitoring.cadence import MEETING_KINDS, REPORT_KINDS, Rhythm, rhythm
from vipdesk.services.preparation.tool_catalogue import tool_name
from vipdesk.services.trash.bin import keep_deleted

PARTICIPANTS_LIMIT = 300
TEXT_LIMIT = 4000
MINUTES_RANGE = (1, 600)


@dataclass
class EntryForm:
    """What the entry dialog edits. `attachment` is a new file; None keeps the one stored."""

    placement_id: int
    kind: EntryKind = EntryKind.MENTOR_MEETING
    held_on: date | None = None
    participants: str = ""
    tool_key: str | None = None
    minutes: int | None = None
    note: str = ""
    concern: bool = False
    follow_up: str = ""
    resolved_on: date | None = None
    resolution: str = ""
    attachment_name: str = ""
    attachment: bytes | None = None
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class EntryRow:
    """One entry as the tab lists it (without its file)."""

    id: int
    version: int
    kind: EntryKind
    held_on: date
    participants: str
    tool_key: str | None
    minutes: int | None
    note: str
    attachment_name: str
    concern: bool
    follow_up: str
    resolved_on: date | None
    resolution: str

    @property
    def tool(self) -> str:
        return tool_name(self.tool_key) if self.tool_key else ""

    @property
    def concern_open(self) -> bool:
        return self.concern and self.resolved_on is None

    def form(self, placement_id: int) -> EntryForm:
        return EntryForm(
            placement_id=placement_id,
            kind=self.kind,
            held_on=self.held_on,
            participants=self.participants,
            tool_key=self.tool_key,
            minutes=self.minutes,
            note=self.note,
            concern=self.concern,
            follow_up=self.follow_up,
            resolved_on=self.resolved_on,
            resolution=self.resolution,
            attachment_name=self.attachment_name,
            id=self.id,
            version=self.version,
        )


@dataclass(frozen=True)
class MonitoringView:
    """What the Monitoring tab shows of one placement."""

    placement_id: int
    start: date
    end: date
    status: Status
    tools: dict[str, str]  # the placement's chosen tools: key -> name
    entries: list[EntryRow]  # newest first
    meetings: Rhythm | None  # None without a communication protocol
    reports: Rhythm | None
    as_of: date = field(default_factory=date.today)

    @property
    def open_concerns(self) -> int:
        return sum(e.concern_open for e in self.entries)


_ROW_COLUMNS = (
    MonitoringEntry.id,
    MonitoringEntry.version,
    MonitoringEntry.kind,
    MonitoringEntry.held_on,
    MonitoringEntry.participants,
    MonitoringEntry.tool_key,
    MonitoringEntry.minutes,
    MonitoringEntry.note,
    MonitoringEntry.attachment_name,
    MonitoringEntry.concern,
    MonitoringEntry.follow_up,
    MonitoringEntry.resolved_on,
    MonitoringEntry.resolution,
)


def _row(r: Any) -> EntryRow:
    """An `EntryRow` from a result row of `_ROW_COLUMNS` or from the ORM entry itself."""
    return EntryRow(
        r.id,
        r.version,
        r.kind,
        r.held_on,
        r.participants,
        r.tool_key,
        r.minutes,
        r.note or "",
        r.attachment_name or "",
        bool(r.concern),
        r.follow_up or "",
        r.resolved_on,
        r.resolution or "",
    )


def _placement(session: Session, placement_id: int) -> Placement:
    placement = session.get(Placement, placement_id)
    if placement is None:
        raise NotFoundError.said("This placement no longer exists.")
    return placement


def _tools(session: Session, placement_id: int) -> dict[str, str]:
    keys = session.scalars(
        select(ToolChoice.tool_key).where(ToolChoice.placement_id == placement_id)
    )
    return {key: tool_name(key) for key in dict.fromkeys(keys)}


def monitoring_view(db: Database, placement_id: int, as_of: date | None = None) -> MonitoringView:
    """The placement's entries, newest first, and both series against the protocol."""
    as_of = as_of or date.today()
    with db.session() as session:
        placement = _placement(session, placement_id)
        entries = [
            _row(r)
            for r in session.execute(
                select(*_ROW_COLUMNS)
                .where(MonitoringEntry.placement_id == placement_id)
                .order_by(MonitoringEntry.held_on.desc(), MonitoringEntry.id.desc())
            )
        ]
        cadences = session.execute(
            select(CommunicationProtocol.meetings, CommunicationProtocol.reporting).where(
                CommunicationProtocol.placement_id == placement_id
            )
        ).first()
        start, end = placement.planned_start, placement.planned_end
        view = MonitoringView(
            placement_id,
            start,
            end,
            placement.status,
            _tools(session, placement_id),
            entries,
            None,
            None,
            as_of,
        )
    if cadences is None:
        return view
    meetings, reporting = cadences

    def series(kinds: tuple[EntryKind, ...], cadence: object) -> Rhythm:
        held = [e.held_on for e in entries if e.kind in kinds]
        return rhythm(start, end, cadence, held, as_of)  # type: ignore[arg-type]

    return MonitoringView(
        placement_id,
        start,
        end,
        view.status,
        view.tools,
        entries,
        series(MEETING_KINDS, meetings),
        series(REPORT_KINDS, reporting),
        as_of,
    )


def validate_entry(
    form: EntryForm, start: date, end: date, tools: dict[str, str], today: date
) -> list[FieldProblem]:
    """Every problem of the entry, by field; empty when it can be stored."""
    problems: list[FieldProblem] = []

    def add(field: str, template: str, /, **values: object) -> None:
        problems.append(FieldProblem.said(field, template, **values))

    if form.held_on is None:
        add("held_on", "Give the date it took place.")
    elif not start <= form.held_on <= end:
        add(
            "held_on",
            "The date is outside the placement's period ({start} – {end}).",
            start=Day(start, padded=True),
            end=Day(end, padded=True),
        )
    elif form.held_on > today:
        add("held_on", "The date is in the future: log it once it has taken place.")
    who = " ".join(form.participants.split())
    if not who:
        add("participants", "Say who took part.")
    elif len(who) > PARTICIPANTS_LIMIT:
        add(
            "participants",
            "Keep the participants under {limit} characters.",
            limit=PARTICIPANTS_LIMIT,
        )
    if form.tool_key and form.tool_key not in tools:
        add("tool_key", "Choose one of the tools chosen for this placement.")
    low, high = MINUTES_RANGE
    if form.minutes is not None and not low <= form.minutes <= high:
        add("minutes", "The duration is from {low} to {high} minutes.", low=low, high=high)
    for name in ("note", "follow_up", "resolution"):
        if len(getattr(form, name)) > TEXT_LIMIT:
            add(name, "Keep it under {limit} characters.", limit=TEXT_LIMIT)
    if form.concern and not form.follow_up.strip():
        add("follow_up", "Say what follows up on the concern.")
    if form.resolved_on is not None:
        if not form.concern:
            add("resolved_on", "Only a concern is resolved.")
        elif form.held_on is not None and form.resolved_on < form.held_on:
            add("resolved_on", "The concern is resolved before it was raised.")
        elif form.resolved_on > today:
            add("resolved_on", "The resolution date is in the future.")
        if not form.resolution.strip():
            add("resolution", "Say how the concern was resolved.")
    if form.attachment is not None:
        problems += attachment_problems(form.attachment, form.attachment_name)
    return problems


def save_entry(
    db: Database, form: EntryForm, user: str | None = None, today: date | None = None
) -> EntryRow:
    """Add or correct an entry.

    Raises:
        ValidationError: every problem, by field; nothing is stored.
        NotFoundError: the placement or the entry is gone.
        ConflictError: the entry changed since `form.version`.
    """
    try:
        with db.session(user) as session:
            placement = _placement(session, form.placement_id)
            problems = validate_entry(
                form,
                placement.planned_start,
                placement.planned_end,
                _tools(session, form.placement_id),
                today or date.today(),
            )
            if problems:
                raise ValidationError(problems)
            row = _entry(session, form)
            row.kind = form.kind
            row.held_on = form.held_on  # type: ignore[assignment]
            row.participants = " ".join(form.participants.split())
            row.tool_key = form.tool_key or None
            row.minutes = form.minutes
            row.note = form.note.strip() or None
            row.concern = form.concern
            row.follow_up = form.follow_up.strip() or None
            row.resolved_on = form.resolved_on
            row.resolution = form.resolution.strip() or None
            if form.attachment is not None:
                row.attachment = form.attachment
                row.attachment_name = form.attachment_name
            elif not form.attachment_name:
                row.attachment, row.attachment_name = None, None
            session.flush()
            return _row(row)
    except StaleDataError as exc:
        raise ConflictError("monitoring entry") from exc


def _entry(session: Session, form: EntryForm) -> MonitoringEntry:
    if form.id is None:
        row = MonitoringEntry(placement_id=form.placement_id)
        session.add(row)
        return row
    found = session.get(MonitoringEntry, form.id)
    if found is None or found.placement_id != form.placement_id:
        raise NotFoundError.said("This monitoring entry no longer exists.")
    if form.version is not None and found.version != form.version:
        raise ConflictError("monitoring entry", changed_by=found.updated_by)
    return found


def delete_entry(db: Database, entry_id: int, user: str | None = None) -> None:
    """Delete an entry; it can be restored from "Recently deleted" for 30 days."""
    with db.session(user) as session:
        row = session.get(MonitoringEntry, entry_id)
        if row is not None:
            keep_deleted(session, "log", entry_id, str(row))
            session.delete(row)


def attachment_of(db: Database, entry_id: int) -> tuple[str, bytes]:
    """The entry's file name and content.

    Raises:
        NotFoundError: the entry is gone or has no file.
    """
    with db.session() as session:
        found = session.execute(
            select(MonitoringEntry.attachment_name, MonitoringEntry.attachment).where(
                MonitoringEntry.id == entry_id
            )
        ).first()
    if found is None or found[1] is None:
        raise NotFoundError.said("This entry has no file attached.")
    return found[0] or "attachment", found[1]
