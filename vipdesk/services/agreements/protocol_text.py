"""Sections 3 and 5 of the agreement in words: the communication protocol and the tools.

The protocol editor stores numbers and codes (a cadence, 24 reply hours, IANA zones, ISO
weekdays); the agreement needs sentences a legal department accepts. Each sentence here stands
for one thing the protocol says; where it says nothing (no helpdesk named, say) the default
sentence from `resources/agreement/texts.json` stays. Hours are written in each actor's own
time zone, by name, so nobody has to work out an offset.

The protocol's free `notes` are the coordinator's own remarks and are not printed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from vipdesk.documents.agreement.content import Tool
from vipdesk.models import (
    ActorAvailability,
    Cadence,
    CommunicationProtocol,
    ProtocolActor,
    ToolTest,
    ToolTestResult,
)
from vipdesk.services.preparation.overlap import (
    WEEKDAY_NAMES,
    Availability,
    DayKind,
    DayOverlap,
    clock_changes,
    daily_overlap,
    first_day_of_each_kind,
    kinds_in_order,
    zone_info,
)
from vipdesk.services.preparation.tool_catalogue import purposes, tool_name

# The default protocol sentences, by position in texts.json.
DEFAULT_MEETING, DEFAULT_REPLIES, DEFAULT_REPORTING, DEFAULT_HELPDESK = range(4)

_CADENCE = {
    Cadence.DAILY: "every working day",
    Cadence.TWICE_WEEKLY: "twice a week",
    Cadence.WEEKLY: "every week",
    Cadence.FORTNIGHTLY: "every two weeks",
    Cadence.MONTHLY: "once a month",
}
_WHO = {
    ProtocolActor.STUDENT: "the trainee",
    ProtocolActor.MENTOR: "the company mentor",
    ProtocolActor.TUTOR: "the academic tutor",
}
_SHORT = {
    ProtocolActor.STUDENT: "student",
    ProtocolActor.MENTOR: "mentor",
    ProtocolActor.TUTOR: "tutor",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: date) -> str:
    """'12 Jan 2027' in every locale (the UI process may have set LC_TIME)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def weekdays_text(days: str) -> str:
    """'12345' → 'Monday to Friday'; '135' → 'Monday, Wednesday and Friday'."""
    numbers = sorted({int(d) for d in days})
    if len(numbers) == 7:
        return "every day"
    if len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{WEEKDAY_NAMES[numbers[0] - 1]} to {WEEKDAY_NAMES[numbers[-1] - 1]}"
    return and_list([WEEKDAY_NAMES[n - 1] for n in numbers])


def _hours(start: time, end: time) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


# --- the protocol --------------------------------------------------------------------------


def protocol_lines(
    protocol: CommunicationProtocol,
    period: tuple[date, date],
    choices: Mapping[str, str],
    defaults: Sequence[str],
) -> tuple[str, ...]:
    """The agreement's protocol sentences for a stored protocol (its availability loaded).

    Args:
        period: the placement's planned start and end, over which the shared hours are found.
        choices: purpose key → tool key, as chosen in preparation (may be empty).
        defaults: the default sentences (meeting, replies, reporting, helpdesk).
    """
    slots = {a.actor: a for a in protocol.availability}
    lines: list[str] = []
    if slots:
        lines.append(_working_hours(slots))
    shared = _shared_hours(slots, period)
    if shared:
        lines.append(shared)
    lines += [
        _meetings(protocol, choices),
        _replies(protocol, choices, defaults[DEFAULT_REPLIES]),
        _reporting(protocol, choices),
    ]
    if protocol.tools_note and protocol.tools_note.strip():
        lines.append(f"Which channel serves which purpose: {_sentence(protocol.tools_note)}")
    lines.append(_helpdesk(protocol, defaults[DEFAULT_HELPDESK]))
    return tuple(lines)


def _working_hours(slots: Mapping[ProtocolActor, ActorAvailability]) -> str:
    parts = [
        f"{_WHO[actor]} {weekdays_text(a.weekdays)}, {_hours(a.start_time, a.end_time)} "
        f"({a.timezone})"
        for actor in ProtocolActor
        if (a := slots.get(actor)) is not None
    ]
    return f"Working hours: {'; '.join(parts)}."


def _availability(a: ActorAvailability) -> Availability:
    weekdays = frozenset(int(d) for d in a.weekdays)
    return Availability(a.actor.label, a.timezone, weekdays, a.start_time, a.end_time)


_SHARED: dict[object, str | None] = {}  # the sentence by what decides it (see `_shared_hours`)
_SHARED_AT_MOST = 100_000


