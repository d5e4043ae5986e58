"""The questionnaire's layout: a theme's heading is never left alone at the foot of a page."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.helpers.pdf_tools import pdf_text
from tests.helpers.questionnaires import sample_questionnaire_form
from vipdesk.documents.questionnaire.content import Question
from vipdesk.documents.questionnaire.pdf import render_questionnaire

LAST_THEME = "Communication and tools"
FIRST_QUESTION = "The tools worked throughout"


@pytest.mark.parametrize("filler", range(8, 20))
def test_a_themes_heading_is_on_the_page_of_its_first_question(filler: int, tmp_path: Path) -> None:
    # More or fewer questions before the last theme move it to every height on the page.
    form = sample_questionnaire_form()
    scale = form.questions[0].options
    before = tuple(
        Question(f"q{n}", "work", f"Question {n} on the work?", "", "scale", scale, True)
        for n in range(filler)
    )
    last = Question("tools", "tools", f"{FIRST_QUESTION} the placement?", "", "scale", scale, True)
    form = dataclasses.replace(
        form,
        themes=(*form.themes, ("tools", LAST_THEME)),
        questions=(*before, last),
    )
    pages = pdf_text(render_questionnaire(form), tmp_path).split("\f")
    [heading_page] = [n for n, page in enumerate(pages) if LAST_THEME in page]
    [question_page] = [n for n, page in enumerate(pages) if FIRST_QUESTION in page]
    assert heading_page == question_page
