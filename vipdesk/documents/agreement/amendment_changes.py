"""What an amendment changes in the traineeship programme (Table A2 beside Table A).

Once all three parties have signed, the agreement is locked; a change during the traineeship
is an amendment with its own signature round. The amendment lists each entry of Table A that
changes, with the value as agreed beside the new one. `programme_changes` computes that list
once, as text, in the language of the document being written (`texts.agreement_language`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from vipdesk.documents.agreement.content import AgreementData, Programme
from vipdesk.documents.agreement.layout import long_date
from vipdesk.documents.agreement.task_lines import task_line
from vipdesk.documents.agreement.texts import label_once


@dataclass(frozen=True)
class Change:
    """One entry of Table A that the amendment changes, as people read it."""

    label: str
    before: str  # as agreed (Table A); lines separated by "\n"; "" when it was empty
    after: str  # as amended (Table A2)


def _items(values: tuple[str, ...]) -> str:
    return "\n".join(f"• {value}" for value in values if value.strip())


def _range(start: date, end: date) -> str:
    return label_once("period_range", start=long_date(start), end=long_date(end))


def _mode(p: Programme) -> str:
    periods = [
        f"{label_once(f'period.{x.kind.value}')}: {_range(x.start, x.end)}" for x in p.periods
    ]
    return "\n".join([label_once(f"mode_label.{p.mode.value}"), *periods])


def _language(p: Programme) -> str:
    if not p.language:
        return ""
    if p.language_level:
        level = label_once("language_level", level=p.language_level)
    else:
        level = label_once("level_unconfirmed")
    return f"{p.language} — {level}"


# The entries of Table A in the order the agreement prints them: the key of each one's name
# in texts.<language>.json, and how its value is written.
PROGRAMME_ENTRIES: tuple[tuple[str, Callable[[Programme], str]], ...] = (
    ("label.planned_period", lambda p: _range(p.start, p.end)),
    ("label.mode", _mode),
    ("label.hours", lambda p: str(p.hours_per_week)),
    ("label.title", lambda p: p.title),
    ("label.description", lambda p: p.description),
    ("label.language", _language),
    (
        "amendment.entry.tasks",
        lambda p: "\n".join(task_line(n, t) for n, t in enumerate(p.tasks, 1)),
    ),
    ("amendment.entry.outcomes", lambda p: _items(p.learning_outcomes)),
    ("amendment.entry.monitoring", lambda p: p.monitoring_plan),
    ("amendment.entry.evaluation", lambda p: p.evaluation_plan),
    ("amendment.entry.criteria", lambda p: _items(p.evaluation_criteria)),
)


def programme_changes(original: AgreementData, amended: AgreementData) -> list[Change]:
    """The entries of Table A whose printed value differs, in the agreement's order.

    Compared as printed (whitespace at the ends aside), so a change the reader could not see
    is never listed, and every change they could see is.
    """
    changes = []
    for key, show in PROGRAMME_ENTRIES:
        before = show(original.programme).strip()
        after = show(amended.programme).strip()
        if before != after:
            changes.append(Change(label_once(key), before, after))
    return changes


def unchanged_entries(changes: list[Change]) -> list[str]:
    """The names of the entries of Table A that `changes` leaves as agreed."""
    changed = {change.label for change in changes}
    return [name for name in entry_names() if name not in changed]


def entry_names() -> list[str]:
    """The names of the entries of Table A, in the current language."""
    return [label_once(key) for key, _show in PROGRAMME_ENTRIES]


LABELS: tuple[str, ...] = tuple(entry_names())  # in English (no document's language yet)
