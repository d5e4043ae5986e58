"""The monitoring log: entries checked before anything is stored, the tab's view, cadence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.helpers.monitoring import END, START, docx, log, monitored_placement
from vipdesk.db import Database
from vipdesk.errors import ConflictError, ValidationError
from vipdesk.models import Cadence, EntryKind, MonitoringEntry
from vipdesk.services.monitoring.log import (
    EntryForm,
    attachment_of,
    delete_entry,
    monitoring_view,
    save_entry,
)
from vipdesk.services.trash.bin import recently_deleted, restore_deleted

TODAY = date(2026, 11, 30)


def _count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(MonitoringEntry)) or 0


def test_an_entry_is_stored_with_its_file_and_listed_newest_first(any_db: Database) -> None:
    pid = monitored_placement(any_db)
    first = save_entry(
        any_db,
        EntryForm(pid, EntryKind.KICKOFF, START, "student, mentor, tutor", "zoom", 60),
        today=TODAY,
    )
    second = save_entry(
        any_db,
        EntryForm(
            pid,
            EntryKind.REFLECTION,
            START + timedelta(days=10),
            "student",
            note="First fortnight",
            attachment_name="week2.docx",
            attachment=docx(),
        ),
        today=TODAY,
    )
    view = monitoring_view(any_db, pid, as_of=TODAY)
    assert [e.id for e in view.entries] == [second.id, first.id]
    assert view.entries[1].tool == "Zoom" and view.tools == {"zoom": "Zoom"}
    assert attachment_of(any_db, second.id) == ("week2.docx", docx())


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"held_on": START - timedelta(days=1)}, "held_on", "outside the placement's period"),
        ({"held_on": END + timedelta(days=1)}, "held_on", "outside the placement's period"),
        ({"held_on": TODAY + timedelta(days=1)}, "held_on", "in the future"),
        ({"held_on": None}, "held_on", "Give the date"),
        ({"participants": "  "}, "participants", "who took part"),
        ({"tool_key": "teams"}, "tool_key", "tools chosen for this placement"),
        ({"minutes": 0}, "minutes", "from 1 to 600"),
        ({"concern": True}, "follow_up", "follows up"),
        (
            {
                "concern": True,
                "follow_up": "call",
                "resolved_on": START,
                "resolution": "ok",
            },
            "resolved_on",
            "before it was raised",
        ),
        (
            {"attachment_name": "report.pdf", "attachment": b"GIF89a"},
            "attachment",
            "named as a PDF",
        ),
    ],
)
def test_bad_input_is_named_beside_its_field_and_nothing_is_stored(
    any_db: Database, changes: dict[str, object], field: str, says: str
) -> None:
    pid = monitored_placement(any_db)
    form = EntryForm(pid, EntryKind.MENTOR_MEETING, START + timedelta(days=3), "mentor")
    for name, value in changes.items():
        setattr(form, name, value)
    with pytest.raises(ValidationError) as caught:
        save_entry(any_db, form, today=TODAY)
    assert [p.field for p in caught.value.problems] == [field]
    assert says in caught.value.problems[0].message
    assert _count(any_db) == 0


def test_a_correction_keeps_the_file_and_a_stale_one_is_a_conflict(db: Database) -> None:
    pid = monitored_placement(db)
    form = EntryForm(
        pid,
        EntryKind.INCIDENT,
        START,
        "student",
        concern=True,
        follow_up="Check again on Friday",
        attachment_name="log.pdf",
        attachment=b"%PDF-1.4\n",
    )
    stored = save_entry(db, form, today=TODAY)
    resolved = stored.form(pid)
    resolved.resolved_on, resolved.resolution = START + timedelta(days=4), "Laptop replaced"
    again = save_entry(db, resolved, today=TODAY)
    assert not again.concern_open and again.attachment_name == "log.pdf"
    assert attachment_of(db, stored.id)[1] == b"%PDF-1.4\n"
    with pytest.raises(ConflictError):
        save_entry(db, stored.form(pid), today=TODAY)  # still at the first version
    delete_entry(db, stored.id)
    assert monitoring_view(db, pid, as_of=TODAY).entries == []


def test_the_view_measures_meetings_and_reports_against_the_protocol(db: Database) -> None:
    pid = monitored_placement(db, meetings=Cadence.WEEKLY, reporting=Cadence.FORTNIGHTLY)
    as_of = START + timedelta(days=27)  # four weekly slots begun
    log(db, pid, EntryKind.KICKOFF, START)
    log(db, pid, EntryKind.MENTOR_MEETING, START + timedelta(days=8))
    log(db, pid, EntryKind.PROGRESS_REPORT, START + timedelta(days=13))
    log(db, pid, EntryKind.INCIDENT, START + timedelta(days=20), concern=True)
    view = monitoring_view(db, pid, as_of=as_of)
    assert view.meetings is not None and view.reports is not None
    assert (view.meetings.expected, view.meetings.met) == (4, 2)
    assert view.meetings.overdue_since == START + timedelta(days=15)
    assert (view.reports.expected, view.reports.met) == (2, 1)
    assert view.open_concerns == 1
    log(db, pid, EntryKind.MENTOR_MEETING, as_of)
    assert monitoring_view(db, pid, as_of=as_of).meetings.overdue_since is None  # type: ignore[union-attr]


def test_without_a_protocol_there_is_no_rhythm_to_measure(db: Database) -> None:
    pid = monitored_placement(db, meetings=None)
    view = monitoring_view(db, pid, as_of=TODAY)
    assert view.meetings is None and view.reports is None


def test_a_deleted_entry_comes_back_from_recently_deleted(any_db: Database) -> None:
    pid = monitored_placement(any_db)
    entry = save_entry(
        any_db,
        EntryForm(pid, EntryKind.MENTOR_MEETING, START + timedelta(days=7), "student, mentor"),
        today=TODAY,
    )
    delete_entry(any_db, entry.id, "ana")
    assert _count(any_db) == 0
    [deleted] = recently_deleted(any_db)
    assert deleted.what == "Monitoring entry" and "mentor meeting" in deleted.label
    restore_deleted(any_db, deleted.id, "ana")
    assert [e.id for e in monitoring_view(any_db, pid, as_of=TODAY).entries] == [entry.id]
