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

from babel.dates import get_day_names

from vipdesk.documents.agreement.content import Tool
from vipdesk.documents.agreement.layout import short_date as layout_short_date
from vipdesk.documents.agreement.texts import current_language, label_once
from vipdesk.languages import ENGLISH
from vipdesk.models import (
    Cadence,
    ProtocolActor,
    ToolTestResult,
)
from vipdesk.services.agreements.records import AvailabilityRecord, ProtocolRecord, ToolTestRecord
from vipdesk.services.preparation.day_kinds import (
    Minutes,
    day_minutes,
    first_day_of_each_kind,
    shared_minutes,
)
from vipdesk.services.preparation.overlap import (
    WEEKDAY_NAMES,
    Availability,
    clock_changes,
    daily_overlap,
    zone_info,
)
from vipdesk.services.preparation.tool_catalogue import purposes, tool_name

# The default protocol sentences, by position in texts.json.
DEFAULT_MEETING, DEFAULT_REPLIES, DEFAULT_REPORTING, DEFAULT_HELPDESK = range(4)

# The words are labels of resources/agreement/texts.<language>.json ("protocol.*", "tools.*"),
# in the language of the agreement being written (`texts.agreement_language`; English outside).


def _cadence(cadence: Cadence) -> str:
    return label_once(f"protocol.cadence.{cadence.value}")


def _who(actor: ProtocolActor) -> str:
    return label_once(f"protocol.who.{actor.value}")


def _short(actor: ProtocolActor) -> str:
    return label_once(f"protocol.short.{actor.value}")


def short_date(day: date) -> str:
    """'12 Jan 2027' in English in every locale (the UI process may have set LC_TIME); the
    agreement's language's own way in an agreement written in another."""
    return layout_short_date(day)


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return label_once("protocol.and", first=", ".join(items[:-1]), last=items[-1])


def _weekday(number: int) -> str:
    language = current_language()
    if language == ENGLISH:
        return WEEKDAY_NAMES[number - 1]
    return str(get_day_names("wide", context="stand-alone", locale=language)[number - 1])


def weekdays_text(days: str) -> str:
    """'12345' → 'Monday to Friday'; '135' → 'Monday, Wednesday and Friday'."""
    numbers = sorted({int(d) for d in days})
    if len(numbers) == 7:
        return label_once("protocol.every_day")
    if len(numbers) >= 3 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return label_once(
            "protocol.day_range", first=_weekday(numbers[0]), last=_weekday(numbers[-1])
        )
    return and_list([_weekday(n) for n in numbers])


def _hours(start: time, end: time) -> str:
    # From the fields: `strftime` took twice as long, for every agreement's hours.
    return f"{start.hour:02}:{start.minute:02}–{end.hour:02}:{end.minute:02}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


# --- the protocol --------------------------------------------------------------------------


