from __future__ import annotations

from datetime import date, timedelta

from vipdesk.models import Cadence
from vipdesk.services.monitoring.cadence import expected_dates, rhythm

START, END = date(2026, 10, 5), date(2026, 12, 25)


def test_weekly_with_no_entry_for_ten_days_is_overdue() -> None:
    last = date(2026, 11, 23)
    on_day_9 = rhythm(START, END, Cadence.WEEKLY, [START, last], last + timedelta(days=9))
    on_day_10 = rhythm(START, END, Cadence.WEEKLY, [START, last], last + timedelta(days=10))
    assert on_day_9.overdue_since is None
    assert on_day_10.overdue_since == last + timedelta(days=7)
    assert "overdue since 30 Nov 2026" in on_day_10.describe("Mentor meetings")


def test_a_met_meeting_clears_it() -> None:
    as_of = date(2026, 12, 3)
    before = rhythm(START, END, Cadence.WEEKLY, [date(2026, 11, 23)], as_of)
    after = rhythm(START, END, Cadence.WEEKLY, [date(2026, 11, 23), date(2026, 12, 2)], as_of)
    assert before.overdue_since is not None
    assert after.overdue_since is None
    assert after.met == before.met + 1


def test_slots_cover_the_period_up_to_today_and_count_what_was_met() -> None:
    held = [START, START + timedelta(days=15), START + timedelta(days=16)]
    found = rhythm(START, END, Cadence.FORTNIGHTLY, held, date(2026, 11, 1))
    assert [s.start for s in found.slots] == expected_dates(
        START, END, Cadence.FORTNIGHTLY, date(2026, 11, 1)
    )
    assert [s.met for s in found.slots] == [True, True]  # two in one slot count once
    assert (found.expected, found.met) == (2, 2)


def test_nothing_is_overdue_before_the_start_or_after_the_end() -> None:
    assert rhythm(START, END, Cadence.WEEKLY, [], START - timedelta(days=3)).expected == 0
    late = rhythm(START, END, Cadence.WEEKLY, [date(2026, 12, 21)], date(2027, 2, 1))
    assert late.overdue_since is None  # the next one would fall after the end
    never = rhythm(START, END, Cadence.WEEKLY, [], START + timedelta(days=3))
    assert never.overdue_since == START