def _shared_hours(
    slots: Mapping[ProtocolActor, ActorAvailability], period: tuple[date, date]
) -> str | None:
    """The hours trainee and mentor share on every working day, in both their zones.

    Remembered by what decides the sentence, not by the dates: the two availabilities, the
    kinds of day the period holds (`overlap.first_day_of_each_kind`), its first week in order (the
    mentor's times are given for its first working day; a first week with a clock change is
    remembered for its dates only) and whether the clocks change on other dates in the two
    zones. A batch of agreements (or a demo of 100,000) asks about the
    same few zones and hours again and again, over periods made of the same kinds of day.
    """
    student, mentor = slots.get(ProtocolActor.STUDENT), slots.get(ProtocolActor.MENTOR)
    first, last = period
    if student is None or mentor is None or last < first:
        return None
    actors = (_availability(student), _availability(mentor))
    firsts = first_day_of_each_kind(actors, first, last)
    kinds, opening = frozenset(firsts), kinds_in_order(actors, first, last, 8)
    changing = any(isinstance(v, tuple) for kind in opening for v in kind[1:])
    key = (
        actors,
        kinds,
        opening,
        first if changing else None,  # the clocks change in the first week: these dates only
        _clock_changes(student.timezone, first, last)
        != _clock_changes(mentor.timezone, first, last),
    )
    if key not in _SHARED:
        if len(_SHARED) >= _SHARED_AT_MOST:
            _SHARED.clear()
        _SHARED[key] = _shared_sentence(
            student, mentor, first, last, _days_of_kinds(actors, firsts)
        )
    return _SHARED[key]


def shared_hours_sentence(
    student: ActorAvailability,
    mentor: ActorAvailability,
    first: date,
    last: date,
    *,
    every_day: bool = False,
) -> str | None:
    """`_shared_hours` worked out from the days themselves: from the first day of each kind
    (`overlap.first_day_of_each_kind`), which give the same sentence as all the days, or from
    `every_day`.

    The same because a day's shared hours follow from its kind, and the common window below
    narrows to lie inside one of a kind's windows the first time it meets the kind, so meeting
    the kind again changes nothing."""
    actors = (_availability(student), _availability(mentor))
    if every_day:
        days = daily_overlap(actors, first, last)
    else:
        days = _days_of_kinds(actors, first_day_of_each_kind(actors, first, last))
    return _shared_sentence(student, mentor, first, last, days)


def _days_of_kinds(
    actors: Sequence[Availability], firsts: Mapping[DayKind, date]
) -> list[DayOverlap]:
    """The shared hours of the first working day of each kind, in the order of those days."""
    working = actors[0].weekdays
    return [
        found
        for day in firsts.values()
        if day.isoweekday() in working
        for found in daily_overlap(actors, day, day)
    ]


def _shared_sentence(
    student: ActorAvailability,
    mentor: ActorAvailability,
    first: date,
    last: date,
    days: Sequence[DayOverlap],
) -> str | None:
    if not days:
        return None
    # Only weekdays with shared hours in every week count: a mentor off on Fridays, or a
    # clock change that closes the gap on Mondays for a while, leaves that weekday out.
    missing = {d.day.isoweekday() for d in days if not d.intervals}
    days = [d for d in days if d.day.isoweekday() not in missing]
    window = _common_window(days, zone_info(student.timezone)) if days else None
    if window is None:
        return (
            "The working hours of the trainee and the company mentor do not overlap reliably: "
            "they keep in touch mainly in writing and agree meeting times week by week."
        )
    start, end = window
    weekdays = "".join(str(n) for n in sorted({d.day.isoweekday() for d in days}))
    on = "" if set(weekdays) == set(student.weekdays) else f", {weekdays_text(weekdays)},"
    if student.timezone == mentor.timezone:
        return (
            f"The trainee and the company mentor work in the same time zone "
            f"({student.timezone}) and share the hours {_hours(start, end)}{on} for meetings "
            "and direct contact."
        )
    there = [
        datetime.combine(days[0].day, moment, zone_info(student.timezone))
        .astimezone(zone_info(mentor.timezone))
        .time()
        for moment in (start, end)
    ]
    text = (
        f"Shared working hours of the trainee and the company mentor{on} for meetings and "
        f"direct contact: {_hours(start, end)} ({student.timezone}), which is "
        f"{_hours(there[0], there[1])} ({mentor.timezone})"
    )
    if _clock_changes(student.timezone, first, last) != _clock_changes(
        mentor.timezone, first, last
    ):
        text += (
            ". The clocks change on different dates in these two time zones: in the weeks "
            "between, the mentor's local times differ by one hour"
        )
    return f"{text}."


def _clock_changes(zone: str, first: date, last: date) -> list[date]:
    """`overlap.clock_changes`, from a per-year cache: a batch of agreements asks about the
    same few zones and years hundreds of times."""
    return [
        day
        for year in range(first.year, last.year + 1)
        for day in _changes_in_year(zone, year)
        if first < day <= last
    ]


@cache
def _changes_in_year(zone: str, year: int) -> tuple[date, ...]:
    return tuple(clock_changes(zone, date(year - 1, 12, 31), date(year, 12, 31)))


