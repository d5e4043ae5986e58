"""The kinds of day of a period: what decides the hours two or more actors share on a day.

A day's shared hours follow from its weekday and the UTC offsets of each actor's working hours
on it and on the days either side (`day_kinds`), so a period's shared hours follow from the
kinds of day it holds (`first_day_of_each_kind`), and a kind whose offsets hold all day is
worked out from the offsets alone (`shared_minutes`), without laying out any date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import cast
from zoneinfo import ZoneInfo

from vipdesk.services.preparation.overlap import (
    Availability,
    DayOverlap,
    daily_overlap,
    intersect,
    offset_events,
    steady_offset,
    zone_info,
)

DayKind = tuple[object, ...]


def day_kinds(actors: Sequence[Availability], first: date, last: date) -> list[DayKind]:
    """For each day from `first` to `last`, what decides the hours the actors share on it:
    its weekday and, for each actor, the UTC offset of their start and end of work on it and
    on the days either side (`working_intervals` places their hours by nothing else). Days of
    one kind share the same hours at the same local times, so a period's shared hours follow
    from the kinds of day it holds, not from its dates."""
    span = (last - first).days
    rows = []
    for who in actors:
        row: list[object] = []
        for n in range(-1, span + 2):
            day = first + timedelta(days=n)
            row.append(_offset_at_work(who.zone, day, who.start, who.end))
        rows.append(row)
    return [
        ((first + timedelta(days=n)).isoweekday(), *(v for row in rows for v in row[n : n + 3]))
        for n in range(span + 1)
    ]


def first_day_of_each_kind(
    actors: Sequence[Availability], first: date, last: date
) -> dict[DayKind, date]:
    """Each kind of day from `first` to `last` (`day_kinds`) with the first day of that kind,
    in the order of those days. Between the days around a zone's clock change the offsets
    hold, so such a stretch holds one kind per weekday and is not visited day by day."""
    if last < first:
        return {}
    events: set[date] = set()  # days whose offset (or a neighbour's) may differ from the day before
    for who in actors:
        for year in range(first.year - 1, last.year + 2):
            events.update(offset_events(who.zone, year))
    explicit = sorted(
        {day for e in events for day in (e - timedelta(days=1), e) if first <= day <= last}
    )
    found: dict[DayKind, date] = {}
    before = first - timedelta(days=1)
    for after in [*explicit, last + timedelta(days=1)]:
        # The days between two explicit ones: every offset holds, one kind per weekday.
        start = before + timedelta(days=1)
        length = (after - start).days
        if length > 0:
            steady = tuple(v for who in actors for v in (steady_offset(who.zone, start),) * 3)
            for n in range(min(length, 7)):
                day = start + timedelta(days=n)
                found.setdefault((day.isoweekday(), *steady), day)
        if after <= last:
            found.setdefault(_kind(actors, after), after)
        before = after
    return found


def _kind(actors: Sequence[Availability], day: date) -> DayKind:
    """`day_kinds` for one day."""
    around = (day - timedelta(days=1), day, day + timedelta(days=1))
    return (
        day.isoweekday(),
        *(_offset_at_work(who.zone, d, who.start, who.end) for who in actors for d in around),
    )


def _offset_at_work(zone: str, day: date, start: time, end: time) -> object:
    """The zone's offset on `day`; on a day the clocks change, the offsets at `start` and at
    `end` (where `working_intervals` puts the hours)."""
    steady = steady_offset(zone, day)
    if steady is not None:
        return steady
    tz = zone_info(zone)
    return (
        datetime.combine(day, start, tz).utcoffset(),
        datetime.combine(day, end, tz).utcoffset(),
    )


Minutes = tuple[tuple[int, int], ...]  # stretches of the reference actor's day, in its minutes
_MICROSECOND = timedelta(microseconds=1)
_MINUTE = 60_000_000  # microseconds
_DAY = 24 * 60 * _MINUTE


def shared_minutes(actors: Sequence[Availability], kind: DayKind, day: date) -> Minutes:
    """The stretches of `day` (of kind `kind`) that all actors share, as minutes of the first
    actor's day from its midnight (the end of the day as 1440), as `daily_overlap` finds them.

    Found from the kind's offsets, so the same for every day of the kind (and remembered by
    hours and kind, `_steady_minutes`); a kind with a clock change among its days is laid out
    by `daily_overlap` on `day` itself."""
    offsets = kind[1:]
    if not all(isinstance(offset, timedelta) for offset in offsets):
        reference = zone_info(actors[0].zone)
        return tuple(
            m for found in daily_overlap(actors, day, day) for m in day_minutes(found, reference)
        )
    hours = tuple((who.weekdays, who.start, who.end) for who in actors)
    return _steady_minutes(hours, kind)


def day_minutes(day: DayOverlap, zone: ZoneInfo) -> Minutes:
    """A day's shared stretches in minutes of `zone`'s day (its end as 1440)."""
    out = []
    for start, end in day.intervals:
        a, b = start.astimezone(zone), end.astimezone(zone)
        b_min = b.hour * 60 + b.minute if b.date() == a.date() else 24 * 60
        out.append((a.hour * 60 + a.minute, b_min))
    return tuple(out)


@lru_cache(maxsize=1 << 14)
def _steady_minutes(hours: tuple[tuple[frozenset[int], time, time], ...], kind: DayKind) -> Minutes:
    """`shared_minutes` by arithmetic in microseconds from the day's UTC midnight: each
    actor's hours on the day and the days either side, moved by that day's offset and
    intersected as `daily_overlap` intersects them; of what all share, the stretches inside
    the first actor's hours on the day itself are the day's."""
    weekday, offsets = cast(int, kind[0]), cast(tuple[timedelta, ...], kind[1:])  # all steady
    common: list[tuple[int, int]] | None = None
    own: tuple[int, int] | None = None
    for number, (weekdays, start, end) in enumerate(hours):
        spans = []
        for n in (-1, 0, 1):
            if (weekday - 1 + n) % 7 + 1 in weekdays:
                moved = n * _DAY - offsets[3 * number + n + 1] // _MICROSECOND
                span = (moved + _microseconds(start), moved + _microseconds(end))
                if span[1] > span[0]:
                    spans.append(span)
                    own = span if number == 0 and n == 0 else own
        common = spans if common is None else intersect(common, spans)
    if own is None or common is None:
        return ()
    local = offsets[1] // _MICROSECOND  # the first actor's offset on the day
    return tuple(
        ((a + local) // _MINUTE, (b + local) // _MINUTE)
        for a, b in common
        if own[0] <= a and b <= own[1]
    )


def _microseconds(moment: time) -> int:
    return (
        (moment.hour * 60 + moment.minute) * 60 + moment.second
    ) * 1_000_000 + moment.microsecond
