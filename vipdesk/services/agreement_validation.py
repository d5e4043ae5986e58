"""Checks on a drafted agreement, section by section, with messages a coordinator understands.

The drafting wizard shows one section per page and refuses Next while its section has
problems, so the rules are grouped by `SECTIONS`. A problem names its section and the field
it concerns as a dotted path into `AgreementData` ("programme.tasks.1.deadline", 0-based
indexes), which lets a form put the message beside the right input; the message itself
counts from 1 ("Task 2's deadline …") as people do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from vipdesk.models.enums import CEFR_LEVELS, Mode, PeriodKind
from vipdesk.services.agreement_data import (
    AgreementData,
    Period,
    Person,
    Programme,
    RecognitionKind,
)
from vipdesk.services.currency import is_currency
from vipdesk.services.people_rules import Checker

HOURS_PER_WEEK = (1, 60)
CERTIFICATE_WEEKS = (1, 5)  # Table C: the certificate is issued within 5 weeks after the end


@dataclass(frozen=True)
class Section:
    key: str
    title: str


SECTIONS: tuple[Section, ...] = (
    Section("parties", "Parties"),
    Section("programme", "Programme"),
    Section("tasks", "Tasks and deliverables"),
    Section("learning", "Learning outcomes, monitoring and evaluation"),
    Section("protocol", "Communication protocol"),
    Section("roles", "Roles and responsibilities"),
    Section("technology", "Technology"),
    Section("recognition", "Recognition"),
    Section("host", "Host commitments"),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)


@dataclass(frozen=True)
class Problem:
    section: str  # a key of SECTIONS
    field: str  # dotted path into AgreementData, e.g. "programme.tasks.1.deadline"
    message: str


def long_date(value: date) -> str:
    """3 March 2027: unambiguous in every country, unlike 03/03/27."""
    return f"{value.day} {value:%B %Y}"


def span(start: date, end: date) -> str:
    """The first and the last day joined by a dash, or one date when both are the same day."""
    return long_date(start) if start == end else f"{long_date(start)} – {long_date(end)}"


class _Found:
    """Collects the problems of one section."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.section, field, message))

    def text(self, field: str, value: str, message: str) -> None:
        if not value.strip():
            self.add(field, message)

    def email(self, field: str, value: str, whose: str, *, required: bool = True) -> None:
        if not value.strip() and not required:
            return
        checker = Checker()
        checker.email(field, value, whose)
        for p in checker.problems:
            self.add(p.field, p.message)


def _is_date(value: object) -> bool:
    """Dates typed nowhere arrive as None from stored JSON, whatever the annotation says."""
    return isinstance(value, date)


# --- the sections ----------------------------------------------------------------------------


def _parties(data: AgreementData, found: _Found) -> None:
    trainee, sending, receiving = data.trainee, data.sending, data.receiving
    found.text("trainee.name", trainee.name, "Enter the trainee's name.")
    found.email("trainee.email", trainee.email, "the trainee's")
    found.text("sending.name", sending.name, "Enter the name of the sending institution.")
    _person(
        found,
        "sending.contact",
        sending.contact,
        "Enter the name of the sending institution's responsible person.",
        "the responsible person's",
    )
    found.email("sending.tutor.email", sending.tutor.email, "the tutor's", required=False)
    found.text("receiving.name", receiving.name, "Enter the name of the receiving organisation.")
    found.text(
        "receiving.country", receiving.country, "Enter the country of the receiving organisation."
    )
    found.email("receiving.contact.email", receiving.contact.email, "the contact's", required=False)
    _person(found, "receiving.mentor", receiving.mentor, "Enter the mentor's name.", "the mentor's")


def _person(found: _Found, field: str, person: Person, name_message: str, whose: str) -> None:
    """A signatory: the name and a working e-mail address are required."""
    found.text(f"{field}.name", person.name, name_message)
    found.email(f"{field}.email", person.email, whose)


def _programme(
    data: AgreementData, found: _Found, placement_start: date | None, placement_end: date | None
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
            f"Hours per week must be between {low} and {high}; it is {p.hours_per_week}.",
        )
    if period_ok and p.mode is Mode.BLENDED:
        _blended(p, found)


