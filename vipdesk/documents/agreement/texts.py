"""The agreement's wording, shipped as data in resources/agreement/texts.<language>.json.

Each file holds the default texts of a new agreement and, under "labels", every fixed heading,
label and sentence of the agreement PDF, in one language (the same keys in every file). The
language of the agreement being written is set around its rendering (`agreement_language`) and
looked up by `label`, so that the layout functions need not hand it on; outside such a block
the texts are English, as an agreement stored before languages existed was.

A bilingual agreement ("en+de") is written in the other language with each fixed heading and
label followed by its English ("Die Parteien / The parties"); what people entered stays once.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH, check_language
from vipdesk.resources import load_json

_CURRENT: contextvars.ContextVar[tuple[str, bool]] = contextvars.ContextVar(
    "agreement_language", default=(ENGLISH, False)
)


def document_language(language: str) -> str:
    """`language` checked: a code ("de"), or English and another for a bilingual agreement
    ("en+de", also written "de+en" or "de + EN"), as the agreement stores it.

    Raises:
        VipdeskError: vipdesk has no such language, or a pair is not English and another.
    """
    parts = [check_language(part, "Agreements") for part in language.split("+")]
    if len(parts) == 1:
        return parts[0]
    others = [part for part in parts if part != ENGLISH]
    if len(parts) != 2 or len(others) != 1:
        raise VipdeskError(
            f"A bilingual agreement is English and one other language (en+de), not '{language}'."
        )
    return f"{ENGLISH}+{others[0]}"


@cache
def agreement_texts(language: str = ENGLISH) -> dict[str, Any]:
    """The texts of `language` (resources/agreement/texts.<language>.json). Callers must not
    change the dictionary: it is shared."""
    texts: dict[str, Any] = load_json(f"agreement/texts.{language}.json")
    return texts


@contextmanager
def agreement_language(language: str) -> Iterator[str]:
    """Write the agreement documents rendered inside the block in `language` (a code).

    Raises:
        VipdeskError: vipdesk has no such language.
    """
    code = document_language(language)
    bilingual = "+" in code
    token = _CURRENT.set((code.split("+")[-1], bilingual))
    try:
        yield code
    finally:
        _CURRENT.reset(token)


def current_language() -> str:
    """The language dates, numbers and the fixed texts are written in (of a bilingual
    agreement, the other than English)."""
    return _CURRENT.get()[0]


def bilingual() -> bool:
    """Whether the fixed texts are followed by their English."""
    return _CURRENT.get()[1]


def _labels(language: str) -> Mapping[str, str]:
    labels: Mapping[str, str] = agreement_texts(language)["labels"]
    return labels


def label(key: str, **values: object) -> str:
    """The fixed text `key` in the current language, its placeholders filled from `values`."""
    language, twice = _CURRENT.get()
    text = _labels(language)[key]
    if values:
        return text.format(**values)  # with values in it: once, not repeated in English
    english = _labels(ENGLISH)[key]
    return f"{text} / {english}" if twice and english != text else text


def label_once(key: str, **values: object) -> str:
    """`label` in the current language only, even in a bilingual document: for words inside
    a value ("Deliverable: …"), where the English beside each would only clutter."""
    text = _labels(_CURRENT.get()[0])[key]
    return text.format(**values) if values else text


def label_both(key: str, **values: object) -> str:
    """`label` with its English after it in a bilingual document, placeholders filled in
    both: for a title that carries a number ("Amendment 1 …")."""
    language, twice = _CURRENT.get()
    text = _labels(language)[key].format(**values)
    english = _labels(ENGLISH)[key].format(**values)
    return f"{text} / {english}" if twice and english != text else text


_CAPITAL_NOUNS = frozenset({"de"})  # languages whose nouns keep their capital in a sentence


def in_sentence(text: str) -> str:
    """A label inside a sentence: its first letter lower-case, unless the language writes
    its nouns with a capital."""
    if not text or current_language() in _CAPITAL_NOUNS:
        return text
    return text[0].lower() + text[1:]
