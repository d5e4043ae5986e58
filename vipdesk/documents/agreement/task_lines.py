"""The tasks of a fillable agreement as lines of text, written and read back.

In the fillable PDF the host's tasks are one multi-line field, one task per line:
"1. Build the dashboard — Arbeitsergebnis: Dashboard — Termin: 30.04.2027". The markers and
the date are written in the agreement's language (of a bilingual one, the other than English,
as inside any value); HR may return the field with the markers and dates of any of vipdesk's
languages, say after a colleague retyped it from an English copy, and it is read back alike.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from babel.dates import get_month_names

from vipdesk.documents.agreement.content import Task
from vipdesk.documents.agreement.layout import short_date
from vipdesk.documents.agreement.texts import agreement_texts, label_once
from vipdesk.languages import LANGUAGES

SEPARATOR = " — "
_TASK_NUMBER = re.compile(r"^\s*\d+[.)]\s*")
_NUMERIC_DAYS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y")
# "1 Feb 2027", "1. feb. 2027", "1 lut 2027", "4. Dezember 2026", "1. toukokuuta 2027"
_NAMED_DAY = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")


def task_line(number: int, task: Task) -> str:
    """One task as one line of the tasks field, in the agreement's language: easy to edit,
    and to read back."""
    parts = [f"{number}. {task.description}"]
    if task.deliverable:
        parts.append(f"{label_once('col.deliverable')}: {task.deliverable}")
    if task.deadline:
        parts.append(f"{label_once('col.deadline')}: {short_date(task.deadline)}")
    return SEPARATOR.join(parts)


@cache
def _markers(key: str) -> tuple[str, ...]:
    """The marker `key` ("col.deadline") in every language, lower-case, with its colon."""
    words = {agreement_texts(code)["labels"][key].lower() for code in LANGUAGES}
    return tuple(sorted(f"{word}:" for word in words))


@cache
def _months() -> dict[str, int]:
    """Every month name and abbreviation of every language, lower-case and without a dot."""
    months: dict[str, int] = {}
    for code in LANGUAGES:
        for width in ("abbreviated", "wide"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, code).items():
                    months.setdefault(name.lower().rstrip("."), number)
    return months


def parse_day(text: str) -> date:
    """A deadline as `task_line` writes it in any language, or as people write dates.

    Raises:
        ValueError: the text is not a date.
    """
    cleaned = " ".join(text.split())
    for pattern in _NUMERIC_DAYS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    named = _NAMED_DAY.match(cleaned)
    month = _months().get(named.group(2).lower()) if named else None
    if named is None or month is None:
        raise ValueError(cleaned)
    day, year = int(named.group(1)), int(named.group(3))
    return date(year, month, day)  # ValueError for 31 February


def _after(part: str, markers: tuple[str, ...]) -> str | None:
    """What follows one of `markers` at the start of `part`, or None."""
    lowered = part.lower()
    for marker in markers:
        if lowered.startswith(marker):
            return part[len(marker) :].strip()
    return None


def parse_tasks(text: str) -> tuple[Task, ...]:
    """The tasks field, one task per line, as written by `task_line` or by HR.

    Raises:
        ValueError: with the line whose deadline cannot be read.
    """
    tasks: list[Task] = []
    for line in text.replace("\r", "\n").split("\n"):
        if not line.strip():
            continue
        parts = [p.strip() for p in _TASK_NUMBER.sub("", line, count=1).split(SEPARATOR)]
        description, deliverable, deadline = parts[0], "", None
        in_deliverable = False  # a dash inside a text belongs to the text before it
        for part in parts[1:]:
            handed_in = _after(part, _markers("col.deliverable"))
            due = _after(part, _markers("col.deadline"))
            if handed_in is not None:
                deliverable, in_deliverable = handed_in, True
            elif due is not None:
                try:
                    deadline = parse_day(due)
                except ValueError as exc:
                    raise ValueError(line.strip()) from exc
            elif in_deliverable:
                deliverable = f"{deliverable}{SEPARATOR}{part}"
            else:
                description = f"{description}{SEPARATOR}{part}"
        tasks.append(Task(description, deliverable, deadline))
    return tuple(tasks)
