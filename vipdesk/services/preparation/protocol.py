"""The communication protocol of a placement: load with sensible defaults, check, save, overlap.

One protocol per placement. A new one starts from the time zones of the student, the mentor and
the tutor, Monday to Friday 9:00 to 17:00, weekly reports and meetings and a reply within a day.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.documents.agreement import limits
from vipdesk.errors import ConflictError, FieldProblem, NotFoundError, ValidationError
from vipdesk.models import (
    ActorAvailability,
    Cadence,
    CommunicationProtocol,
    Placement,
    ProtocolActor,
)
from vipdesk.models.base import bump_version
from vipdesk.phrase import Count, Label
from vipdesk.services.preparation.overlap import Availability, OverlapReport, plan_overlap
from vipdesk.services.refdata import is_time_zone

WORKDAYS = frozenset(range(1, 6))


@dataclass
class AvailabilityForm:
    actor: ProtocolActor
    zone: str | None
    weekdays: frozenset[int] = WORKDAYS
    start: time | None = time(9)
    end: time | None = time(17)


@dataclass
class ProtocolForm:
    """What the protocol editor edits; `period` (the placement's dates) is shown, not saved."""

    placement_id: int
    period: tuple[date, date]
    id: int | None = None
    version: int | None = None
    reporting: Cadence = Cadence.WEEKLY
    reply_hours: int = 24
    meetings: Cadence = Cadence.WEEKLY
    meeting_minutes: int = 60
    tools_note: str = ""
    student_helpdesk: str = ""
    staff_helpdesk: str = ""
    notes: str = ""
    availability: list[AvailabilityForm] = field(default_factory=list)
    updated_by: str | None = None

    def of(self, actor: ProtocolActor) -> AvailabilityForm | None:
        return next((a for a in self.availability if a.actor is actor), None)


EDITABLE_FIELDS = tuple(
    f.name
    for f in fields(ProtocolForm)
    if f.name not in {"placement_id", "period", "id", "version", "updated_by"}
)

FIELD_LABELS = {
    "reporting": "Reporting",
    "reply_hours": "Reply within",
    "meetings": "Meetings",
    "meeting_minutes": "Meeting length",
    "tools_note": "Which tool for what",
    "student_helpdesk": "Helpdesk for the student",
    "staff_helpdesk": "Helpdesk for company staff",
    "notes": "Notes",
    "availability": "Availability",
}


def changed_fields(before: ProtocolForm, after: ProtocolForm) -> list[str]:
    return [n for n in EDITABLE_FIELDS if getattr(before, n) != getattr(after, n)]


def validate(form: ProtocolForm) -> list[FieldProblem]:
    problems: list[FieldProblem] = []

    def problem(field: str, template: str, /, **values: object) -> None:
        problems.append(FieldProblem.said(field, template, **values))

    if not 1 <= form.reply_hours <= 336:
        problem("reply_hours", "The reply time is 1 to 336 hours.")
    if not 10 <= form.meeting_minutes <= 240:
        problem("meeting_minutes", "A meeting lasts 10 to 240 minutes.")
    for name in ("student_helpdesk", "staff_helpdesk"):
        if len(getattr(form, name)) > 300:
            problem(name, "Keep this under {limit} characters.", limit=Count(300))
    for name in ("tools_note", "notes"):
        if len(getattr(form, name).strip()) > limits.NOTE:
            problem(name, "Keep this under {limit} characters.", limit=Count(limits.NOTE))
    for slot in form.availability:
        where = f"availability.{slot.actor.value}"
        who = Label(slot.actor.label)
        if not is_time_zone(slot.zone):
            problem(where, "{who}: choose a time zone from the list.", who=who)
        if not slot.weekdays or not slot.weekdays <= set(range(1, 8)):
            problem(where, "{who}: tick at least one working day.", who=who)
        if slot.start is None or slot.end is None:
            problem(where, "{who}: enter the start and end of the day.", who=who)
        elif slot.end <= slot.start:
            problem(where, "{who}: the day must end after it starts (same day).", who=who)
    return problems


# --- load and save -------------------------------------------------------------------------


def _to_form(protocol: CommunicationProtocol, period: tuple[date, date]) -> ProtocolForm:
    return ProtocolForm(
        placement_id=protocol.placement_id,
        period=period,
        id=protocol.id,
        version=protocol.version,
        reporting=protocol.reporting,
        reply_hours=protocol.reply_hours,
        meetings=protocol.meetings,
        meeting_minutes=protocol.meeting_minutes,
        tools_note=protocol.tools_note or "",
        student_helpdesk=protocol.student_helpdesk or "",
        staff_helpdesk=protocol.staff_helpdesk or "",
        notes=protocol.notes or "",
        availability=sorted(
            (
                AvailabilityForm(
                    a.actor,
                    a.timezone,
                    frozenset(int(d) for d in a.weekdays),
                    a.start_time,
                    a.end_time,
                )
                for a in protocol.availability
            ),
            key=lambda a: list(ProtocolActor).index(a.actor),
        ),
        updated_by=protocol.updated_by,
    )


def _stored(session: Session, placement_id: int) -> CommunicationProtocol | None:
    return session.scalar(
        select(CommunicationProtocol)
        .options(selectinload(CommunicationProtocol.availability))
        .where(CommunicationProtocol.placement_id == placement_id)
    )


def _placement(session: Session, placement_id: int) -> Placement:
    placement = session.get(Placement, placement_id)
    if placement is None:
        raise NotFoundError.said("This placement no longer exists.")
    return placement


def load_protocol(db: Database, placement_id: int) -> ProtocolForm:
    """The stored protocol, or a new one filled from the people of the placement."""
    with db.session() as session:
        placement = _placement(session, placement_id)
        period = (placement.planned_start, placement.planned_end)
        protocol = _stored(session, placement_id)
        if protocol is not None:
            return _to_form(protocol, period)
        mentor_zone = placement.mentor.timezone if placement.mentor else placement.host.timezone
        tutor_zone = placement.tutor.timezone if placement.tutor else placement.institution.timezone
        return ProtocolForm(
            placement_id=placement_id,
            period=period,
            availability=[
                AvailabilityForm(ProtocolActor.STUDENT, placement.student.timezone),
                AvailabilityForm(ProtocolActor.MENTOR, mentor_zone),
                AvailabilityForm(ProtocolActor.TUTOR, tutor_zone),
            ],
        )


def _apply(protocol: CommunicationProtocol, form: ProtocolForm) -> None:
    protocol.reporting = form.reporting
    protocol.reply_hours = form.reply_hours
    protocol.meetings = form.meetings
    protocol.meeting_minutes = form.meeting_minutes
    protocol.tools_note = form.tools_note.strip() or None
    protocol.student_helpdesk = form.student_helpdesk.strip() or None
    protocol.staff_helpdesk = form.staff_helpdesk.strip() or None
    protocol.notes = form.notes.strip() or None
    before = _availability(protocol)
    rows = {a.actor: a for a in protocol.availability}
    for slot in form.availability:
        assert slot.zone is not None and slot.start is not None and slot.end is not None
        row = rows.pop(slot.actor, None)
        if row is None:
            row = ActorAvailability(actor=slot.actor)
            protocol.availability.append(row)
        row.timezone = slot.zone
        row.weekdays = "".join(str(d) for d in sorted(slot.weekdays))
        row.start_time, row.end_time = slot.start, slot.end
    for row in rows.values():
        protocol.availability.remove(row)
    if protocol.id is not None and _availability(protocol) != before:
        bump_version(protocol)  # only child rows changed: the version must move all the same


def _availability(protocol: CommunicationProtocol) -> list[tuple[object, ...]]:
    return [
        (a.actor, a.timezone, a.weekdays, a.start_time, a.end_time) for a in protocol.availability
    ]


def save_protocol(
    db: Database, form: ProtocolForm, user: str | None = None, *, overwrite: bool = False
) -> ProtocolForm:
    """Create or update the protocol and return it as stored.

    Raises:
        ValidationError: a rule is broken; nothing is saved.
        ConflictError: someone saved the protocol after `form.version` was read.
    """
    problems = validate(form)
    if problems:
        raise ValidationError(problems)
    try:
        with db.session(user) as session:
            placement = _placement(session, form.placement_id)
            protocol = _stored(session, form.placement_id)
            if protocol is None:
                if form.id is not None and not overwrite:
                    raise NotFoundError.said("This protocol was deleted by someone else.")
                protocol = CommunicationProtocol(placement_id=form.placement_id)
                session.add(protocol)
            elif protocol.version != form.version and not overwrite:
                theirs = _to_form(protocol, form.period)
                raise ConflictError(
                    "communication protocol",
                    theirs=theirs,
                    changed_by=protocol.updated_by,
                    changed_fields=changed_fields(form, theirs),
                )
            _apply(protocol, form)
            session.flush()
            return _to_form(protocol, (placement.planned_start, placement.planned_end))
    except (StaleDataError, IntegrityError) as exc:
        # Someone saved (or created the protocol) between our read and our write.
        theirs = load_protocol(db, form.placement_id)
        raise ConflictError(
            "communication protocol", theirs=theirs, changed_by=theirs.updated_by
        ) from exc


# --- overlap -------------------------------------------------------------------------------


def overlap_of(form: ProtocolForm) -> OverlapReport | None:
    """The shared hours of the actors filled in correctly (student first), or None."""
    actors = [
        Availability(a.actor.label, a.zone, a.weekdays, a.start, a.end)
        for a in form.availability
        if a.zone is not None
        and is_time_zone(a.zone)
        and a.weekdays
        and a.start is not None
        and a.end is not None
        and a.start < a.end
    ]
    first, last = form.period
    if not actors or actors[0].actor != ProtocolActor.STUDENT.label or last < first:
        return None
    return plan_overlap(actors, first, last, form.meeting_minutes)


@dataclass(frozen=True)
class ProtocolSummary:
    form: ProtocolForm
    saved: bool
    report: OverlapReport | None


def protocol_summary(db: Database, placement_id: int) -> ProtocolSummary:
    form = load_protocol(db, placement_id)
    return ProtocolSummary(form, form.id is not None, overlap_of(form))
