"""The readiness wizard driven as a coordinator would: name, pages, Next, resume, Finish."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWizard, QWizardPage
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.factories import make_placement, make_world
from tests.helpers.labels import visible_entities
from vipdesk.db import Database
from vipdesk.languages import ENGLISH
from vipdesk.models import ReadinessParty, ResponseStatus
from vipdesk.services.preparation.readiness import open_response, response_history, save_progress
from vipdesk.ui import labels
from vipdesk.ui.preparation.answer_inputs import ComboAnswer, RadioAnswer, TextAnswer
from vipdesk.ui.preparation.readiness_wizard import ReadinessWizard, ThemePage

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def placement_id(db: Database) -> int:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    return placement.id


def open_wizard(
    qtbot: QtBot, db: Database, placement_id: int, party: ReadinessParty = ReadinessParty.STUDENT
) -> ReadinessWizard:
    wizard = ReadinessWizard(db, placement_id, party, "")
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def press(qtbot: QtBot, wizard: ReadinessWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), f"{button.text()} is disabled on {wizard.currentPage().title()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_page(qtbot: QtBot, page: QWizardPage | None, strongest: bool = True) -> None:
    """Answer every question on a page: radios by mouse, drop-downs and text by keyboard."""
    assert isinstance(page, ThemePage)
    for block in page.blocks:
        field = block.input
        scores = [o.score for o in block.item.options]
        if isinstance(field, RadioAnswer):
            pick = scores.index(max(scores) if strongest else min(scores))
            qtbot.mouseClick(field.buttons[pick], Qt.MouseButton.LeftButton)
        elif isinstance(field, ComboAnswer):
            field.combo.setFocus()
            qtbot.keyClick(field.combo, Qt.Key.Key_End if strongest else Qt.Key.Key_Home)
        elif isinstance(field, TextAnswer):
            qtbot.keyClicks(field.edit, "Exams until 14 June.")


def first_radios(page: QWizardPage | None) -> list[QRadioButton]:
    """The radio buttons of the page's first question."""
    assert isinstance(page, ThemePage)
    field = page.blocks[0].input
    assert isinstance(field, RadioAnswer)
    return field.buttons


