"""Questionnaires in the respondent's language: the translations beside the English files.

A translation of `<id>.v<version>.json` is `<id>.v<version>.<language>.json`: the same file with
its texts (title, introduction, themes, questions, help, advice, answer labels) in that
language and everything else (keys, kinds, weights, scores, critical flags) unchanged. Answers
are stored by key, so a response scores the same whatever language it was given in. A language
without a translation of a questionnaire gets the English one.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache

from vipdesk.documents.questionnaire.content import pdf_words
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH, check_language
from vipdesk.phrase import Count, Phrase
from vipdesk.resources import resources_dir
from vipdesk.services.preparation.questionnaires import (
    ItemType,
    Questionnaire,
    default_library,
    parse_questionnaire,
)


def translated(english: Questionnaire, language: str) -> Questionnaire:
    """`english` in `language`, or `english` itself when it has no translation.

    Raises:
        VipdeskError: the translation's structure differs from the English file's.
    """
    code = check_language(language, "Questionnaires")
    if code == ENGLISH:
        return english
    return _translated(english.id, english.version, code)


@lru_cache(maxsize=256)
def _translated(questionnaire_id: str, version: int, language: str) -> Questionnaire:
    english = default_library().get(questionnaire_id, version)
    name = f"{questionnaire_id}.v{version}.{language}.json"
    path = resources_dir() / "questionnaires" / name
    if not path.is_file():
        return english
    try:
        parsed = parse_questionnaire(json.loads(path.read_text(encoding="utf-8")), name)
    except (ValueError, KeyError, TypeError) as exc:
        # The reason is the parser's own (a key, a value): a shipped file is broken.
        raise VipdeskError.said(
            "The questionnaire translation {name} cannot be read: {reason}", name=name, reason=exc
        ) from exc
    words = pdf_words(language)
    yes_no = (words["yes"], words["no"])  # the files leave them out: vipdesk names them
    items = tuple(
        replace(item, options=tuple(
            replace(option, label=text) for option, text in zip(item.options, yes_no, strict=True)
        ))
        if item.type is ItemType.YES_NO
        else item
        for item in parsed.items
    )  # fmt: skip
    parsed = replace(parsed, items=items, language=language)
    difference = first_difference(english, parsed)
    if difference is not None:
        raise VipdeskError.said(
            "The questionnaire translation {name} does not match its English file: {difference}.",
            name=name,
            difference=difference,
        )
    return parsed


def first_difference(english: Questionnaire, other: Questionnaire) -> Phrase | None:
    """What first differs between two questionnaires besides their texts (None: nothing)."""
    if (english.id, english.version, english.party) != (other.id, other.version, other.party):
        return Phrase("its id, version or party")
    if [t.key for t in english.themes] != [t.key for t in other.themes]:
        return Phrase("its themes")
    if len(english.items) != len(other.items):
        return Phrase(
            "{found} questions instead of {expected}",
            {"found": Count(len(other.items)), "expected": Count(len(english.items))},
        )
    for ours, theirs in zip(english.items, other.items, strict=True):
        same = (
            ours.key == theirs.key
            and ours.theme == theirs.theme
            and ours.type is theirs.type
            and ours.weight == theirs.weight
            and ours.critical == theirs.critical
            and ours.required == theirs.required
            and ours.weak_below == theirs.weak_below
            and [(o.key, o.score) for o in ours.options]
            == [(o.key, o.score) for o in theirs.options]
        )
        if not same:
            return Phrase("question '{key}'", {"key": ours.key})
    return None
