"""The rules on the traineeship's programme and period: dates, hours, blended periods, tasks.

The date-heavy part of the agreement's checks (see `agreement_validation` for the entry
points and the other sections). The programme may cover the placement's planned period or a
part of it; a blended traineeship's physical and virtual periods tile it without gap or
overlap; every task's deadline falls inside it.
"""

from __future__ import annotations

from datetime import date, timedelta

from vipdesk.documents.agreement.content import AgreementData, Period, Programme
from vipdesk.enums import Mode, PeriodKind
from vipdesk.phrase import Day, Phrase, Span
from vipdesk.services.agreements.checks.problems import Found, is_date

HOURS_PER_WEEK = (1, 60)


def check_programme(
    data: AgreementData, found: Found, placement_start: date | None, placement_end: date | None
) -> None:
    """In the order of the page: title, period, hours, then the blended periods."""
    p = data.programme
    found.text("programme.title", p.title, "Enter the title of the traineeship.")
    period_ok = _period(p, found)
    if period_ok:
        _against_placement(p, found, placement_start, placement_end)
    low, high = HOURS_PER_WEEK
    if not low <= p.hours_per_week <= high:
        found.add(
            "programme.hours_per_week",
            "Hours per week must be between {low} and {high}; it is {hours}.",
            low=low,
            high=high,
            hours=p.hours_per_week,
        )
    if period_ok and p.mode is Mode.BLENDED:
        _blended(p, found)


def _period(p: Programme, found: Found) -> bool:
    """Whether the programme has a first and a last day, in that order."""
    if not is_date(p.start):
        found.add("programme.start", "Enter the first day of the traineeship.")
    if not is_date(p.end):
        found.add("programme.end", "Enter the last day of the traineeship.")
    if not (is_date(p.start) and is_date(p.end)):
        return False
    if p.end < p.start:
        found.add(
            "programme.end",
            "The end ({end}) is before the start ({start}).",
            end=Day(p.end, long=True),
            start=Day(p.start, long=True),
        )
        return False
    return True


def _against_placement(
    p: Programme, found: Found, placement_start: date | None, placement_end: date | None
) -> None:
    """The agreement may cover the placement's planned period or a part of it, never more."""
    if placement_start is not None and p.start < placement_start:
        found.add(
            "programme.start",
            "The traineeship starts on {start}, before the placement's planned start "
            "({planned}). Change the date here, or the placement's planned period first.",
            start=Day(p.start, long=True),
            planned=Day(placement_start, long=True),
        )
    if placement_end is not None and p.end > placement_end:
        found.add(
            "programme.end",
            "The traineeship ends on {end}, after the placement's planned end ({planned}). "
            "Change the date here, or the placement's planned period first.",
            end=Day(p.end, long=True),
            planned=Day(placement_end, long=True),
        )


def _period_name(n: int, period: Period) -> Phrase:
    dates = Span(period.start, period.end)
    if period.kind is PeriodKind.PHYSICAL:
        return Phrase("Period {n} (physical, {dates})", {"n": n, "dates": dates})
    return Phrase("Period {n} (virtual, {dates})", {"n": n, "dates": dates})


def _blended(p: Programme, found: Found) -> None:
    """Physical and virtual periods tile the programme period: no gap, no overlap."""
    kinds = {period.kind for period in p.periods}
    if not p.periods:
        found.add(
            "programme.periods",
            "A blended traineeship needs its physical and virtual periods: add them.",
        )
        return
    if kinds != {PeriodKind.PHYSICAL, PeriodKind.VIRTUAL}:
        if PeriodKind.PHYSICAL in kinds:
            found.add(
                "programme.periods",
                "A blended traineeship needs at least one physical and one virtual period; "
                "add a virtual one.",
            )
        else:
            found.add(
                "programme.periods",
                "A blended traineeship needs at least one physical and one virtual period; "
                "add a physical one.",
            )
    valid: list[tuple[int, Period]] = []
    for n, period in enumerate(p.periods):
        field = f"programme.periods.{n}"
        if not (is_date(period.start) and is_date(period.end)):
            found.add(field, "Period {n} needs a first and a last day.", n=n + 1)
        elif period.end < period.start:
            found.add(field, "{period} ends before it starts.", period=_period_name(n + 1, period))
        elif period.start < p.start or period.end > p.end:
            found.add(
                field,
                "{period} is not inside the traineeship ({dates}).",
                period=_period_name(n + 1, period),
                dates=Span(p.start, p.end),
            )
        else:
            valid.append((n, period))
    valid.sort(key=lambda item: item[1].start)
    reach: tuple[int, Period] | None = None  # the period reaching furthest so far
    for n, period in valid:
        if reach is not None and period.start <= reach[1].end:
            m, previous = reach
            found.add(
                f"programme.periods.{n}",
                "{period} overlaps {other}.",
                period=_period_name(n + 1, period),
                other=_period_name(m + 1, previous),
            )
        if reach is None or period.end > reach[1].end:
            reach = (n, period)
    if len(valid) != len(p.periods):
        return  # gaps are only worth reporting once every period can be read
    cursor = p.start
    for _n, period in valid:
        if period.start > cursor:
            _gap(found, cursor, period.start - timedelta(days=1))
        cursor = max(cursor, period.end + timedelta(days=1))
    if cursor <= p.end:
        _gap(found, cursor, p.end)


def _gap(found: Found, first: date, last: date) -> None:
    found.add(
        "programme.periods",
        "No period covers {dates}: every day of a blended traineeship is either physical or "
        "virtual.",
        dates=Span(first, last),
    )


def check_tasks(data: AgreementData, found: Found) -> None:
    """At least one task; each described, its deadline (when given) inside the period."""
    p = data.programme
    if not p.tasks:
        found.add("programme.tasks", "Add at least one task, with its deliverable and deadline.")
    period_known = is_date(p.start) and is_date(p.end)
    for n, task in enumerate(p.tasks):
        field = f"programme.tasks.{n}"
        found.text(
            f"{field}.description", task.description, "Task {n} has no description.", n=n + 1
        )
        deadline = task.deadline
        if deadline is None or not period_known:
            continue
        if deadline > p.end:
            found.add(
                f"{field}.deadline",
                "Task {n}'s deadline {deadline} is after the end of the period ({end}).",
                n=n + 1,
                deadline=Day(deadline, long=True),
                end=Day(p.end, long=True),
            )
        elif deadline < p.start:
            found.add(
                f"{field}.deadline",
                "Task {n}'s deadline {deadline} is before the start of the period ({start}).",
                n=n + 1,
                deadline=Day(deadline, long=True),
                start=Day(p.start, long=True),
            )
