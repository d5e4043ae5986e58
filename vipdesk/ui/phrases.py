"""Sentences the services keep as `Phrase`s, worded in the interface's language.

Each part of the interface that shows such sentences lists their English templates (so the
catalogue holds them) in a module named in `TEMPLATE_MODULES`; a template no list holds is
shown in English, never dropped. `error_text` words an error the same way when the service
said it as a phrase.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Protocol

from PySide6.QtCore import QLocale

from vipdesk.errors import FieldProblem, ValidationError
from vipdesk.phrase import Count, Country, Day, Joined, Label, Phrase, Span
from vipdesk.ui import labels, when
from vipdesk.ui.i18n import tr
from vipdesk.ui.texts.counts import counted_templates

# The modules that list the English templates of the services' phrases (`TEMPLATES`, each text
# marked with QT_TR_NOOP so that the catalogue holds it).
TEMPLATE_MODULES = (
    "vipdesk.ui.placements.history_texts",
    "vipdesk.ui.placements.problem_texts",
    "vipdesk.ui.funding.grant_texts",
    "vipdesk.ui.funding.problem_texts",
    "vipdesk.ui.agreement.wizard.problem_texts",
    "vipdesk.ui.people.problem_texts",
    "vipdesk.ui.monitoring.problem_texts",
    "vipdesk.ui.preparation.problem_texts",
    "vipdesk.ui.mail.problem_texts",
    "vipdesk.ui.agreement.signature_texts",
    "vipdesk.ui.agreement.document_texts",
    "vipdesk.ui.evaluations.problem_texts",
    "vipdesk.ui.spreadsheets.problem_texts",
    "vipdesk.ui.texts.database",
    "vipdesk.ui.agreement.verification_texts",
    "vipdesk.ui.texts.conflicts",
    "vipdesk.ui.today.problem_texts",
)


@cache  # the language is chosen once, at start
def all_templates() -> dict[str, str]:
    """Every template the interface knows, English → the interface's language."""
    found: dict[str, str] = {}
    for name in TEMPLATE_MODULES:
        found.update({english: tr(english) for english in importlib.import_module(name).TEMPLATES})
    return found


def translated_template(english: str) -> str:
    return all_templates().get(english, english)


def phrase_text(phrase: Phrase, part: Callable[[Any], str | None] | None = None) -> str:
    """`phrase` in the interface's language; `part` may word a kind of part itself (None:
    the usual way)."""

    def word(value: Any) -> str:
        mine = part(value) if part is not None else None
        return mine if mine is not None else part_text(value, part)

    count = phrase.values.get("count")
    by_number = counted_templates().get(phrase.template)
    if by_number is not None and isinstance(count, Count):  # the language's plural form
        template = by_number(count.n)
    else:
        template = translated_template(phrase.template)
    return template.format(**{key: word(value) for key, value in phrase.values.items()})


def part_text(value: Any, part: Callable[[Any], str | None] | None = None) -> str:
    if isinstance(value, Phrase):
        return phrase_text(value, part)
    if isinstance(value, Joined):
        return value.separator.join(part_text(p, part) for p in value.parts)
    if isinstance(value, Day):
        return _day(value)
    if isinstance(value, Span):
        first = when.full_day(value.start)
        return first if value.start == value.end else f"{first} – {when.full_day(value.end)}"
    if isinstance(value, Count):
        return QLocale().toString(value.n)
    if isinstance(value, Country):
        return labels.country(value.code)
    if isinstance(value, Label):
        return labels.in_sentence(value.text) if value.in_sentence else labels.shown(value.text)
    if isinstance(value, date):
        return when.day(value)
    if isinstance(value, Decimal):
        places = max(0, -int(value.as_tuple().exponent))
        return QLocale().toString(float(value), "f", places)
    return str(value)


def _day(value: Day) -> str:
    if value.long:
        return when.full_day(value.on)
    if not value.year:
        return when.day_of_month(value.on)
    if value.weekday:
        return f"{when.weekday(value.on.isoweekday(), short=True)} {when.day(value.on)}"
    return when.day(value.on)


def error_text(error: BaseException) -> str:
    """An error's message in the interface's language where the service said it as a phrase
    (a refused input, problem by problem); as it is otherwise."""
    phrase = getattr(error, "phrase", None)
    if isinstance(phrase, Phrase):
        return sentence_text(phrase)
    if isinstance(error, ValidationError) and any(p.phrase for p in error.problems):
        return "; ".join(problem_text(p) for p in error.problems)
    return str(error)


class Said(Protocol):
    """A problem or warning of a service (`FieldProblem`, `OverlapWarning`, a row's problem):
    its English message, and a `phrase` attribute when the service said it as one."""

    @property
    def message(self) -> str: ...


def problem_text(problem: FieldProblem | Said) -> str:
    """A problem (a field's, a row's, a section's) in the interface's language where the
    service said it as a phrase; its message as it is otherwise."""
    phrase = getattr(problem, "phrase", None)
    return sentence_text(phrase) if isinstance(phrase, Phrase) else problem.message


def sentence_text(phrase: Phrase) -> str:
    """`phrase` as a sentence: where a translation starts with a name vipdesk gives (a party,
    a document), that name starts with a capital; a user's text (a file's name) stays as it is."""
    text = phrase_text(phrase)
    first = translated_template(phrase.template).split("}", 1)[0]
    if first.startswith("{") and isinstance(phrase.values.get(first[1:]), (Label, Phrase)):
        return text[:1].upper() + text[1:]
    return text
