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

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.models import (
    AgreementDocument,
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


def _note(rng: random.Random, kind: EntryKind) -> str:
    note = _NOTES[kind]
    return note if isinstance(note, str) else rng.choice(note)


def _entry(rng: random.Random, pid: int, kind: EntryKind, day: date, tool: str | None) -> Row:
    return {
        "placement_id": pid,
        "kind": kind.value,
        "held_on": day,
        "participants": _PARTICIPANTS[kind],
        "tool_key": tool if _MINUTES[kind] else None,  # a meeting's tool; a report has none
        "minutes": _MINUTES[kind],
        "note": _note(rng, kind),
        "attachment_name": None,
        "concern": False,
        "follow_up": None,
        "resolved_on": None,
        "resolution": None,
    }


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


def _log(rng: random.Random, pid: int, start: date, until: date, cadences: tuple[Cadence, Cadence],
         tool: str | None, lapsed: bool) -> list[Row]:  # fmt: skip
    """The entries of one placement from its start to `until` (its end, or yesterday)."""
    meetings, reporting = cadences
    rows = [_entry(rng, pid, EntryKind.KICKOFF, start, tool)]
    step = INTERVAL_DAYS[meetings]
    last_meeting = until - timedelta(days=step + 12) if lapsed else until
    for day in _series(start + timedelta(days=step), last_meeting, step, rng, 2):
        row = _entry(rng, pid, EntryKind.MENTOR_MEETING, day, tool)
        if rng.random() < 0.03:
            # a meeting that raised a concern, followed up and resolved within days
            row["concern"] = True
            row["note"] = rng.choice(_CONCERN)
            row["follow_up"] = "Coordinator calls the student and the mentor."
            resolved = day + timedelta(days=rng.randint(2, 6))
            if resolved < until:
                row["resolved_on"] = resolved
                row["resolution"] = rng.choice(_RESOLUTION)
        rows.append(row)
    for day in _series(start + timedelta(days=COACHING_DAYS // 2), until, COACHING_DAYS, rng, 5):
        rows.append(_entry(rng, pid, EntryKind.TUTOR_COACHING, day, tool))
    middle = start + (until - start) / 2
    rows.append(_entry(rng, pid, EntryKind.PEER_FEEDBACK, middle, tool))
    # Reports at the protocol's reporting cadence: a progress report, every other one a
    # reflection entry instead.
    report = INTERVAL_DAYS[reporting]
    for number, day in enumerate(_series(start, until, report, rng, min(report - 1, 3))):
        kind = EntryKind.REFLECTION if number % 2 else EntryKind.PROGRESS_REPORT
        rows.append(_entry(rng, pid, kind, day, tool))
    return rows


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
    insert: Callable[[str, list[Row]], None],
    rng: random.Random,
    today: date,
    stamp: Row,
    outcomes: Mapping[int, tuple[str, ...]],
) -> int:
    """Write the monitoring log and recognition of every started placement; returns entries.

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
    entries: list[Row] = []
    recognitions: list[Row] = []
    yesterday = today - timedelta(days=1)
    count = 0
    for number, (pid, status, start, end, credits, meetings, reporting) in enumerate(placed):
        if number and number % BATCH == 0:  # written as it goes: memory stays flat at 100k
            count += len(entries)
            insert("monitoring_entry", [row | stamp for row in entries])
            entries.clear()
        until = min(end, yesterday)
        lapsed = status is Status.ONGOING and rng.random() < _LATE_SHARE
        cadences = (meetings or Cadence.WEEKLY, reporting or Cadence.FORTNIGHTLY)
        entries += _log(rng, pid, start, until, cadences, tools.get(pid), lapsed)
        if not credits or pid not in received:
            continue
        row = _recognition(rng, pid, credits, end, received[pid], outcomes.get(pid, ()))
        if status is Status.COMPLETED:
            row["transcript_on"] = min(row["transcript_on"], yesterday)  # it was recorded
        elif row["transcript_on"] >= today or rng.random() < _UNRECOGNISED_SHARE:
            continue  # not recorded yet: the work list asks for it once it is late
        recognitions.append(row)
    insert("monitoring_entry", [row | stamp for row in entries])
    insert("recognition", [row | stamp for row in recognitions])
    return count + len(entries)