def _period(p: Programme, found: _Found) -> bool:
    """Whether the programme has a first and a last day, in that order."""
    if not _is_date(p.start):
        found.add("programme.start", "Enter the first day of the traineeship.")
    if not _is_date(p.end):
        found.add("programme.end", "Enter the last day of the traineeship.")
    if not (_is_date(p.start) and _is_date(p.end)):
        return False
    if p.end < p.start:
        found.add(
            "programme.end",
            f"The end ({long_date(p.end)}) is before the start ({long_date(p.start)}).",
        )
        return False
    return True


def _against_placement(
    p: Programme, found: _Found, placement_start: date | None, placement_end: date | None
) -> None:
    """The agreement may cover the placement's planned period or a part of it, never more."""
    fix = " Change the date here, or the placement's planned period first."
    if placement_start is not None and p.start < placement_start:
        found.add(
            "programme.start",
            f"The traineeship starts on {long_date(p.start)}, before the placement's planned "
            f"start ({long_date(placement_start)}).{fix}",
        )
    if placement_end is not None and p.end > placement_end:
        found.add(
            "programme.end",
            f"The traineeship ends on {long_date(p.end)}, after the placement's planned "
            f"end ({long_date(placement_end)}).{fix}",
        )


def _period_name(n: int, period: Period) -> str:
    return f"Period {n} ({period.kind.value}, {span(period.start, period.end)})"


