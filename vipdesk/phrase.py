"""A sentence kept as what it says, so that each reader gets it in their language.

The services and the documents write for the command line in English; the interface words the
same sentence in its own language. A `Phrase` is an English template ("Cost {cost} removed")
and the parts that fill it: text as stored (names, notes), numbers, and parts that know their
own English (`english()`: another phrase, a stored value, a named thing). The interface keeps
every template in its catalogue (a test compares both sides) and words each part itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
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
class Label:
    """A name vipdesk keeps in English (a grading scale: "Pass / fail"), shown as the reader's
    interface shows it on its own."""

    text: str
    in_sentence: bool = False  # inside a sentence: "company mentor" in English

    def english(self) -> str:
        return self.text.lower() if self.in_sentence else self.text
