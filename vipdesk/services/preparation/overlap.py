"""When student, mentor and tutor are at work at the same time, over a placement's real dates.

Each actor's working hours are laid out day by day in their own time zone (zoneinfo), turned
into UTC and intersected; so a change of clocks in one country and not (yet) in another shows up
in exactly the weeks it happens. The result is attributed to the dates of a reference actor
(the student, the first one given).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache, lru_cache
from itertools import combinations
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from vipdesk.phrase import Day, Joined, Label, Phrase

MAX_OFFSET_HOURS = 6  # UNESCO: about 6 to 7 h is the practical limit for synchronous meetings
MIN_DAILY_OVERLAP_HOURS = 2
SLOT_STEP_MINUTES = 15
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Interval = tuple[datetime, datetime]  # aware, UTC
T = TypeVar("T", datetime, int)


@dataclass(frozen=True)
class Availability:
    """One actor's working days (ISO numbers, Monday = 1) and hours in their own zone."""

    actor: str
    zone: str
    weekdays: frozenset[int]
    start: time
    end: time


@dataclass(frozen=True)
class DayOverlap:
    day: date  # in the reference actor's zone
    intervals: tuple[Interval, ...]

    @property
    def hours(self) -> float:
        return sum((b - a).total_seconds() for a, b in self.intervals) / 3600


@dataclass(frozen=True)
class WeekOverlap:
    monday: date
    hours: tuple[float | None, ...]  # Monday to Sunday; None: not a working day in the period


@dataclass(frozen=True)
class LocalTimes:
    """Where a slot falls in one actor's day, over a stretch of dates with the same clock."""

    actor: str
    zone: str
    first: date
    last: date
    start: datetime  # local, on `first`
    end: datetime


@dataclass(frozen=True)
class Slot:
    """A weekly meeting time inside the overlap on every such weekday of the placement."""

    weekday: int
    start: time  # in the reference zone
    end: time
    zone: str
    local: tuple[LocalTimes, ...]


class WarningKind(enum.StrEnum):
    OFFSET = "offset"
    SHORT_OVERLAP = "short_overlap"
    CLOCK_CHANGE = "clock_change"
    NO_SLOT = "no_slot"


@dataclass(frozen=True)
class OverlapWarning:
    kind: WarningKind
    message: str
    phrase: Phrase | None = None  # `message` as what it says, for the interface to word

    @classmethod
    def said(cls, kind: WarningKind, template: str, **values: Any) -> OverlapWarning:
        """The warning saying `template` filled with `values` (English as its message)."""
        phrase = Phrase(template, values)
        return cls(kind, phrase.english(), phrase)


@dataclass(frozen=True)
class OverlapReport:
    days: tuple[DayOverlap, ...]
    weeks: tuple[WeekOverlap, ...]
    minimum: dict[int, float]  # weekday → least overlap over the period, in hours
    maximum: dict[int, float]
    slot: Slot | None
    warnings: tuple[OverlapWarning, ...]


# --- laying out and intersecting -----------------------------------------------------------


@cache
def zone_info(name: str) -> ZoneInfo:
    """`ZoneInfo(name)`, kept: ZoneInfo keeps only the last few zones used, and reading one
    from disk again costs more than a day's arithmetic (a batch of agreements asks for dozens)."""
    return ZoneInfo(name)


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def working_intervals(who: Availability, first: date, last: date) -> list[Interval]:
    """The actor's working hours on each local date from `first` to `last`, in UTC."""
    zone = zone_info(who.zone)
    out: list[Interval] = []
    for day in _dates(first, last):
        if day.isoweekday() in who.weekdays:
            offset = steady_offset(who.zone, day)
            if offset is None:  # the clocks change on this day: let zoneinfo place each hour
                start = datetime.combine(day, who.start, zone).astimezone(UTC)
                end = datetime.combine(day, who.end, zone).astimezone(UTC)
            else:
                start = datetime.combine(day, who.start, UTC) - offset
                end = datetime.combine(day, who.end, UTC) - offset
            if end > start:
                out.append((start, end))
    return out


@lru_cache(maxsize=1 << 16)
def steady_offset(zone: str, day: date) -> timedelta | None:
    """The zone's UTC offset on `day` when it holds all day, else None (a clock change).

    Remembered: a few zones over the same days recur in every placement's period, and a batch
    of agreements (or a demo of 100,000) lays out millions of working days."""
    tz = zone_info(zone)
    morning = datetime.combine(day, time(0, 0), tz).utcoffset()
    evening = datetime.combine(day, time(23, 59, 59), tz).utcoffset()
    return morning if morning == evening else None


