"""A questionnaire's questions, answers and themes in the interface's language.

Assessments keep the English of the questionnaire they were scored on (`Flag.question`,
`ThemeScore.label`); the screens show the same question or theme from the questionnaire's
translation, found by key, and keep the English where a translation lacks it.
"""

from __future__ import annotations

from vipdesk.errors import VipdeskError
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    Flag,
    Questionnaire,
    ThemeScore,
    default_library,
)
from vipdesk.services.preparation.translated import translated
from vipdesk.ui import labels


def _both(questionnaire_id: str, version: int) -> tuple[Questionnaire, Questionnaire] | None:
    try:
        english = default_library().get(questionnaire_id, version)
        return english, translated(english, labels.language())
    except (KeyError, VipdeskError):
        return None


def question_and_answer(
    questionnaire_id: str, version: int, item_key: str, value: AnswerValue
) -> tuple[str, str]:
    """The question and the answer `value`, in the interface's language."""
    found = _both(questionnaire_id, version)
    if found is None:
        return item_key, str(value)
    item = found[1].item(item_key)
    return item.text, item.label(value)


def flag_words(questionnaire_id: str, version: int, flag: Flag) -> tuple[str, str]:
    """A flagged answer's question and answer, in the interface's language."""
    found = _both(questionnaire_id, version)
    if found is None:
        return flag.question, flag.answer
    english, local = found
    try:
        item = english.item(flag.item_key)
    except KeyError:
        return flag.question, flag.answer
    value = next((o.key for o in item.options if item.label(o.key) == flag.answer), None)
    mine = local.item(flag.item_key)
    return mine.text, (mine.label(value) if value is not None else flag.answer)


def theme_label(questionnaire_id: str, version: int, theme: ThemeScore) -> str:
    found = _both(questionnaire_id, version)
    if found is None:
        return theme.label
    return next((t.label for t in found[1].themes if t.key == theme.key), theme.label)
