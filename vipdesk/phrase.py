"""A sentence kept as what it says, so that each reader gets it in their language.

The services and the documents write for the command line in English; the interface words the
same sentence in its own language. A `Phrase` is an English template ("Cost {cost} removed")
and the parts that fill it: text as stored (names, notes), numbers, and parts that know their
own English (`english()`: another phrase, a stored value, a named thing). The interface keeps
every template in its catalogue (a test compares both sides) and words each part itself.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Phrase:
    """An English template and what fills it."""

    template: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return self.template.format(**{k: english(v) for k, v in self.values.items()})


def english(part: Any) -> str:
    """A part of a sentence in English: its own `english()`, else its text."""
    worded = getattr(part, "english", None)
    return str(worded()) if callable(worded) else str(part)


@dataclass(frozen=True)
class Day:
    """A day inside a sentence: "4 Dec 2026" in English, the reader's own way elsewhere."""

    on: date
    padded: bool = False  # "04 Dec 2026"
    long: bool = False  # "4 December 2026"
    weekday: bool = False  # "Fri 04 Dec 2026"
    year: bool = True  # False: "04 Dec"

    def english(self) -> str:
        if self.long:
            return f"{self.on.day} {self.on:%B %Y}"
        if not self.year:
            return f"{self.on:%d %b}"
        if self.weekday:
            return f"{self.on:%a %d %b %Y}"
        return f"{self.on:%d %b %Y}" if self.padded else f"{self.on.day} {self.on:%b %Y}"


@dataclass(frozen=True)
class Span:
    """From a first to a last day, written in full: one day when both are the same."""

    start: date
    end: date

    def english(self) -> str:
        first = Day(self.start, long=True).english()
        if self.start == self.end:
            return first
        return f"{first} – {Day(self.end, long=True).english()}"


@dataclass(frozen=True)
class Joined:
    """Several parts in a row, with a separator between them ("; ")."""

    parts: tuple[Any, ...]
    separator: str = "; "

    def english(self) -> str:
        return self.separator.join(english(p) for p in self.parts)


@dataclass(frozen=True)
class Count:
    """A whole number grouped for reading: "5,000" in English, "5.000" in German."""

    n: int

    def english(self) -> str:
        return f"{self.n:,}"


@dataclass(frozen=True)
class Country:
    """A country inside a sentence, by its ISO code: its English name here, the reader's
    language's name in the interface (`vipdesk.services.refdata.country` makes one)."""

    code: str
    name: str  # in English

    def english(self) -> str:
        return self.name


@dataclass(frozen=True)
class Label:
    """A name vipdesk keeps in English (a grading scale: "Pass / fail"), shown as the reader's
    interface shows it on its own."""

    text: str
    in_sentence: bool = False  # inside a sentence: "company mentor" in English

    def english(self) -> str:
        return self.text.lower() if self.in_sentence else self.text


# --- kept in the database ---------------------------------------------------------------------
# A sentence stored with its record (why a message failed) is kept as its template and parts,
# so that each coordinator who reads it later gets it in their own language. Each kind of part
# is written under a tag; a text or a whole number as it is.

_PARTS: dict[str, type] = {
    "phrase": Phrase,
    "day": Day,
    "span": Span,
    "joined": Joined,
    "count": Count,
    "label": Label,
    "country": Country,
}


def phrase_json(phrase: Phrase) -> str:
    """`phrase` as JSON text, to store; `stored_phrase` reads it back."""
    return json.dumps(_encoded(phrase), ensure_ascii=False, sort_keys=True)


def stored_phrase(text: str | None) -> Phrase | None:
    """A phrase stored by `phrase_json`; None for none, or for text that is not one (written by
    an older vipdesk, or damaged): the caller then shows the English text stored beside it."""
    if not text:
        return None
    try:
        found = _decoded(json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError):
        return None
    return found if isinstance(found, Phrase) else None


def _encoded(part: Any) -> Any:
    if isinstance(part, str | bool | int):
        return part
    if isinstance(part, Decimal):
        return {"decimal": str(part)}
    if isinstance(part, date):
        return {"date": part.isoformat()}
    if isinstance(part, Phrase):
        values = {str(key): _encoded(value) for key, value in part.values.items()}
        return {"phrase": {"template": part.template, "values": values}}
    if isinstance(part, tuple | list):
        return [_encoded(p) for p in part]
    for tag, kind in _PARTS.items():
        if isinstance(part, kind):
            return {tag: {f.name: _encoded(getattr(part, f.name)) for f in fields(kind)}}
    raise TypeError(f"A {type(part).__name__} cannot be stored in a phrase.")


def _decoded(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decoded(v) for v in value)
    if not isinstance(value, dict):
        return value
    ((tag, inner),) = value.items()  # a tagged part: one key (ValueError otherwise)
    if tag == "decimal":
        return Decimal(inner)
    if tag == "date":
        return date.fromisoformat(inner)
    if tag == "phrase":
        values = {str(key): _decoded(v) for key, v in inner["values"].items()}
        return Phrase(str(inner["template"]), values)
    return _PARTS[tag](**{key: _decoded(v) for key, v in inner.items()})