def protocol_lines(
    protocol: ProtocolRecord,
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
        lines.append(label_once("protocol.channels", note=_sentence(protocol.tools_note)))
    lines.append(_helpdesk(protocol, defaults[DEFAULT_HELPDESK]))
    return tuple(lines)


def _working_hours(slots: Mapping[ProtocolActor, AvailabilityRecord]) -> str:
    parts = [
        label_once(
            "protocol.working_part",
            who=_who(actor),
            days=weekdays_text(a.weekdays),
            hours=_hours(a.start_time, a.end_time),
            zone=a.timezone,
        )
        for actor in ProtocolActor
        if (a := slots.get(actor)) is not None
    ]
    return label_once("protocol.working_hours", parts="; ".join(parts))


def _availability(a: AvailabilityRecord) -> Availability:
    weekdays = frozenset(int(d) for d in a.weekdays)
    return Availability(a.actor.label, a.timezone, weekdays, a.start_time, a.end_time)


def _shared_hours(
    slots: Mapping[ProtocolActor, AvailabilityRecord], period: tuple[date, date]
) -> str | None:
    """The hours trainee and mentor share on every working day, in both their zones."""
    student, mentor = slots.get(ProtocolActor.STUDENT), slots.get(ProtocolActor.MENTOR)
    first, last = period
    if student is None or mentor is None or last < first:
        return None
    return shared_hours_sentence(student, mentor, first, last)


def shared_hours_sentence(
    student: AvailabilityRecord,
    mentor: AvailabilityRecord,
    first: date,
    last: date,
    *,
    every_day: bool = False,
) -> str | None:
    """`_shared_hours` worked out from the first day of each kind
    (`day_kinds.first_day_of_each_kind`), which give the same sentence as all the days, or
    from `every_day`.

    The same because a day's shared hours follow from its kind, and the common window below
    narrows to lie inside one of a kind's windows the first time it meets the kind, so meeting
    the kind again changes nothing. A batch of agreements (or a demo of 100,000) asks about
    the same few hours over periods of the same kinds of day: a kind's hours are remembered
    (`day_kinds.shared_minutes`), and only the few days with a clock change are laid out."""
    actors = (_availability(student), _availability(mentor))
    if every_day:
        zone = zone_info(student.timezone)
        days = [(d.day, day_minutes(d, zone)) for d in daily_overlap(actors, first, last)]
    else:
        working = actors[0].weekdays
        days = [
            (day, shared_minutes(actors, kind, day))
            for kind, day in first_day_of_each_kind(actors, first, last).items()
            if day.isoweekday() in working
        ]
    return _shared_sentence(student, mentor, first, last, days)


def _shared_sentence(
    student: AvailabilityRecord,
    mentor: AvailabilityRecord,
    first: date,
    last: date,
    days: Sequence[tuple[date, Minutes]],
) -> str | None:
    if not days:
        return None
    # Only weekdays with shared hours in every week count: a mentor off on Fridays, or a
    # clock change that closes the gap on Mondays for a while, leaves that weekday out.
    missing = {day.isoweekday() for day, stretches in days if not stretches}
    days = [(day, stretches) for day, stretches in days if day.isoweekday() not in missing]
    window = _common_window([stretches for _, stretches in days]) if days else None
    if window is None:
        return label_once("protocol.shared.none")
    start, end = window
    weekdays = "".join(str(n) for n in sorted({day.isoweekday() for day, _ in days}))
    on = (
        ""
        if set(weekdays) == set(student.weekdays)
        else label_once("protocol.shared.on", days=weekdays_text(weekdays))
    )
    if student.timezone == mentor.timezone:
        return label_once(
            "protocol.shared.same_zone", zone=student.timezone, hours=_hours(start, end), on=on
        )
    there = [
        datetime.combine(days[0][0], moment, zone_info(student.timezone))
        .astimezone(zone_info(mentor.timezone))
        .time()
        for moment in (start, end)
    ]
    text = label_once(
        "protocol.shared.across",
        on=on,
        hours=_hours(start, end),
        zone=student.timezone,
        there=_hours(there[0], there[1]),
        mentor_zone=mentor.timezone,
    )
    if _clock_changes(student.timezone, first, last) != _clock_changes(
        mentor.timezone, first, last
    ):
        text += label_once("protocol.shared.clocks")
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


def _common_window(days: Sequence[Minutes]) -> tuple[time, time] | None:
    """The stretch of the reference actor's day that lies in the overlap on every day."""
    low, high = 0, 24 * 60
    for stretches in days:
        best: tuple[int, int] | None = None
        for a_min, b_min in stretches:
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


def _meetings(protocol: ProtocolRecord, choices: Mapping[str, str]) -> str:
    channel = _tool(choices, "meetings")
    how = (
        label_once("protocol.by_video_with", channel=channel)
        if channel
        else label_once("protocol.by_video")
    )
    return label_once(
        "protocol.meetings",
        cadence=_cadence(protocol.meetings),
        how=how,
        minutes=protocol.meeting_minutes,
    )


def _replies(protocol: ProtocolRecord, choices: Mapping[str, str], default: str) -> str:
    hours = protocol.reply_hours
    within = (
        label_once("protocol.hour") if hours == 1 else label_once("protocol.hours", count=hours)
    )
    channel = _tool(choices, "questions")
    asked = (
        label_once("protocol.questions_with", channel=channel)
        if channel
        else label_once("protocol.messages")
    )
    fallback = _tool(choices, "fallback")
    urgent = (
        label_once("protocol.urgent_with", fallback=fallback)
        if fallback
        else default.rsplit(";", 1)[-1].strip().rstrip(".")  # "urgent matters by phone"
    )
    return label_once("protocol.replies", asked=asked, within=within, urgent=urgent)


def _reporting(protocol: ProtocolRecord, choices: Mapping[str, str]) -> str:
    channel = _tool(choices, "reporting")
    how = f" ({channel})" if channel else ""
    return label_once("protocol.reporting", how=how, cadence=_cadence(protocol.reporting))


def _helpdesk(protocol: ProtocolRecord, default: str) -> str:
    student = (protocol.student_helpdesk or "").strip()
    staff = (protocol.staff_helpdesk or "").strip()
    if not student and not staff:
        return default
    coordinator = label_once("protocol.coordinator")
    return label_once(
        "protocol.helpdesk",
        student=student.rstrip(".") or coordinator,
        staff=staff.rstrip(".") or coordinator,
    )


# --- the tools -----------------------------------------------------------------------------


def tool_rows(choices: Mapping[str, str], tests: Iterable[ToolTestRecord]) -> tuple[Tool, ...]:
    """One row per chosen tool: what it is used for, and how far it was tested with whom.

    Args:
        choices: purpose key → tool key, in any order (printed in the catalogue's order).
        tests: the placement's stored test results (tools no longer chosen are ignored).
    """
    labels = {p.key: label_once(f"purpose.{p.key}") for p in purposes()}
    order = list(labels)
    used_for: dict[str, list[str]] = {}
    for purpose in sorted(choices, key=lambda k: order.index(k) if k in order else len(order)):
        used_for.setdefault(choices[purpose], []).append(labels.get(purpose, purpose))
    results: dict[str, dict[ProtocolActor, ToolTestRecord]] = {}
    for test in tests:
        results.setdefault(test.tool_key, {})[test.actor] = test
    return tuple(
        Tool(
            name=tool_name(key),
            purpose=_capitalised("; ".join(_lower(p) for p in used)),
            test_status=tested_text(results.get(key, {})),
        )
        for key, used in used_for.items()
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    """A purpose inside a list: lower-case, unless the language capitalises its nouns."""
    return text if current_language() == "de" else text.lower()


def tested_text(results: Mapping[ProtocolActor, ToolTestRecord]) -> str:
    """'Tested with student and mentor on 12 Jan 2027; not yet tested with tutor'."""
    passed: dict[date, list[str]] = {}
    failed: list[str] = []
    waiting: list[str] = []
    for actor in ProtocolActor:
        test = results.get(actor)
        if test is None or test.result is ToolTestResult.NOT_YET or test.tested_on is None:
            waiting.append(_short(actor))
        elif test.result is ToolTestResult.PASSED:
            passed.setdefault(test.tested_on, []).append(_short(actor))
        else:
            note = (test.note or "").strip().rstrip(".")
            reason = f" ({note})" if note else ""
            day = short_date(test.tested_on)
            failed.append(label_once("tools.failed_with", who=_short(actor), date=day) + reason)
    if not passed and not failed:
        return label_once("tools.not_tested")
    parts: list[str] = []
    if passed:
        dated = [
            label_once("tools.dated", who=and_list(who), date=short_date(day))
            for day, who in sorted(passed.items())
        ]
        parts.append(
            label_once("tools.tested_with", dated=label_once("tools.and_with").join(dated))
        )
    parts += failed
    if waiting:
        parts.append(label_once("tools.not_yet_with", who=and_list(waiting)))
    return _capitalised("; ".join(parts))