@lru_cache(maxsize=4096)
def offset_events(zone: str, year: int) -> frozenset[date]:
    """The days of `year` (and the first of the next) on which the zone's offset is not that of
    the whole day before: a clock change during the day, or at midnight."""
    out: set[date] = set()
    day = date(year, 1, 1)
    previous = steady_offset(zone, day - timedelta(days=1))
    while day.year == year or day == date(year + 1, 1, 1):
        steady = steady_offset(zone, day)
        if steady is None or previous is None or steady != previous:
            out.add(day)
        previous = steady
        day += timedelta(days=1)
    return frozenset(out)


def intersect(a: Sequence[tuple[T, T]], b: Sequence[tuple[T, T]]) -> list[tuple[T, T]]:
    """The common parts of two sorted lists of disjoint intervals (of times, or of numbers)."""
    out: list[tuple[T, T]] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return out


def daily_overlap(actors: Sequence[Availability], first: date, last: date) -> list[DayOverlap]:
    """Each working day of the first actor, with the hours all actors share on it."""
    margin = timedelta(days=1)  # a neighbour's day may reach into ours across the date line
    common = working_intervals(actors[0], first - margin, last + margin)
    for other in actors[1:]:
        common = intersect(common, working_intervals(other, first - margin, last + margin))
    zone = zone_info(actors[0].zone)
    by_day: dict[date, list[Interval]] = {}
    for start, end in common:
        by_day.setdefault(start.astimezone(zone).date(), []).append((start, end))
    return [
        DayOverlap(day, tuple(by_day.get(day, ())))
        for day in _dates(first, last)
        if day.isoweekday() in actors[0].weekdays
    ]


def weekly(days: Sequence[DayOverlap]) -> list[WeekOverlap]:
    weeks: dict[date, list[float | None]] = {}
    for day in days:
        monday = day.day - timedelta(days=day.day.weekday())
        weeks.setdefault(monday, [None] * 7)[day.day.weekday()] = day.hours
    return [WeekOverlap(monday, tuple(hours)) for monday, hours in sorted(weeks.items())]


# --- a meeting slot ------------------------------------------------------------------------


def _minutes(moment: datetime, zone: ZoneInfo) -> tuple[int, int]:
    local = moment.astimezone(zone)
    return local.hour * 60 + local.minute, local.date().toordinal()


def _common_window(days: Sequence[DayOverlap], zone: ZoneInfo) -> tuple[int, int] | None:
    """Minutes of the reference day that lie inside the overlap on every one of `days`."""
    low, high = 0, 24 * 60
    for day in days:
        best: tuple[int, int] | None = None
        for start, end in day.intervals:
            (a, a_day), (b, b_day) = _minutes(start, zone), _minutes(end, zone)
            b = b if b_day == a_day else 24 * 60
            window = (max(low, a), min(high, b))
            if window[1] > window[0] and (
                best is None or window[1] - window[0] > best[1] - best[0]
            ):
                best = window
        if best is None:
            return None
        low, high = best
    return low, high


def _local_times(
    slot_days: Sequence[date], start: time, end: time, actors: Sequence[Availability]
) -> tuple[LocalTimes, ...]:
    reference = zone_info(actors[0].zone)
    out: list[LocalTimes] = []
    for who in actors:
        zone = zone_info(who.zone)
        runs: list[LocalTimes] = []
        for day in slot_days:
            a = datetime.combine(day, start, reference).astimezone(zone)
            b = datetime.combine(day, end, reference).astimezone(zone)
            last = runs[-1] if runs else None
            same_clock = last is not None and (
                last.start.time(),
                last.start.weekday(),
                last.end.time(),
            ) == (a.time(), a.weekday(), b.time())
            if last is not None and same_clock:
                runs[-1] = LocalTimes(who.actor, who.zone, last.first, day, last.start, last.end)
            else:
                runs.append(LocalTimes(who.actor, who.zone, day, day, a, b))
        out.extend(runs)
    return tuple(out)


