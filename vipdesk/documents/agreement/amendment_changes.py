"""What an amendment changes in the traineeship programme (Table A2 beside Table A).

Once all three parties have signed, the agreement is locked; a change during the traineeship
is an amendment with its own signature round. The amendment lists each entry of Table A that
changes, with the value as agreed beside the new one. `programme_changes` computes that list
once, as text, so the amendment PDF and the UI show exactly the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from vipdesk.documents.agreement.content import AgreementData, Programme, Task

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


@dataclass(frozen=True)
class Change:
    """One entry of Table A that the amendment changes, as people read it."""

    label: str
    before: str  # as agreed (Table A); lines separated by "\n"; "" when it was empty
    after: str  # as amended (Table A2)


def _day(day: date | None, *, short: bool = False) -> str:
    """'1 February 2027' ('1 Feb 2027' when short), the same whatever the locale."""
    if day is None:
        return ""
    month = _MONTHS[day.month - 1]
    return f"{day.day} {month[:3] if short else month} {day.year}"


def _task(number: int, task: Task) -> str:
    parts = [f"{number}. {task.description}"]
    if task.deliverable:
        parts.append(f"Deliverable: {task.deliverable}")
    if task.deadline:
        parts.append(f"Deadline: {_day(task.deadline, short=True)}")
    return " — ".join(parts)


def _items(values: tuple[str, ...]) -> str:
    return "\n".join(f"• {value}" for value in values if value.strip())


def _mode(p: Programme) -> str:
    periods = [f"{x.kind.value.capitalize()}: {_day(x.start)} to {_day(x.end)}" for x in p.periods]
    return "\n".join([p.mode.label, *periods])


def _language(p: Programme) -> str:
    if not p.language:
        return ""
    level = f"level {p.language_level}" if p.language_level else "level to be confirmed"
    return f"{p.language} — {level}"


# The entries of Table A in the order the agreement prints them.
PROGRAMME_ENTRIES: tuple[tuple[str, Callable[[Programme], str]], ...] = (
    ("Planned period", lambda p: f"{_day(p.start)} to {_day(p.end)}"),
    ("Mode", _mode),
    ("Hours per week", lambda p: str(p.hours_per_week)),
    ("Traineeship title", lambda p: p.title),
    ("Description", lambda p: p.description),
    ("Language competence", _language),
    (
        "Tasks, deliverables and deadlines",
        lambda p: "\n".join(_task(n, t) for n, t in enumerate(p.tasks, 1)),
    ),
    ("Knowledge, skills and competences", lambda p: _items(p.learning_outcomes)),
    ("Monitoring plan", lambda p: p.monitoring_plan),
    ("Evaluation plan", lambda p: p.evaluation_plan),
    ("Evaluation criteria", lambda p: _items(p.evaluation_criteria)),
)
LABELS: tuple[str, ...] = tuple(label for label, _ in PROGRAMME_ENTRIES)


def programme_changes(original: AgreementData, amended: AgreementData) -> list[Change]:
    """The entries of Table A whose printed value differs, in the agreement's order.

    Compared as printed (whitespace at the ends aside), so a change the reader could not see
    is never listed, and every change they could see is.
    """
    changes = []
    for label, show in PROGRAMME_ENTRIES:
        before = show(original.programme).strip()
        after = show(amended.programme).strip()
        if before != after:
            changes.append(Change(label, before, after))
    return changes


def unchanged_entries(changes: list[Change]) -> list[str]:
    """The labels of the entries of Table A that `changes` leaves as agreed."""
    changed = {change.label for change in changes}
    return [label for label in LABELS if label not in changed]
