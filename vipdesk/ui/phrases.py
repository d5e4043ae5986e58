"""Sentences the services keep as `Phrase`s, worded in the interface's language.

Each part of the interface that shows such sentences lists their English templates with
`tr()` (so the catalogue holds them) and registers that list here; a template no list holds
is shown in English, never dropped. `error_text` words an error the same way when the service
said it as a phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QLocale

from vipdesk.phrase import Count, Day, Joined, Label, Phrase
from vipdesk.ui import labels, when

Templates = Callable[[], Mapping[str, str]]
_registered: list[Templates] = []


def register(templates: Templates) -> Templates:
    """Add a part's templates (a function, called once the language is installed)."""
    _registered.append(templates)
    return templates


def translated_template(english: str) -> str:
    for templates in _registered:
        found = templates().get(english)
        if found is not None:
            return found
    return english


def phrase_text(phrase: Phrase, part: Callable[[Any], str | None] | None = None) -> str:
    """`phrase` in the interface's language; `part` may word a kind of part itself (None:
    the usual way)."""

    def word(value: Any) -> str:
        mine = part(value) if part is not None else None
        return mine if mine is not None else part_text(value, part)

    template = translated_template(phrase.template)
    return template.format(**{key: word(value) for key, value in phrase.values.items()})


def part_text(value: Any, part: Callable[[Any], str | None] | None = None) -> str:
    if isinstance(value, Phrase):
        return phrase_text(value, part)
    if isinstance(value, Joined):
        return value.separator.join(part_text(p, part) for p in value.parts)
    if isinstance(value, Day):
        return _day(value)
    if isinstance(value, Count):
        return QLocale().toString(value.n)
    if isinstance(value, Label):
        return labels.in_sentence(value.text) if value.in_sentence else labels.shown(value.text)
    if isinstance(value, date):
        return when.day(value)
    if isinstance(value, Decimal):
        places = max(0, -int(value.as_tuple().exponent))
        return QLocale().toString(float(value), "f", places)
    return str(value)


def _day(value: Day) -> str:
    if not value.year:
        return when.day_of_month(value.on)
    if value.weekday:
        return f"{when.weekday(value.on.isoweekday(), short=True)} {when.day(value.on)}"
    return when.day(value.on)


def error_text(error: BaseException) -> str:
    """An error's message in the interface's language when it was said as a phrase."""
    phrase = getattr(error, "phrase", None)
    return phrase_text(phrase) if isinstance(phrase, Phrase) else str(error)


class Said(Protocol):
    """A problem or warning of a service: its English message, and what it says when the
    service said it as a phrase (`FieldProblem`, `OverlapWarning`)."""

    @property
    def message(self) -> str: ...

    @property
    def phrase(self) -> Phrase | None: ...


def problem_text(problem: Said) -> str:
    """A problem's message in the interface's language when the service said it as a phrase."""
    return phrase_text(problem.phrase) if problem.phrase is not None else problem.message
