"""Shared working hours across time zones, over real dates, through changes of the clocks."""

from __future__ import annotations

from datetime import date, time, timedelta

from vipdesk.services.preparation.overlap import (
    Availability,
    OverlapReport,
    WarningKind,
    clock_changes,
    plan_overlap,
)

WORKDAYS = frozenset(range(1, 6))


def at(
    actor: str, zone: str, start: int, end: int, days: frozenset[int] = WORKDAYS
) -> Availability:
    return Availability(actor, zone, days, time(start), time(end))


def kinds(report: OverlapReport) -> set[WarningKind]:
    return {w.kind for w in report.warnings}


def test_warsaw_and_new_york_in_march_the_us_changes_clocks_two_weeks_earlier() -> None:
    student = at("Student", "Europe/Warsaw", 9, 17)
    mentor = at("Company mentor", "America/New_York", 9, 17)
    tutor = at("Academic tutor", "Europe/Warsaw", 9, 17)
    report = plan_overlap([student, mentor, tutor], date(2027, 3, 1), date(2027, 4, 9))

    assert clock_changes("America/New_York", date(2027, 3, 1), date(2027, 4, 9)) == [
        date(2027, 3, 14)
    ]
    assert clock_changes("Europe/Warsaw", date(2027, 3, 1), date(2027, 4, 9)) == [date(2027, 3, 28)]
    # Usually 6 h apart: Warsaw 15:00 to 17:00 is New York 9:00 to 11:00; 14 to 28 March, 5 h.
    by_week = {w.monday: w.hours for w in report.weeks}
    assert by_week[date(2027, 3, 8)] == (2.0, 2.0, 2.0, 2.0, 2.0, None, None)
    assert by_week[date(2027, 3, 15)] == (3.0, 3.0, 3.0, 3.0, 3.0, None, None)
    assert by_week[date(2027, 3, 22)] == (3.0, 3.0, 3.0, 3.0, 3.0, None, None)
    assert by_week[date(2027, 3, 29)] == (2.0, 2.0, 2.0, 2.0, 2.0, None, None)
    assert report.minimum == dict.fromkeys(range(1, 6), 2.0)
    assert report.maximum == dict.fromkeys(range(1, 6), 3.0)

    slot = report.slot
    assert slot is not None
    assert (slot.weekday, slot.start, slot.end, slot.zone) == (
        1,
        time(15),
        time(16),
        "Europe/Warsaw",
    )
    mentor_times = [
        (t.first, t.last, f"{t.start:%a %H:%M}", f"{t.end:%H:%M}")
        for t in slot.local
        if t.actor == "Company mentor"
    ]
    assert mentor_times == [
        (date(2027, 3, 1), date(2027, 3, 8), "Mon 09:00", "10:00"),
        (date(2027, 3, 15), date(2027, 3, 22), "Mon 10:00", "11:00"),
        (date(2027, 3, 29), date(2027, 4, 5), "Mon 09:00", "10:00"),
    ]
    assert kinds(report) == {WarningKind.CLOCK_CHANGE}  # 6 h is the limit, not over it
    [change] = report.warnings
    assert "America/New_York on 14 Mar" in change.message
    assert "Europe/Warsaw on 28 Mar" in change.message


def test_tokyo_keeps_its_clock_while_europe_changes() -> None:
    student = at("Student", "Asia/Tokyo", 9, 18)
    mentor = at("Company mentor", "Europe/Warsaw", 8, 16)
    january = plan_overlap([student, mentor], date(2027, 1, 4), date(2027, 1, 29))
    assert {w.hours for w in january.weeks} == {(2.0, 2.0, 2.0, 2.0, 2.0, None, None)}
    assert kinds(january) == {WarningKind.OFFSET}  # 8 h apart, and no clock changes
    assert "8 h apart" in january.warnings[0].message
    assert january.slot is not None and january.slot.start == time(16)  # 08:00 in Warsaw

    spring = plan_overlap([student, mentor], date(2027, 3, 22), date(2027, 4, 2))
    assert [w.hours[0] for w in spring.weeks] == [2.0, 3.0]  # Warsaw moved to UTC+2
    assert kinds(spring) == {WarningKind.OFFSET, WarningKind.CLOCK_CHANGE}


def test_too_little_overlap_is_flagged_and_a_long_meeting_has_no_slot() -> None:
    student = at("Student", "Europe/Warsaw", 9, 17)
    mentor = at("Company mentor", "America/New_York", 10, 18)
    report = plan_overlap([student, mentor], date(2027, 1, 4), date(2027, 1, 15), 60)
    assert report.minimum[1] == 1.0
    assert report.slot is not None and (report.slot.start, report.slot.end) == (time(16), time(17))
    short = next(w for w in report.warnings if w.kind is WarningKind.SHORT_OVERLAP)
    assert "On 10 of 10 working days" in short.message
    long = plan_overlap([student, mentor], date(2027, 1, 4), date(2027, 1, 15), 90)
    assert long.slot is None
    assert WarningKind.NO_SLOT in kinds(long)


def test_across_the_date_line_the_overlap_belongs_to_the_students_day() -> None:
    student = at("Student", "Pacific/Auckland", 9, 17)  # UTC+13 in January
    mentor = at("Company mentor", "America/Los_Angeles", 9, 17)  # UTC-8
    report = plan_overlap([student, mentor], date(2027, 1, 11), date(2027, 1, 15))
    # Auckland Tuesday 9:00 is Los Angeles Monday 12:00; Auckland Monday meets an LA Sunday.
    assert report.weeks[0].hours == (0.0, 5.0, 5.0, 5.0, 5.0, None, None)
    assert report.slot is not None and report.slot.weekday == 2
    assert report.slot.start == time(9)
    assert "21 h apart" in report.warnings[0].message


def test_days_off_and_a_single_actor() -> None:
    student = at("Student", "Europe/Lisbon", 9, 13, frozenset({1, 3}))
    report = plan_overlap([student], date(2027, 6, 7), date(2027, 6, 13))
    assert report.weeks[0].hours == (4.0, None, 4.0, None, None, None, None)
    assert report.warnings == ()
    assert plan_overlap([student], date(2027, 6, 8), date(2027, 6, 8)).days == ()


def test_clock_changes_are_the_days_whose_offset_differs_from_the_day_before() -> None:
    """`clock_changes` looks only next to the zone's offset events; it finds every day whose
    offset at noon (UTC) differs from the day before's, in zones with odd clocks."""
    import random
    from datetime import UTC, datetime

    from vipdesk.services.preparation.overlap import zone_info

    def offset(zone: str, day: date) -> object:
        return datetime.combine(day, time(12), UTC).astimezone(zone_info(zone)).utcoffset()

    zones = ("Europe/Berlin", "Australia/Lord_Howe", "America/Santiago", "Africa/Casablanca",
             "Pacific/Apia", "America/Havana", "Asia/Gaza", "Pacific/Kiritimati")  # fmt: skip
    rng = random.Random(4)
    for _ in range(40):
        zone = rng.choice(zones)
        first = date(2024, 1, 1) + timedelta(days=rng.randrange(0, 1100))
        last = first + timedelta(days=rng.choice((1, 30, 200, 800)))
        every = [
            first + timedelta(days=n)
            for n in range(1, (last - first).days + 1)
            if offset(zone, first + timedelta(days=n))
            != offset(zone, first + timedelta(days=n - 1))
        ]
        assert clock_changes(zone, first, last) == every, (zone, first, last)
