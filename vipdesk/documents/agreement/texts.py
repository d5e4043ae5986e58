"""The agreement's wording, shipped as data in resources/agreement/texts.<language>.json.

Each file holds the default texts of a new agreement and, under "labels", every fixed heading,
label and sentence of the agreement PDF, in one language (the same keys in every file). The
language of the agreement being written is set around its rendering (`agreement_language`) and
looked up by `label`, so that the layout functions need not hand it on; outside such a block
the texts are English, as an agreement stored before languages existed was.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

from vipdesk.languages import ENGLISH, check_language
from vipdesk.resources import load_json

_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar(
    "agreement_language", default=ENGLISH
)


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
    code = check_language(language, "Agreements")
    token = _CURRENT.set(code)
    try:
        yield code
    finally:
        _CURRENT.reset(token)


def current_language() -> str:
    return _CURRENT.get()


def _labels(language: str) -> Mapping[str, str]:
    labels: Mapping[str, str] = agreement_texts(language)["labels"]
    return labels


def label(key: str, **values: object) -> str:
    """The fixed text `key` in the current language, its placeholders filled from `values`."""
    text = _labels(_CURRENT.get())[key]
    return text.format(**values) if values else text