def _common_window(days: Sequence[DayOverlap], zone: ZoneInfo) -> tuple[time, time] | None:
    """The stretch of the reference actor's day that lies in the overlap on every day."""
    low, high = 0, 24 * 60
    for day in days:
        best: tuple[int, int] | None = None
        for start, end in day.intervals:
            a, b = start.astimezone(zone), end.astimezone(zone)
            a_min = a.hour * 60 + a.minute
            b_min = b.hour * 60 + b.minute if b.date() == a.date() else 24 * 60
            window = (max(low, a_min), min(high, b_min))
            if window[1] > window[0] and (
                best is None or window[1] - window[0] > best[1] - best[0]
            ):
                best = window
        if best is None:
            return None
        low, high = best
    high = min(high, 24 * 60 - 1)  # the reference actor's own day ends before midnight anyway
    return time(low // 60, low % 60), time(high // 60, high % 60)


def _tool(choices: Mapping[str, str], purpose: str) -> str | None:
    key = choices.get(purpose)
    return tool_name(key) if key else None


def _meetings(protocol: CommunicationProtocol, choices: Mapping[str, str]) -> str:
    channel = _tool(choices, "meetings")
    how = f"by video call ({channel})" if channel else "by video call"
    return (
        f"The trainee and the company mentor meet {_CADENCE[protocol.meetings]} {how}, for "
        f"{protocol.meeting_minutes} minutes, within their shared working hours."
    )


def _replies(protocol: CommunicationProtocol, choices: Mapping[str, str], default: str) -> str:
    hours = protocol.reply_hours
    within = "1 hour" if hours == 1 else f"{hours} hours"
    channel = _tool(choices, "questions")
    asked = f"Day-to-day questions ({channel})" if channel else "Messages"
    fallback = _tool(choices, "fallback")
    urgent = (
        f"for urgent matters, or when the connection fails: {fallback}"
        if fallback
        else default.rsplit(";", 1)[-1].strip().rstrip(".")  # "urgent matters by phone"
    )
    return f"{asked} are answered within {within}; {urgent}."


def _reporting(protocol: CommunicationProtocol, choices: Mapping[str, str]) -> str:
    channel = _tool(choices, "reporting")
    how = f" ({channel})" if channel else ""
    return (
        f"The trainee reports progress in writing{how} to the company mentor "
        f"{_CADENCE[protocol.reporting]} and to the academic tutor at least once a month."
    )


def _helpdesk(protocol: CommunicationProtocol, default: str) -> str:
    student = (protocol.student_helpdesk or "").strip()
    staff = (protocol.staff_helpdesk or "").strip()
    if not student and not staff:
        return default
    coordinator = "the placement coordinator"
    return (
        f"Helpdesk for the trainee: {student.rstrip('.') or coordinator}. "
        f"Helpdesk for the company staff: {staff.rstrip('.') or coordinator}."
    )


# --- the tools -----------------------------------------------------------------------------


def tool_rows(choices: Mapping[str, str], tests: Iterable[ToolTest]) -> tuple[Tool, ...]:
    """One row per chosen tool: what it is used for, and how far it was tested with whom.

    Args:
        choices: purpose key → tool key, in any order (printed in the catalogue's order).
        tests: the placement's stored test results (tools no longer chosen are ignored).
    """
    labels = {p.key: p.label for p in purposes()}
    order = list(labels)
    used_for: dict[str, list[str]] = {}
    for purpose in sorted(choices, key=lambda k: order.index(k) if k in order else len(order)):
        used_for.setdefault(choices[purpose], []).append(labels.get(purpose, purpose))
    results: dict[str, dict[ProtocolActor, ToolTest]] = {}
    for test in tests:
        results.setdefault(test.tool_key, {})[test.actor] = test
    return tuple(
        Tool(
            name=tool_name(key),
            purpose=_capitalised("; ".join(p.lower() for p in used)),
            test_status=tested_text(results.get(key, {})),
        )
        for key, used in used_for.items()
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def tested_text(results: Mapping[ProtocolActor, ToolTest]) -> str:
    """'Tested with student and mentor on 12 Jan 2027; not yet tested with tutor'."""
    passed: dict[date, list[str]] = {}
    failed: list[str] = []
    waiting: list[str] = []
    for actor in ProtocolActor:
        test = results.get(actor)
        if test is None or test.result is ToolTestResult.NOT_YET or test.tested_on is None:
            waiting.append(_SHORT[actor])
        elif test.result is ToolTestResult.PASSED:
            passed.setdefault(test.tested_on, []).append(_SHORT[actor])
        else:
            note = (test.note or "").strip().rstrip(".")
            reason = f" ({note})" if note else ""
            failed.append(f"failed with {_SHORT[actor]} on {short_date(test.tested_on)}{reason}")
    if not passed and not failed:
        return "Not tested yet"
    parts: list[str] = []
    if passed:
        dated = [f"{and_list(who)} on {short_date(day)}" for day, who in sorted(passed.items())]
        parts.append("tested with " + ", with ".join(dated))
    parts += failed
    if waiting:
        parts.append(f"not yet tested with {and_list(waiting)}")
    return _capitalised("; ".join(parts))
