"""Sentences whose count decides their words ("1 placement", "2 placements", Polish "5
praktyk"), in the interface's language with its own plural forms.

The services say such a sentence with one English template per English number form
("{count} placement", "{count} placements") or with "(s)"; a language with three forms
(Polish) or with a case after numbers (Finnish) needs Qt's numerus translations instead. Each
template here maps to the `%Ln` text the catalogue translates by number; the English forms
read as the services' own English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from vipdesk.ui.i18n import tr


@cache
def counted_templates() -> dict[str, Callable[[int], str]]:
    """English template → its text for a number, from the catalogue (`{count}` already in)."""

    def placements(n: int) -> str:
        return tr("%Ln placement(s)", "", n)

    def students(n: int) -> str:
        return tr("%Ln student(s)", "", n)

    def contacts(n: int) -> str:
        return tr("%Ln contact(s)", "", n)

    def questions(n: int) -> str:
        return tr("%Ln question(s) still need an answer, the first: “{question}”", "", n)

    return {
        "{count} placement": placements,
        "{count} placements": placements,
        "{count} student": students,
        "{count} students": students,
        "{count} contact": contacts,
        "{count} contacts": contacts,
        "{count} question(s) still need an answer, the first: “{question}”": questions,
    }
