"""The rhythm the communication protocol agreed, against what the monitoring log holds.

The protocol's meeting cadence (weekly, every two weeks, …) cuts the placement's period into
slots: one meeting is expected in each. A slot is met when a meeting is logged inside it. The
meeting is overdue when none was logged for a slot's length plus a few days' grace (the work
list's "meeting_overdue" rule: weekly with no meeting for 10 days is overdue). The reporting
cadence does the same for progress reports and reflection entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from vipdesk.models import Cadence, EntryKind

# A slot's length in days. Twice a week is taken as every 3 days (Monday and Thursday).
INTERVAL_DAYS = {
    Cadence.DAILY: 1,
    Cadence.TWICE_WEEKLY: 3,
    Cadence.WEEKLY: 7,
    Cadence.FORTNIGHTLY: 14,
    Cadence.MONTHLY: 30,
}
# Overdue this many days after the slot that expected it (the work list's item is due the day
# before): weekly with no meeting for 10 days is overdue.
GRACE_DAYS = 3

MEETING_KINDS = (EntryKind.KICKOFF, EntryKind.MENTOR_MEETING, EntryKind.TUTOR_COACHING)
REPORT_KINDS = (EntryKind.PROGRESS_REPORT, EntryKind.REFLECTION)


@dataclass(frozen=True)
class Slot:
    start: date
    end: date  # inclusive
    met_on: date | None  # the first entry inside it, None when missed (or not yet held)

    @property
    def met(self) -> bool:
        return self.met_on is not None


@dataclass(frozen=True)
class Rhythm:
    """One series (meetings, or reports) measured against its cadence up to `as_of`."""

    cadence: Cadence
    slots: tuple[Slot, ...]  # the slots begun by `as_of`, in order
    last: date | None  # the latest entry of the series
    overdue_since: date | None  # when the next entry was expected, if it is now overdue

    @property
    def expected(self) -> int:
        return len(self.slots)

    @property
    def met(self) -> int:
        return sum(s.met for s in self.slots)

    def describe(self, what: str) -> str:
        """'Mentor meetings (weekly): 8 of 10 expected met; overdue since 3 Dec 2026'."""
        text = f"{what} ({self.cadence.label.lower()}): {self.met} of {self.expected} expected met"
        if self.overdue_since is not None:
            text += f"; overdue since {self.overdue_since.day} {self.overdue_since:%b %Y}"
        return text


def expected_dates(start: date, end: date, cadence: Cadence, as_of: date) -> list[date]:
    """The first day of every slot of the period begun by `as_of`."""
    step = timedelta(days=INTERVAL_DAYS[cadence])
    out: list[date] = []
    day = start
    while day <= end and day <= as_of:
        out.append(day)
        day += step
    return out


def next_due(last: date | None, start: date, cadence: Cadence) -> date:
    """The day the next entry is expected: a slot after the last one (or the start)."""
    if last is None or last < start:
        return start
    return last + timedelta(days=INTERVAL_DAYS[cadence])


def rhythm(
    start: date,
    end: date,
    cadence: Cadence,
    held: Iterable[date],
    as_of: date,
    grace: int = GRACE_DAYS,
) -> Rhythm:
    """`held` (the series' dates, any order) measured against `cadence` over start..end."""
    days = sorted(d for d in held if start <= d <= end)
    step = INTERVAL_DAYS[cadence]
    slots: list[Slot] = []
    index = 0
    for first in expected_dates(start, end, cadence, as_of):
        last_day = min(first + timedelta(days=step - 1), end)
        while index < len(days) and days[index] < first:
            index += 1
        met = days[index] if index < len(days) and days[index] <= last_day else None
        slots.append(Slot(first, last_day, met))
    last = days[-1] if days else None
    due = next_due(last, start, cadence)
    overdue = due if due <= end and due + timedelta(days=grace) <= as_of else None
    return Rhythm(cadence, tuple(slots), last, overdue)
