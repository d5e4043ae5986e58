"""Demo data, part six: the monitoring log and the recognition of placements under way or done.

Each placement that has started has its kick-off on the first day, mentor meetings at the
protocol's cadence, coaching by the tutor every four weeks, peer feedback at mid-term, and
progress reports and reflection entries at the protocol's reporting cadence, up to its end or
today. Now and then a meeting raised a concern, resolved a few days later. A handful of ongoing
placements have not met for a while, so that the work list shows overdue meetings as an office
really sees them. A completed placement that counts toward the degree has its credits
recognised; so have most of those being evaluated whose transcript is due. Rows are plain dicts
for bulk inserts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import (
    Column,
    Connection,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    case,
    literal,
    select,
)
from sqlalchemy.orm import Session

from vipdesk.models import (
    AgreementDocument,
    Base,
    Cadence,
    CommunicationProtocol,
    DocumentKind,
    DocumentState,
    EntryKind,
    Placement,
    Status,
    ToolChoice,
)
from vipdesk.services.demo.parties import Row
from vipdesk.services.monitoring.cadence import INTERVAL_DAYS

STARTED = (Status.ONGOING, Status.EVALUATING, Status.COMPLETED)
BATCH = 2000  # placements whose log entries are inserted together
COACHING_DAYS = 28
_LATE_SHARE = 0.01  # ongoing placements whose meetings have lapsed
_UNRECOGNISED_SHARE = 0.05  # evaluating placements past their transcript date without it
_NOTES = {
    EntryKind.KICKOFF: "Introductions, work plan and tools agreed; first tasks assigned.",
    EntryKind.MENTOR_MEETING: (
        "Reviewed last week's tasks and agreed the next ones.",
        "Went through the draft deliverable; feedback given on structure.",
        "Short check-in: on track, no blockers.",
        "Planned the presentation to the team.",
    ),
    EntryKind.TUTOR_COACHING: (
        "Learning outcomes reviewed against the agreement; reflection log discussed.",
        "Coaching on the final report; outcomes on track.",
    ),
    EntryKind.PEER_FEEDBACK: "Feedback from two team members on collaboration and reporting.",
    EntryKind.PROGRESS_REPORT: (
        "Weekly report: tasks done, next steps, no blockers.",
        "Progress report with the draft deliverable attached to the shared folder.",
    ),
    EntryKind.REFLECTION: (
        "Reflection on working across time zones and planning my own days.",
        "What I learnt from presenting to the team online.",
        "Reflection: asking for help earlier when blocked.",
    ),
}
_CONCERN = (
    "Feels isolated working alone; fewer answers from the team this week.",
    "Connection problems made two meetings fail.",
    "Workload heavy before the university's exams.",
)
_RESOLUTION = (
    "Daily ten-minute call with a buddy from the team agreed.",
    "Switched to the backup tool; meetings held since.",
    "Hours reduced for two weeks, agreed with the mentor.",
)
_PARTICIPANTS = {
    EntryKind.KICKOFF: "student, mentor, tutor",
    EntryKind.MENTOR_MEETING: "student, mentor",
    EntryKind.TUTOR_COACHING: "student, tutor",
    EntryKind.PEER_FEEDBACK: "student, two colleagues",
    EntryKind.PROGRESS_REPORT: "student, mentor",
    EntryKind.REFLECTION: "student",
}
_MINUTES = {
    EntryKind.KICKOFF: 60,
    EntryKind.MENTOR_MEETING: 45,
    EntryKind.TUTOR_COACHING: 30,
    EntryKind.PEER_FEEDBACK: 30,
    EntryKind.PROGRESS_REPORT: None,
    EntryKind.REFLECTION: None,
}


# Each kind of entry with each of its notes: an entry is its placement, template and day.
_TEMPLATES = [
    {"template": number, "kind": kind.value, "participants": _PARTICIPANTS[kind],
     "minutes": _MINUTES[kind], "note": note}
    for number, (kind, note) in enumerate(
        (kind, note)
        for kind, notes in _NOTES.items()
        for note in ((notes,) if isinstance(notes, str) else notes)
    )
]  # fmt: skip
_OF_KIND = {
    kind: [n for n, t in enumerate(_TEMPLATES) if t["kind"] == kind.value] for kind in _NOTES
}

_TEMPORARY = MetaData()
_TEMPLATE = Table(
    "demo_entry_template",
    _TEMPORARY,
    Column("template", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("participants", String(300), nullable=False),
    Column("minutes", Integer),
    Column("note", Text, nullable=False),
    prefixes=["TEMPORARY"],
)
_ENTRY = Table(
    "demo_entry",
    _TEMPORARY,
    Column("position", Integer, primary_key=True),
    Column("placement_id", Integer, nullable=False),
    Column("template", Integer, nullable=False),
    Column("held_on", Date, nullable=False),
    prefixes=["TEMPORARY"],
)


def _template(rng: random.Random, kind: EntryKind) -> int:
    """An entry of `kind` with one of its notes."""
    numbers = _OF_KIND[kind]
    return numbers[0] if len(numbers) == 1 else rng.choice(numbers)


def _concern(rng: random.Random, pid: int, day: date, until: date, tool: str | None) -> Row:
    """A meeting that raised a concern, followed up and resolved within days."""
    row = {
        "placement_id": pid,
        "kind": EntryKind.MENTOR_MEETING.value,
        "held_on": day,
        "participants": _PARTICIPANTS[EntryKind.MENTOR_MEETING],
        "tool_key": tool,
        "minutes": _MINUTES[EntryKind.MENTOR_MEETING],
        "note": rng.choice(_CONCERN),
        "attachment_name": None,
        "concern": True,
        "follow_up": "Coordinator calls the student and the mentor.",
        "resolved_on": None,
        "resolution": None,
    }
    resolved = day + timedelta(days=rng.randint(2, 6))
    if resolved < until:
        row["resolved_on"] = resolved
        row["resolution"] = rng.choice(_RESOLUTION)
    return row


def _series(first: date, last: date, step: int, rng: random.Random, jitter: int) -> list[date]:
    """One day in each `step`-day slot from `first` to `last` (inclusive)."""
    days = []
    slot = first
    while slot <= last:
        day = slot + timedelta(days=rng.randint(0, max(min(jitter, step - 1), 0)))
        if day <= last:
            days.append(day)
        slot += timedelta(days=step)
    return days


Entry = tuple[int, date]  # a template and the day


def _log(rng: random.Random, pid: int, start: date, until: date, cadences: tuple[Cadence, Cadence],
         tool: str | None, lapsed: bool, concerns: list[Row]) -> list[Entry]:  # fmt: skip
    """The entries of one placement from its start to `until` (its end, or yesterday); a
    meeting that raised a concern goes to `concerns`, whole."""
    meetings, reporting = cadences
    entries = [(_template(rng, EntryKind.KICKOFF), start)]
    step = INTERVAL_DAYS[meetings]
    last_meeting = until - timedelta(days=step + 12) if lapsed else until
    for day in _series(start + timedelta(days=step), last_meeting, step, rng, 2):
        template = _template(rng, EntryKind.MENTOR_MEETING)
        if rng.random() < 0.03:
            concerns.append(_concern(rng, pid, day, until, tool))
        else:
            entries.append((template, day))
    for day in _series(start + timedelta(days=COACHING_DAYS // 2), until, COACHING_DAYS, rng, 5):
        entries.append((_template(rng, EntryKind.TUTOR_COACHING), day))
    middle = start + (until - start) / 2
    entries.append((_template(rng, EntryKind.PEER_FEEDBACK), middle))
    # Reports at the protocol's reporting cadence: a progress report, every other one a
    # reflection entry instead.
    report = INTERVAL_DAYS[reporting]
    for number, day in enumerate(_series(start, until, report, rng, min(report - 1, 3))):
        kind = EntryKind.REFLECTION if number % 2 else EntryKind.PROGRESS_REPORT
        entries.append((_template(rng, kind), day))
    return entries


def _certificates(session: Session, ids: set[int]) -> dict[int, date]:
    """The day each placement's signed certificate was locked: when the host's arrived."""
    query = select(AgreementDocument.placement_id, AgreementDocument.locked_at).where(
        AgreementDocument.kind == DocumentKind.CERTIFICATE,
        AgreementDocument.state == DocumentState.SIGNED,
    )
    return {pid: locked.date() for pid, locked in session.execute(query) if pid in ids and locked}


def _recognition(rng: random.Random, pid: int, planned: Decimal, end: date,
                 received: date, outcomes: tuple[str, ...]) -> Row:  # fmt: skip
    transcript = max(end, received) + timedelta(days=rng.randint(10, 30))
    return {
        "placement_id": pid,
        "credits_awarded": planned,
        "credits_reason": None,
        "grading_scale": "ects",
        "grade": rng.choice(("A", "A", "B", "B", "B", "C")),
        "transcript_on": transcript,
        "outcomes_achieved": "\n".join(outcomes) or "The planned learning outcomes.",
        "certificate_received_on": received,
    }


def add_demo_monitoring(
    session: Session,
    insert: Callable[[str | Table, list[Row]], None],
    rng: random.Random,
    today: date,
    stamp: Row,
    outcomes: Mapping[int, tuple[str, ...]],
) -> int:
    """Write the monitoring log and recognition of every started placement; returns entries.

    The entries (1.6 million at 100,000 placements) go to a temporary table as placement,
    template and day, and one `INSERT … SELECT` writes them with their template's words and
    the placement's meeting tool: SQLite takes a few numbers a row from Python several times
    faster than a dozen texts and NULLs. A meeting that raised a concern is written whole.

    Args:
        outcomes: the planned learning outcomes of each placement's agreement (a recognition
            records them achieved), by placement id.
    """
    query = (
        select(Placement.id, Placement.status, Placement.planned_start, Placement.planned_end,
               Placement.ects_credits, CommunicationProtocol.meetings,
               CommunicationProtocol.reporting)
        .outerjoin(CommunicationProtocol, CommunicationProtocol.placement_id == Placement.id)
        .where(Placement.status.in_(STARTED), Placement.planned_start < today)
        .order_by(Placement.id)
    )  # fmt: skip
    placed = list(session.execute(query))
    tools = dict(
        session.execute(
            select(ToolChoice.placement_id, ToolChoice.tool_key).where(
                ToolChoice.purpose == "meetings"
            )
        ).all()
    )
    done = {pid for pid, status, *_ in placed if status is not Status.ONGOING}
    received = _certificates(session, done)
    connection = session.connection()
    for table in (_TEMPLATE, _ENTRY):
        table.create(connection)
    insert(_TEMPLATE, _TEMPLATES)
    entries: list[Row] = []
    concerns: list[Row] = []
    recognitions: list[Row] = []
    yesterday = today - timedelta(days=1)
    count = 0
    for number, (pid, status, start, end, credits, meetings, reporting) in enumerate(placed):
        if number and number % BATCH == 0:  # written as it goes: memory stays flat at 100k
            count += len(entries)
            insert(_ENTRY, entries)
            entries.clear()
        until = min(end, yesterday)
        lapsed = status is Status.ONGOING and rng.random() < _LATE_SHARE
        cadences = (meetings or Cadence.WEEKLY, reporting or Cadence.FORTNIGHTLY)
        log = _log(rng, pid, start, until, cadences, tools.get(pid), lapsed, concerns)
        entries += [
            {"position": count + len(entries) + n, "placement_id": pid, "template": template,
             "held_on": day}
            for n, (template, day) in enumerate(log)
        ]  # fmt: skip
        if not credits or pid not in received:
            continue
        row = _recognition(rng, pid, credits, end, received[pid], outcomes.get(pid, ()))
        if status is Status.COMPLETED:
            row["transcript_on"] = min(row["transcript_on"], yesterday)  # it was recorded
        elif row["transcript_on"] >= today or rng.random() < _UNRECOGNISED_SHARE:
            continue  # not recorded yet: the work list asks for it once it is late
        recognitions.append(row)
    insert(_ENTRY, entries)
    _write_entries(connection, stamp)
    for table in (_ENTRY, _TEMPLATE):
        table.drop(connection)
    insert("monitoring_entry", [row | stamp for row in concerns])
    insert("recognition", [row | stamp for row in recognitions])
    return count + len(entries) + len(concerns)


def _write_entries(connection: Connection, stamp: Row) -> None:
    """Every entry of the temporary table, with its template's words and, for a meeting, the
    placement's meeting tool."""
    log = Base.metadata.tables["monitoring_entry"]
    tool = Base.metadata.tables["tool_choice"]
    meeting_tool = case((_TEMPLATE.c.minutes.is_not(None), tool.c.tool_key))  # a report has none
    words = [_TEMPLATE.c.kind, _TEMPLATE.c.participants, _TEMPLATE.c.minutes, _TEMPLATE.c.note]
    fixed = {"concern": False} | stamp
    chosen = (
        select(_ENTRY.c.placement_id, _ENTRY.c.held_on, meeting_tool, *words,
               *(literal(value, log.c[name].type) for name, value in fixed.items()))
        .join(_TEMPLATE, _TEMPLATE.c.template == _ENTRY.c.template)
        .outerjoin(tool, and_(tool.c.placement_id == _ENTRY.c.placement_id,
                              tool.c.purpose == "meetings"))
        .order_by(_ENTRY.c.position)
    )  # fmt: skip
    columns = ["placement_id", "held_on", "tool_key", "kind", "participants", "minutes", "note"]
    connection.execute(log.insert().from_select([*columns, *fixed], chosen))
