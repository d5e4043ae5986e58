"""The communication protocol: defaults from the placement, rules, saving, conflicts, overlap."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.errors import ConflictError, ValidationError
from vipdesk.models import Cadence, ProtocolActor
from vipdesk.services.preparation.protocol import (
    AvailabilityForm,
    load_protocol,
    overlap_of,
    protocol_summary,
    save_protocol,
    validate,
)

STUDENT, MENTOR, TUTOR = ProtocolActor


def new_placement(db: Database) -> int:
    placement_id = make_placement(db, make_world(db)).id
    assert placement_id is not None
    return placement_id


def test_a_new_protocol_starts_from_the_people_of_the_placement(any_db: Database) -> None:
    form = load_protocol(any_db, new_placement(any_db))
    assert form.id is None
    assert form.period == (date(2027, 2, 1), date(2027, 5, 31))
    assert [(a.actor, a.zone) for a in form.availability] == [
        (STUDENT, "Europe/Warsaw"),
        (MENTOR, "Europe/Berlin"),
        (TUTOR, "Europe/Brussels"),
    ]
    assert (form.reporting, form.meetings, form.reply_hours) == (Cadence.WEEKLY,) * 2 + (24,)
    assert validate(form) == []
    assert protocol_summary(any_db, form.placement_id).saved is False


def test_save_reload_and_change(any_db: Database) -> None:
    form = load_protocol(any_db, new_placement(any_db))
    form.availability[1] = AvailabilityForm(MENTOR, "America/New_York", frozenset({1, 2, 3, 4}))
    form.student_helpdesk = "ict-help@kuleuven.example, +32 16 00 00 00"
    form.tools_note = "Teams: weekly meeting. E-mail: reports. WhatsApp group: non-task talk."
    form.reporting = Cadence.FORTNIGHTLY
    stored = save_protocol(any_db, form, "anna")
    assert stored.id is not None and stored.updated_by == "anna"
    again = load_protocol(any_db, form.placement_id)
    assert again == stored
    assert again.of(MENTOR) == AvailabilityForm(
        MENTOR, "America/New_York", frozenset({1, 2, 3, 4}), time(9), time(17)
    )
    again.availability = [a for a in again.availability if a.actor is not TUTOR]
    again.reply_hours = 48
    changed = save_protocol(any_db, again, "ben")
    assert changed.of(TUTOR) is None and changed.reply_hours == 48
    assert changed.version is not None and stored.version is not None
    assert changed.version > stored.version


def test_a_stale_save_is_a_conflict(any_db: Database) -> None:
    form = load_protocol(any_db, new_placement(any_db))
    first = save_protocol(any_db, form, "anna")
    save_protocol(any_db, replace(first, notes="Anna's note"), "anna")
    with pytest.raises(ConflictError) as caught:
        save_protocol(any_db, replace(first, reply_hours=4), "ben")
    assert caught.value.changed_by == "anna"
    assert caught.value.changed_fields == ["reply_hours", "notes"]
    with pytest.raises(ConflictError):  # two coordinators both creating it
        save_protocol(any_db, form, "ben")
    kept = save_protocol(any_db, replace(first, reply_hours=4), "ben", overwrite=True)
    assert kept.reply_hours == 4


def test_rules(db: Database) -> None:
    form = load_protocol(db, new_placement(db))
    form.availability = [
        AvailabilityForm(STUDENT, "Mars/Olympus_Mons"),
        AvailabilityForm(MENTOR, "Europe/Berlin", frozenset()),
        AvailabilityForm(TUTOR, "Europe/Brussels", start=time(17), end=time(9)),
    ]
    form.meeting_minutes = 5
    problems = {p.field: p.message for p in validate(form)}
    assert problems["availability.student"].startswith("Student: choose a time zone")
    assert "tick at least one working day" in problems["availability.mentor"]
    assert "end after it starts" in problems["availability.tutor"]
    assert "meeting_minutes" in problems
    with pytest.raises(ValidationError):
        save_protocol(db, form)


def test_the_overlap_uses_the_placement_dates(db: Database) -> None:
    placement_id = make_placement(
        db, make_world(db), planned_start=date(2027, 3, 1), planned_end=date(2027, 4, 9)
    ).id
    assert placement_id is not None
    form = load_protocol(db, placement_id)
    form.availability[1] = AvailabilityForm(MENTOR, "America/New_York")
    report = overlap_of(form)
    assert report is not None
    assert [w.hours[0] for w in report.weeks] == [2.0, 2.0, 3.0, 3.0, 2.0, 2.0]
    assert report.slot is not None and report.slot.start == time(15)
    form.availability[0] = AvailabilityForm(STUDENT, None)
    assert overlap_of(form) is None  # no student hours: nothing to measure against


def test_availability_changed_meanwhile_is_a_conflict_also_for_one_shared_login(
    any_db: Database,
) -> None:
    """Issue 19: a change of the availability alone did not move the protocol's version, so
    the second of two saves under the same login silently reset the first."""
    stored = save_protocol(any_db, load_protocol(any_db, new_placement(any_db)), "office")
    first, second = (
        load_protocol(any_db, stored.placement_id),
        load_protocol(any_db, stored.placement_id),
    )
    first.availability[1] = AvailabilityForm(MENTOR, "America/New_York")
    save_protocol(any_db, first, "office")
    second.availability[0] = AvailabilityForm(STUDENT, "Asia/Tokyo")
    with pytest.raises(ConflictError) as caught:
        save_protocol(any_db, second, "office")
    assert caught.value.changed_fields == ["availability"]
    assert load_protocol(any_db, stored.placement_id).of(MENTOR) == AvailabilityForm(
        MENTOR, "America/New_York"
    )


def test_over_long_notes_are_refused_with_their_limit(db: Database) -> None:
    form = load_protocol(db, new_placement(db))
    form.tools_note, form.notes = "t" * 2_001, "n" * 2_001
    assert {(p.field, p.message) for p in validate(form)} == {
        ("tools_note", "Keep this under 2,000 characters."),
        ("notes", "Keep this under 2,000 characters."),
    }
    with pytest.raises(ValidationError):
        save_protocol(db, form)
    assert load_protocol(db, form.placement_id).id is None