def _blended(p: Programme, found: _Found) -> None:
    """Physical and virtual periods tile the programme period: no gap, no overlap."""
    kinds = {period.kind for period in p.periods}
    if not p.periods:
        found.add(
            "programme.periods",
            "A blended traineeship needs its physical and virtual periods: add them.",
        )
        return
    if kinds != {PeriodKind.PHYSICAL, PeriodKind.VIRTUAL}:
        missing = PeriodKind.VIRTUAL if PeriodKind.PHYSICAL in kinds else PeriodKind.PHYSICAL
        found.add(
            "programme.periods",
            f"A blended traineeship needs at least one physical and one virtual period; "
            f"add a {missing.value} one.",
        )
    valid: list[tuple[int, Period]] = []
    for n, period in enumerate(p.periods):
        field = f"programme.periods.{n}"
        if not (_is_date(period.start) and _is_date(period.end)):
            found.add(field, f"Period {n + 1} needs a first and a last day.")
        elif period.end < period.start:
            found.add(field, f"{_period_name(n + 1, period)} ends before it starts.")
        elif period.start < p.start or period.end > p.end:
            found.add(
                field,
                f"{_period_name(n + 1, period)} is not inside the traineeship "
                f"({span(p.start, p.end)}).",
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
                f"{_period_name(n + 1, period)} overlaps {_period_name(m + 1, previous)}.",
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


def _gap(found: _Found, first: date, last: date) -> None:
    found.add(
        "programme.periods",
        f"No period covers {span(first, last)}: every day of a blended traineeship is either "
        "physical or virtual.",
    )


def _tasks(data: AgreementData, found: _Found) -> None:
    p = data.programme
    if not p.tasks:
        found.add("programme.tasks", "Add at least one task, with its deliverable and deadline.")
    period_known = _is_date(p.start) and _is_date(p.end)
    for n, task in enumerate(p.tasks):
        field = f"programme.tasks.{n}"
        found.text(f"{field}.description", task.description, f"Task {n + 1} has no description.")
        deadline = task.deadline
        if deadline is None or not period_known:
            continue
        if deadline > p.end:
            found.add(
                f"{field}.deadline",
                f"Task {n + 1}'s deadline {long_date(deadline)} is after the end of the period "
                f"({long_date(p.end)}).",
            )
        elif deadline < p.start:
            found.add(
                f"{field}.deadline",
                f"Task {n + 1}'s deadline {long_date(deadline)} is before the start of the "
                f"period ({long_date(p.start)}).",
            )


def _learning(data: AgreementData, found: _Found) -> None:
    p = data.programme
    if not any(outcome.strip() for outcome in p.learning_outcomes):
        found.add(
            "programme.learning_outcomes",
            "Add at least one learning outcome: what the trainee will know or be able to do.",
        )
    found.text(
        "programme.monitoring_plan",
        p.monitoring_plan,
        "Describe the monitoring plan: who follows the trainee's progress, and how often.",
    )
    found.text(
        "programme.evaluation_plan",
        p.evaluation_plan,
        "Describe the evaluation procedure: who evaluates the trainee, when and on what basis.",
    )
    if p.language_level and p.language_level not in CEFR_LEVELS:
        found.add(
            "programme.language_level",
            f"'{p.language_level}' is not a language level; choose A1 to C2 or native.",
        )


def _protocol(data: AgreementData, found: _Found) -> None:
    if not any(line.strip() for line in data.protocol):
        found.add(
            "protocol",
            "Add at least one line to the communication protocol: when the actors are "
            "available, how they report and how fast they reply.",
        )


def _roles(data: AgreementData, found: _Found) -> None:
    for n, role in enumerate(data.roles):
        if not any(duty.strip() for duty in role.duties):
            who = role.title or role.actor
            found.add(
                f"roles.{n}.duties",
                f"The duties of the {who.lower()} are empty: write at least one, or restore "
                "the default text.",
            )


def _technology(data: AgreementData, found: _Found) -> None:
    for n, tool in enumerate(data.tools):
        found.text(f"tools.{n}.name", tool.name, f"Tool {n + 1} has no name.")


def _recognition(data: AgreementData, found: _Found) -> None:
    r = data.recognition
    if r.credits is None:
        if r.kind is RecognitionKind.CURRICULUM:
            found.add(
                "recognition.credits",
                "Enter the ECTS credits: a traineeship embedded in the curriculum counts "
                "towards the degree.",
            )
    elif not r.credits.is_finite() or r.credits < 0:
        found.add("recognition.credits", f"Credits cannot be negative ({r.credits}).")


def _host(data: AgreementData, found: _Found) -> None:
    h = data.host
    if h.financial_support:
        if h.amount is None:
            found.add(
                "host.amount",
                "Enter the monthly amount of the financial support, or say that there is none.",
            )
        elif not h.amount.is_finite() or h.amount <= Decimal(0):
            found.add("host.amount", f"The monthly amount must be more than 0 (it is {h.amount}).")
        if not is_currency(h.currency):
            found.add(
                "host.currency",
                f"'{h.currency}' is not a currency; choose a code such as EUR from the list.",
            )
    low, high = CERTIFICATE_WEEKS
    if not low <= h.certificate_weeks <= high:
        found.add(
            "host.certificate_weeks",
            f"The certificate must be issued within {low} to {high} weeks after the end "
            f"(it says {h.certificate_weeks}).",
        )


# --- entry points ----------------------------------------------------------------------------


def validate_agreement(
    data: AgreementData, *, placement_start: date | None, placement_end: date | None
) -> list[Problem]:
    """Every problem of the draft, in the order of `SECTIONS` and of the fields on each page.

    `placement_start` / `placement_end` are the placement's planned period, which the agreement
    may not go beyond; None skips that check (no placement, or a dateless one).
    """
    problems: list[Problem] = []
    for key in SECTION_KEYS:
        problems.extend(
            validate_section(
                data, key, placement_start=placement_start, placement_end=placement_end
            )
        )
    return problems


def validate_section(
    data: AgreementData,
    section: str,
    *,
    placement_start: date | None = None,
    placement_end: date | None = None,
) -> list[Problem]:
    """The problems of one section (one wizard page).

    Raises:
        ValueError: `section` is not one of `SECTIONS` (a programming error).
    """
    found = _Found(section)
    if section == "parties":
        _parties(data, found)
    elif section == "programme":
        _programme(data, found, placement_start, placement_end)
    elif section == "tasks":
        _tasks(data, found)
    elif section == "learning":
        _learning(data, found)
    elif section == "protocol":
        _protocol(data, found)
    elif section == "roles":
        _roles(data, found)
    elif section == "technology":
        _technology(data, found)
    elif section == "recognition":
        _recognition(data, found)
    elif section == "host":
        _host(data, found)
    else:
        raise ValueError(f"unknown agreement section {section!r}; expected one of {SECTION_KEYS}")
    return found.problems


def problems_by_section(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Every section key, with its problems (an empty list when it has none)."""
    grouped: dict[str, list[Problem]] = {key: [] for key in SECTION_KEYS}
    for problem in problems:
        grouped.setdefault(problem.section, []).append(problem)
    return grouped
