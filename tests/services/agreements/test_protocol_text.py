"""The communication protocol and the tools in sentences: each stored setting as words a legal
department accepts, hours in each actor's own zone, test results with whom and when."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from vipdesk.models import (
    ActorAvailability,
    Cadence,
    CommunicationProtocol,
    ProtocolActor,
    ToolTest,
    ToolTestResult,
)
from vipdesk.services.agreements.protocol_text import (
    and_list,
    protocol_lines,
    short_date,
    tool_rows,
    weekdays_text,
)
from vipdesk.services.agreements.protocol_text import (
    tested_text as describe_tests,
)

STUDENT, MENTOR, TUTOR = ProtocolActor
DEFAULTS = (
    "Meet weekly.",
    "Messages are answered within one working day; urgent matters by phone.",
    "Report weekly.",
    "The coordinator is the helpdesk.",
)
PERIOD = (date(2027, 2, 1), date(2027, 5, 31))


def slot(
    actor: ProtocolActor, zone: str, days: str = "12345", start: int = 9, end: int = 17
) -> ActorAvailability:
    return ActorAvailability(
        actor=actor, timezone=zone, weekdays=days, start_time=time(start), end_time=time(end)
    )


def protocol(*slots: ActorAvailability, **changes: object) -> CommunicationProtocol:
    made = CommunicationProtocol(
        reporting=Cadence.WEEKLY,
        reply_hours=24,
        meetings=Cadence.WEEKLY,
        meeting_minutes=30,
        availability=list(slots),
    )
    for name, value in changes.items():
        setattr(made, name, value)
    return made


def result(
    actor: ProtocolActor,
    outcome: ToolTestResult,
    day: date | None = date(2027, 1, 12),
    note: str | None = None,
) -> ToolTest:
    return ToolTest(tool_key="teams", actor=actor, result=outcome, tested_on=day, note=note)


# --- words ---------------------------------------------------------------------------------


def test_short_dates_in_english_whatever_the_locale() -> None:
    assert short_date(date(2027, 1, 2)) == "2 Jan 2027"
    assert short_date(date(2027, 12, 31)) == "31 Dec 2027"


def test_lists_joined_with_and() -> None:
    assert and_list([]) == ""
    assert and_list(["Łukasz"]) == "Łukasz"
    assert and_list(["Łukasz", "李小龙"]) == "Łukasz and 李小龙"
    assert and_list(["Łukasz", "李小龙", "محمد"]) == "Łukasz, 李小龙 and محمد"


def test_weekdays_in_words() -> None:
    assert weekdays_text("12345") == "Monday to Friday"
    assert weekdays_text("135") == "Monday, Wednesday and Friday"
    assert weekdays_text("67") == "Saturday and Sunday"
    assert weekdays_text("1234567") == "every day"
    assert weekdays_text("54321") == "Monday to Friday"  # stored in any order
    assert weekdays_text("12") == "Monday and Tuesday"  # two days are no range
    assert weekdays_text("3") == "Wednesday"


# --- the protocol --------------------------------------------------------------------------


def test_without_availability_only_the_agreed_rhythm_and_the_defaults() -> None:
    lines = protocol_lines(protocol(), PERIOD, {}, DEFAULTS)
    assert lines == (
        "The trainee and the company mentor meet every week by video call, for 30 minutes, "
        "within their shared working hours.",
        "Messages are answered within 24 hours; urgent matters by phone.",
        "The trainee reports progress in writing to the company mentor every week and to "
        "the academic tutor at least once a month.",
        "The coordinator is the helpdesk.",
    )


def test_same_zone_shares_the_common_hours() -> None:
    lines = protocol_lines(
        protocol(
            slot(STUDENT, "Europe/Warsaw"),
            slot(MENTOR, "Europe/Warsaw", start=11, end=19),
        ),
        PERIOD,
        {},
        DEFAULTS,
    )
    assert lines[0] == (
        "Working hours: the trainee Monday to Friday, 09:00–17:00 (Europe/Warsaw); "
        "the company mentor Monday to Friday, 11:00–19:00 (Europe/Warsaw)."
    )
    assert lines[1] == (
        "The trainee and the company mentor work in the same time zone (Europe/Warsaw) and "
        "share the hours 11:00–17:00 for meetings and direct contact."
    )


def test_hours_that_never_meet_are_said_plainly() -> None:
    lines = protocol_lines(
        protocol(slot(STUDENT, "Asia/Shanghai"), slot(MENTOR, "America/New_York")),
        PERIOD,
        {},
        DEFAULTS,
    )
    assert lines[1].startswith("The working hours of the trainee and the company mentor do not")


def test_a_period_ending_before_it_starts_has_no_shared_hours() -> None:
    lines = protocol_lines(
        protocol(slot(STUDENT, "Europe/Warsaw"), slot(MENTOR, "Europe/Warsaw")),
        (date(2027, 5, 31), date(2027, 2, 1)),
        {},
        DEFAULTS,
    )
    assert len(lines) == 5  # working hours, meetings, replies, reporting, helpdesk
    assert lines[1].startswith("The trainee and the company mentor meet every week")


def test_chosen_tools_name_the_channels_and_one_hour_is_singular() -> None:
    choices = {"meetings": "zoom", "questions": "slack", "reporting": "email", "fallback": "phone"}
    lines = protocol_lines(protocol(reply_hours=1, meeting_minutes=45), PERIOD, choices, DEFAULTS)
    assert lines[0].endswith(
        "every week by video call (Zoom), for 45 minutes, within their shared working hours."
    )
    assert lines[1] == (
        "Day-to-day questions (Slack) are answered within 1 hour; for urgent matters, or when "
        "the connection fails: Telephone."
    )
    assert "in writing (E-mail) to the company mentor" in lines[2]


def test_the_channel_note_becomes_a_sentence_and_helpdesks_fall_back_to_the_coordinator() -> None:
    lines = protocol_lines(
        protocol(tools_note="Teams for meetings", staff_helpdesk="  ", student_helpdesk="IT desk."),
        PERIOD,
        {},
        DEFAULTS,
    )
    assert "Which channel serves which purpose: Teams for meetings." in lines
    assert lines[-1] == (
        "Helpdesk for the trainee: IT desk. "
        "Helpdesk for the company staff: the placement coordinator."
    )


@pytest.mark.parametrize(
    ("cadence", "words"),
    [
        (Cadence.DAILY, "every working day"),
        (Cadence.TWICE_WEEKLY, "twice a week"),
        (Cadence.FORTNIGHTLY, "every two weeks"),
        (Cadence.MONTHLY, "once a month"),
    ],
)
def test_each_cadence_in_words(cadence: Cadence, words: str) -> None:
    lines = protocol_lines(protocol(meetings=cadence, reporting=cadence), PERIOD, {}, DEFAULTS)
    assert f"meet {words} by video call" in lines[0]
    assert f"company mentor {words} and" in lines[2]


# --- the tools -----------------------------------------------------------------------------


def test_untested_is_said_so() -> None:
    assert describe_tests({}) == "Not tested yet"
    assert describe_tests({STUDENT: result(STUDENT, ToolTestResult.NOT_YET)}) == "Not tested yet"
    assert describe_tests({STUDENT: result(STUDENT, ToolTestResult.PASSED, None)}) == (
        "Not tested yet"
    )  # passed without a date is not a test on record


def test_passes_grouped_by_day_failures_with_their_reason() -> None:
    text = describe_tests(
        {
            STUDENT: result(STUDENT, ToolTestResult.PASSED, date(2027, 1, 12)),
            MENTOR: result(MENTOR, ToolTestResult.PASSED, date(2027, 1, 12)),
            TUTOR: result(TUTOR, ToolTestResult.FAILED, date(2027, 1, 14), "Blocked by IT. "),
        }
    )
    assert text == (
        "Tested with student and mentor on 12 Jan 2027; "
        "failed with tutor on 14 Jan 2027 (Blocked by IT)"
    )


def test_a_failure_alone_and_those_still_waiting() -> None:
    text = describe_tests({MENTOR: result(MENTOR, ToolTestResult.FAILED, date(2027, 2, 1))})
    assert text == "Failed with mentor on 1 Feb 2027; not yet tested with student and tutor"


def test_one_row_per_tool_in_catalogue_order_of_its_purposes() -> None:
    tests = [
        result(STUDENT, ToolTestResult.PASSED),
        ToolTest(
            tool_key="zoom", actor=STUDENT, result=ToolTestResult.PASSED, tested_on=date(2027, 1, 3)
        ),
    ]
    rows = tool_rows({"social": "teams", "reporting": "email", "meetings": "teams"}, tests)
    assert [(r.name, r.purpose) for r in rows] == [
        ("Microsoft Teams", "Meetings face to face; non-task talk"),
        ("E-mail", "Reports and formal exchange"),
    ]
    assert rows[0].test_status.startswith("Tested with student on 12 Jan 2027")
    assert rows[1].test_status == "Not tested yet"  # zoom's test is not for a chosen tool


def test_a_retired_tool_or_purpose_still_gets_its_row() -> None:
    (row,) = tool_rows({"holograms": "icq"}, [])
    assert (row.name, row.purpose) == ("icq (no longer in the catalogue)", "Holograms")


# --- shared hours worked out from the kinds of day ------------------------------------------

ZONES = (
    "Europe/Berlin", "Europe/Lisbon", "America/New_York", "America/Sao_Paulo",
    "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Kiritimati",
    "Pacific/Apia", "America/Santiago", "Asia/Tokyo", "Africa/Casablanca",
)  # fmt: skip


def test_the_sentence_from_the_kinds_of_day_is_the_one_the_days_give() -> None:
    """Thousands of random periods and zones: the sentence from the first day of each kind (a
    kind's hours remembered from the periods before) is the sentence worked out day by day,
    whatever the clock changes."""
    import random

    from vipdesk.services.agreements import protocol_text

    rng = random.Random(7)
    for _ in range(2500):
        first = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 900))
        last = first + timedelta(days=rng.choice((0, 3, 20, 60, 90, 120, 180, 365)))
        if rng.random() < 0.5:  # any hours and days: mostly worked out
            student = slot(STUDENT, rng.choice(ZONES), rng.choice(("12345", "1234", "23456")),
                           rng.choice((7, 8, 9, 10)), rng.choice((15, 16, 17, 18)))  # fmt: skip
            mentor = slot(MENTOR, rng.choice(ZONES), rng.choice(("12345", "1235")),
                          rng.choice((8, 9)), rng.choice((16, 17)))  # fmt: skip
        else:  # an office's usual hours and terms in a few zones: the kinds' hours remembered
            student = slot(STUDENT, rng.choice(ZONES[:3]))
            mentor = slot(MENTOR, rng.choice(ZONES[:3]))
            last = first + timedelta(days=rng.choice((90, 120)))
        slots = {STUDENT: student, MENTOR: mentor}
        remembered = protocol_text._shared_hours(slots, (first, last))
        by_days = protocol_text.shared_hours_sentence(student, mentor, first, last, every_day=True)
        by_kinds = protocol_text.shared_hours_sentence(student, mentor, first, last)
        assert remembered == by_days == by_kinds, (
            first, last, student.timezone, mentor.timezone,
        )  # fmt: skip
