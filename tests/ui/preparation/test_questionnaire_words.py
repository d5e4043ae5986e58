"""A flagged answer, a low theme and a finding's question shown in the interface's language,
from the questionnaire's translation (the assessment keeps the English)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from vipdesk.languages import ENGLISH
from vipdesk.services.preparation.questionnaires import assess, default_library
from vipdesk.ui import labels
from vipdesk.ui.preparation.questionnaire_words import flag_words, question_and_answer, theme_label


@pytest.fixture
def german() -> Iterator[None]:
    labels.use_language("de")
    yield
    labels.use_language(ENGLISH)


def test_a_flag_and_a_low_theme_read_in_german(german: None) -> None:
    company = default_library().get("company", 1)
    assessment = assess(company, {"real_tasks": "no"})
    flag = next(f for f in assessment.critical if f.item_key == "real_tasks")
    question, answer = flag_words("company", 1, flag)
    assert question.startswith("Haben Sie Aufgaben") and answer == "Nein"
    low = next(t for t in assessment.themes if t.key == "tasks")
    assert theme_label("company", 1, low) == "Aufgaben und Projekt"
    assert question_and_answer("company", 1, "real_tasks", "no")[1] == "Nein"


def test_in_english_and_for_an_unknown_questionnaire_the_stored_english_stays() -> None:
    company = default_library().get("company", 1)
    flag = next(f for f in assess(company, {"real_tasks": "no"}).critical)
    assert flag_words("company", 1, flag) == (flag.question, flag.answer)
    assert flag_words("no_such_questionnaire", 1, flag) == (flag.question, flag.answer)
