"""The language a report is written in: its sheet names, headers, summaries and chart titles.

The reports' texts are English in the code. `resources/reports/<language>.json` gives, for each
language but English, the translation of every such text; a text with figures in it is a
template (`"{count} placements"`) whose placeholders the translation keeps. The language is
chosen per export (`report_language`, around the writing of one workbook) and looked up by `t`,
so that the report modules need not hand it from function to function. Numbers and dates in
running text are formatted for the language by babel; in cells they stay numbers and dates.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from vipdesk.languages import ENGLISH, check_language
from vipdesk.phrase import Count, Country, Day, Joined, Label, Phrase, english
from vipdesk.resources import load_json


@dataclass(frozen=True)
class _Catalogue:
    language: str
    texts: Mapping[str, str]
    missing: set[str] | None  # texts asked for that the catalogue lacks, when collected


_ENGLISH = _Catalogue(ENGLISH, {}, None)
_CURRENT: contextvars.ContextVar[_Catalogue | None] = contextvars.ContextVar(
    "report_language", default=None
)


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """The translations of `language` by English text (none for English)."""
    if language == ENGLISH:
        return {}
    texts: dict[str, str] = load_json(f"reports/{language}.json")
    return texts


@contextmanager
def report_language(language: str, *, missing: set[str] | None = None) -> Iterator[None]:
    """Write the reports made inside the block in `language`; texts the catalogue lacks are
    added to `missing` when given (the tests check that none are), or to the set of an
    enclosing block's."""
    code = check_language(language, "Reports")
    outer = _CURRENT.get()
    if missing is None and outer is not None:
        missing = outer.missing
    token = _CURRENT.set(_Catalogue(code, catalogue(code), missing))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current_language() -> str:
    return (_CURRENT.get() or _ENGLISH).language


def _locale() -> str:
    """babel's locale of the report's language: British English for English, as Europe
    writes it ("4 March 2026", not "March 4, 2026")."""
    language = current_language()
    return "en_GB" if language == ENGLISH else language


class Text(str):
    """A text already in the report's language: `t` gives it back as it is, so that a helper
    may translate whatever it is handed, English or already translated."""

    __slots__ = ()


def t(text: str, **values: Any) -> Text:
    """`text` in the report's language, with `values` put into its placeholders.

    A text the catalogue lacks stays English (and is noted when the caller collects misses).
    """
    if type(text) is Text:
        return text
    found = _CURRENT.get() or _ENGLISH
    translated = found.texts.get(text)
    if translated is None:
        translated = text
        if found.missing is not None and found.language != ENGLISH:
            found.missing.add(text)
    return Text(translated.format(**values) if values else translated)


def label(text: str) -> Text:
    """`text` in the report's language if the catalogue has it, else as it is: for values that
    are sometimes fixed labels and sometimes what a user typed (a filter's setting), and for
    the Programme Guide's rules, cited in its own words."""
    return Text((_CURRENT.get() or _ENGLISH).texts.get(text, text))


def number(value: float | int, decimals: int = 0) -> str:
    """A number in running text as the language writes it: "1,234" in English, "1.234" in
    German, "1 234" in Polish."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_locale()))


def day(value: date) -> str:
    """A date in running text: "4 December 2026", "4. Dezember 2026"."""
    return str(format_date(value, format="long", locale=_locale()))


def moment(value: datetime) -> str:
    """A date and time in running text, to the minute: "4 December 2026, 09:30"."""
    return f"{day(value.date())}, {value:%H:%M}"


def said(phrase: Phrase) -> Text:
    """A sentence a service kept as a phrase (why a cost was not counted), in the report's
    language: its template from the catalogue, each part worded for the language. In English
    it reads as the service says it."""
    if current_language() == ENGLISH:
        return Text(phrase.english())
    return t(phrase.template, **{key: _part(value) for key, value in phrase.values.items()})


def _part(value: Any) -> str:
    if isinstance(value, Phrase):
        return said(value)
    if isinstance(value, Joined):
        return value.separator.join(_part(p) for p in value.parts)
    if isinstance(value, Day):
        return str(format_date(value.on, format="long" if value.long else "medium",
                               locale=_locale()))  # fmt: skip
    if isinstance(value, date):
        return str(format_date(value, format="medium", locale=_locale()))
    if isinstance(value, Count):
        return number(value.n)
    if isinstance(value, Decimal):
        return number(float(value), max(0, -int(value.as_tuple().exponent)))
    if isinstance(value, Label):
        named = label(value.text)
        return named.lower() if value.in_sentence and current_language() != "de" else named
    if isinstance(value, Country):
        return str(_territories(current_language()).get(value.code, value.name))
    return english(value)


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)