def suggest_slot(
    actors: Sequence[Availability], days: Sequence[DayOverlap], minutes: int
) -> Slot | None:
    """The weekday and time (reference zone) with the widest window that holds every week."""
    zone = zone_info(actors[0].zone)
    best: tuple[int, int, int] | None = None  # (width, weekday, start)
    for weekday in sorted({d.day.isoweekday() for d in days}):
        window = _common_window([d for d in days if d.day.isoweekday() == weekday], zone)
        if window is None:
            continue
        start = -(-window[0] // SLOT_STEP_MINUTES) * SLOT_STEP_MINUTES
        if start + minutes <= window[1] and (best is None or window[1] - start > best[0]):
            best = (window[1] - start, weekday, start)
    if best is None:
        return None
    _, weekday, start = best
    begin = time(start // 60, start % 60)
    finish = time((start + minutes) // 60 % 24, (start + minutes) % 60)
    slot_days = [d.day for d in days if d.day.isoweekday() == weekday]
    local = _local_times(slot_days, begin, finish, actors)
    return Slot(weekday, begin, finish, actors[0].zone, local)


# --- warnings ------------------------------------------------------------------------------


def _offset_hours(zone: str, day: date) -> float:
    offset = datetime.combine(day, time(12), UTC).astimezone(zone_info(zone)).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def clock_changes(zone: str, first: date, last: date) -> list[date]:
    """Dates in the period on which the zone's offset differs from the day before.

    Only days next to one of `offset_events` are looked at: the offset changes between two
    noons (UTC) on a local day at most a day from the second, and that day is an event."""
    near = {
        event + timedelta(days=n)
        for year in range(first.year - 1, last.year + 1)
        for event in offset_events(zone, year)
        for n in (-1, 0, 1)
    }
    return [
        day
        for day in sorted(near)
        if first < day <= last
        and _offset_hours(zone, day) != _offset_hours(zone, day - timedelta(days=1))
    ]


def _hours(value: float) -> Decimal:
    """Hours as a sentence gives them: "7", "1.5"."""
    return Decimal(f"{value:g}") if value == int(value) else Decimal(f"{value:.1f}")


def _and(parts: Sequence[str]) -> str | Phrase:
    """ "A", "A and B", "A and B and C", said as phrases."""
    said: str | Phrase = parts[0]
    for part in parts[1:]:
        said = Phrase("{a} and {b}", {"a": said, "b": part})
    return said


def warnings_for(
    actors: Sequence[Availability], days: Sequence[DayOverlap], first: date, last: date
) -> list[OverlapWarning]:
    out: list[OverlapWarning] = []
    dates = _dates(first, last)
    for a, b in combinations(actors, 2):
        gap = max(abs(_offset_hours(a.zone, d) - _offset_hours(b.zone, d)) for d in dates)
        if gap > MAX_OFFSET_HOURS:
            out.append(
                OverlapWarning.said(
                    WarningKind.OFFSET,
                    "{a} ({zone_a}) and {b} ({zone_b}) are {gap} h apart: beyond 6 to 7 hours "
                    "meetings at the same time are hard to hold. Plan more written, asynchronous "
                    "exchange.",
                    a=Label(a.actor),
                    zone_a=a.zone,
                    b=Label(b.actor, in_sentence=True),
                    zone_b=b.zone,
                    gap=_hours(gap),
                )
            )
    short = [d for d in days if d.hours < MIN_DAILY_OVERLAP_HOURS]
    if short:
        least = min(short, key=lambda d: d.hours)
        out.append(
            OverlapWarning.said(
                WarningKind.SHORT_OVERLAP,
                "On {short} of {days} working days they share less than {minimum} hours "
                "(least: {least} h on {day}).",
                short=len(short),
                days=len(days),
                minimum=MIN_DAILY_OVERLAP_HOURS,
                least=_hours(least.hours),
                day=Day(least.day, weekday=True),
            )
        )
    changes = {who.zone: tuple(clock_changes(who.zone, first, last)) for who in actors}
    if len(set(changes.values())) > 1 and any(changes.values()):
        zones_by_dates: dict[tuple[date, ...], list[str]] = {}
        for zone, found in changes.items():
            if found:
                zones_by_dates.setdefault(found, []).append(zone)
        listed = tuple(
            Phrase(
                "{zones} on {days}",
                {
                    "zones": _and(zones),
                    "days": Joined(tuple(Day(d, year=False) for d in found), ", "),
                },
            )
            for found, zones in sorted(zones_by_dates.items())
        )
        out.append(
            OverlapWarning.said(
                WarningKind.CLOCK_CHANGE,
                "The clocks change on different dates ({listed}): the shared hours move in "
                "between. Check the meeting time for those weeks.",
                listed=Joined(listed, "; "),
            )
        )
    return out


def plan_overlap(
    actors: Sequence[Availability], first: date, last: date, meeting_minutes: int = 60
) -> OverlapReport:
    """Everything the protocol shows: hours per day and week, the slot, the warnings."""
    days = daily_overlap(actors, first, last)
    minimum: dict[int, float] = {}
    maximum: dict[int, float] = {}
    for day in days:
        weekday = day.day.isoweekday()
        minimum[weekday] = min(minimum.get(weekday, day.hours), day.hours)
        maximum[weekday] = max(maximum.get(weekday, day.hours), day.hours)
    slot = suggest_slot(actors, days, meeting_minutes) if days else None
    warnings = warnings_for(actors, days, first, last)
    if days and slot is None:
        warnings.append(
            OverlapWarning.said(
                WarningKind.NO_SLOT,
                "No {minutes}-minute slot lies inside the shared hours on the same weekday all "
                "through the placement: widen someone's hours or agree meeting times week by "
                "week.",
                minutes=meeting_minutes,
            )
        )
    return OverlapReport(tuple(days), tuple(weekly(days)), minimum, maximum, slot, tuple(warnings))