def test_fill_the_student_questionnaire_end_to_end(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    wizard = open_wizard(qtbot, db, placement_id)
    assert not wizard.button(NEXT).isEnabled()  # nobody named yet
    qtbot.keyClicks(wizard.intro.respondent, "Lukasz Zolc")
    press(qtbot, wizard, NEXT)
    started = open_response(db, placement_id, ReadinessParty.STUDENT)
    assert started is not None and started.respondent == "Lukasz Zolc"

    first = wizard.currentPage()
    assert isinstance(first, ThemePage) and first.theme.key == "autonomy"
    assert not wizard.button(NEXT).isEnabled()  # nothing answered on this page
    answer_page(qtbot, first)
    press(qtbot, wizard, NEXT)
    saved = open_response(db, placement_id, ReadinessParty.STUDENT)
    assert saved is not None
    assert saved.answers == {
        "plans_own_work": 5,
        "asks_for_help": 5,
        "remote_experience": "job",
        "study_stage": "master",
    }
    while isinstance(page := wizard.currentPage(), ThemePage):
        answer_page(qtbot, page, strongest=page.theme.key != "connectivity")
        press(qtbot, wizard, NEXT)

    assert wizard.currentPage() is wizard.summary
    view = wizard.summary.view
    assert view.bars["connectivity"].value() == 0
    assert "Blocked" in view.status.text()
    assert view.critical.isVisible() and "internet connection" in view.critical.text()
    assert "Solve connectivity before the start" in view.advice.text()
    with qtbot.waitSignal(wizard.completed) as done:
        press(qtbot, wizard, FINISH)
    [response] = response_history(db, placement_id)
    assert done.args == [response.id]
    assert response.status is ResponseStatus.COMPLETED
    assert response.answers["reliable_internet"] == "no"
    assert response.answers["language_level"] == "native"  # the drop-down, by keyboard
    assert response.answers["remarks"] == "Exams until 14 June."
    assert not wizard.isVisible()


def test_closing_half_way_keeps_the_answers_and_resumes_there(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    wizard = open_wizard(qtbot, db, placement_id, ReadinessParty.COMPANY)
    qtbot.keyClicks(wizard.intro.respondent, "Juergen Weiss")
    press(qtbot, wizard, NEXT)
    answer_page(qtbot, wizard.currentPage())  # tasks
    press(qtbot, wizard, NEXT)
    qtbot.mouseClick(first_radios(wizard.currentPage())[0], Qt.MouseButton.LeftButton)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # closing saves this page's answer too
    assert not wizard.isVisible()

    again = open_wizard(qtbot, db, placement_id, ReadinessParty.COMPANY)
    assert again.intro.respondent.text() == "Juergen Weiss"
    page = again.currentPage()
    assert isinstance(page, ThemePage) and page.theme.key == "mentoring_capacity"
    assert page.answers()["mentor_time"] == "yes"
    assert page.answers()["reply_within_a_day"] is None
    assert not again.button(NEXT).isEnabled()  # still unanswered questions here
    again.back()
    tasks = again.currentPage()
    assert isinstance(tasks, ThemePage) and tasks.theme.key == "tasks"
    assert tasks.answers()["real_tasks"] == "yes"
    press(qtbot, again, NEXT)  # back and forth: answers and the enabled Next stay
    answer_page(qtbot, page)
    again.back()
    press(qtbot, again, NEXT)
    assert again.currentPage() is page and again.button(NEXT).isEnabled()


def test_a_save_by_someone_else_is_shown_not_overwritten(
    qtbot: QtBot, db: Database, placement_id: int, message_boxes: MessageBoxes
) -> None:
    wizard = open_wizard(qtbot, db, placement_id, ReadinessParty.INSTITUTION)
    qtbot.keyClicks(wizard.intro.respondent, "Eleni")
    press(qtbot, wizard, NEXT)
    state = wizard.response
    assert state is not None
    save_progress(db, state.id, state.version, {"outcomes_defined": "no"}, user="ben")
    answer_page(qtbot, wizard.currentPage())
    press(qtbot, wizard, NEXT)
    assert any("changed by ben" in text for text in message_boxes.texts())
    page = wizard.currentPage()
    assert isinstance(page, ThemePage) and page.theme.key == "learning_outcomes"
    assert page.answers()["outcomes_defined"] == "no"  # theirs, shown to check
    answer_page(qtbot, page)
    press(qtbot, wizard, NEXT)  # now on top of their version
    stored = open_response(db, placement_id, ReadinessParty.INSTITUTION)
    assert stored is not None and stored.answers["outcomes_defined"] == "yes"


def test_a_finished_questionnaire_opens_a_new_one(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    wizard = open_wizard(qtbot, db, placement_id, ReadinessParty.COMPANY)
    qtbot.keyClicks(wizard.intro.respondent, "Ana")
    press(qtbot, wizard, NEXT)
    while isinstance(page := wizard.currentPage(), ThemePage):
        answer_page(qtbot, page)
        press(qtbot, wizard, NEXT)
    assert "Ready" in wizard.summary.view.status.text()
    press(qtbot, wizard, FINISH)
    again = open_wizard(qtbot, db, placement_id, ReadinessParty.COMPANY)
    assert again.response is None and again.currentPage() is again.intro


def test_answering_does_not_leak_references_to_true(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    """PySide6 6.12 drops a reference to True/False per call of a Python isComplete(); after
    enough pages the interpreter aborts at exit. The wizard must not depend on it."""
    wizard = open_wizard(qtbot, db, placement_id)
    qtbot.keyClicks(wizard.intro.respondent, "Ana")
    press(qtbot, wizard, NEXT)
    buttons = first_radios(wizard.currentPage())
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(200):
        buttons[n % 2].click()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after[0] >= before[0] - 10 and after[1] >= before[1] - 10


def test_a_page_can_be_answered_with_the_keyboard_alone(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    wizard = open_wizard(qtbot, db, placement_id, ReadinessParty.INSTITUTION)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)

    def key(k: Qt.Key) -> None:
        qtbot.keyClick(QApplication.focusWidget(), k)

    qtbot.keyClicks(wizard.intro.respondent, "Eleni")
    key(Qt.Key.Key_Return)  # Next is the default button
    page = wizard.currentPage()
    assert isinstance(page, ThemePage)
    assert QApplication.focusWidget() is first_radios(page)[0]
    key(Qt.Key.Key_Space)  # yes
    key(Qt.Key.Key_Tab)  # to the scale of question 2
    key(Qt.Key.Key_Space)
    for _ in range(3):
        key(Qt.Key.Key_Right)  # and up to "4 · Mostly true"
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Right)
    assert page.answers() == {
        "outcomes_defined": "yes",
        "outcomes_reachable_virtually": 4,
        "tasks_match_outcomes": 2,
    }
    key(Qt.Key.Key_Return)
    stored = open_response(db, placement_id, ReadinessParty.INSTITUTION)
    assert stored is not None and stored.answers["outcomes_reachable_virtually"] == 4


@pytest.mark.parametrize("party", list(ReadinessParty))
def test_questions_and_their_help_show_no_entities(
    qtbot: QtBot, db: Database, placement_id: int, party: ReadinessParty
) -> None:
    wizard = open_wizard(qtbot, db, placement_id, party)
    for page_id in wizard.pageIds():
        assert visible_entities(wizard.page(page_id)) == [], wizard.page(page_id).title()


def test_the_questions_are_asked_in_the_interface_language_and_stored_by_key(
    qtbot: QtBot, db: Database, placement_id: int
) -> None:
    english = open_wizard(qtbot, db, placement_id).questionnaire
    labels.use_language("de")
    try:
        german = open_wizard(qtbot, db, placement_id).questionnaire
    finally:
        labels.use_language(ENGLISH)
    assert german.language == "de" and german.title != english.title
    assert [i.key for i in german.items] == [i.key for i in english.items]
    assert german.items[0].text != english.items[0].text
