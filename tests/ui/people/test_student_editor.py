"""The student editor end to end: fill it in, save, and check the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import Button, MessageBoxes
from tests.helpers.people_data import make_institution, make_student
from vipdesk.db import Database
from vipdesk.errors import DatabaseUnavailableError
from vipdesk.services.people.equity import EquityForm, load_equity, save_equity
from vipdesk.services.people.lists import student_rows
from vipdesk.services.people.students import load_student, save_student
from vipdesk.ui.people import student_editor
from vipdesk.ui.people.student_editor import StudentEditor


def open_editor(qtbot: QtBot, db: Database, student_id: int | None = None) -> StudentEditor:
    editor = StudentEditor(db, student_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def fill_required(editor: StudentEditor) -> None:
    editor.given_name.setText("Łukasz")
    editor.family_name.setText("Żółć")
    editor.email.setText(" Lukasz.Zolc@UW.edu.pl ")
    editor.timezone.set_current_data("Europe/Warsaw")


def save(qtbot: QtBot, editor: StudentEditor) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


def test_create_a_student(qtbot: QtBot, db: Database) -> None:
    inst = make_institution(db, name="Uniwersytet Warszawski")
    editor = open_editor(qtbot, db)
    assert editor.windowTitle() == "New student"
    fill_required(editor)
    editor.student_number.setText("290001")
    editor.date_of_birth.line.setText("5.4.2003")
    editor.nationality.set_current_data("PL")
    editor.study_cycle.setCurrentIndex(editor.study_cycle.findData(7))
    editor.programme.setText("MSc Management")
    editor.institution.set_current_id(inst.id)
    qtbot.mouseClick(editor.languages.add_button, Qt.MouseButton.LeftButton)
    language = editor.languages.table.item(0, 0)
    assert language is not None
    language.setText("English")
    level = editor.languages.table.cellWidget(0, 1)
    assert isinstance(level, QComboBox)
    level.setCurrentIndex(level.findData("C1"))
    save(qtbot, editor)

    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.saved_id is not None
    stored = load_student(db, editor.saved_id)
    assert (stored.given_name, stored.family_name) == ("Łukasz", "Żółć")
    assert stored.email == "lukasz.zolc@uw.edu.pl"
    assert stored.date_of_birth == date(2003, 4, 5)
    assert (stored.nationality, stored.study_cycle, stored.institution_id) == ("PL", 7, inst.id)
    assert stored.languages == [("English", "C1")]
    assert load_equity(db, editor.saved_id) == EquityForm(editor.saved_id)


def test_invalid_email_shows_a_message_and_saves_nothing(qtbot: QtBot, db: Database) -> None:
    editor = open_editor(qtbot, db)
    fill_required(editor)
    editor.email.setText("lukasz.zolc@")
    save(qtbot, editor)
    error = editor._errors["email"]
    assert error.isVisible()
    assert "not an e-mail address" in error.text()
    assert not editor._errors["given_name"].isVisible()
    assert editor.isVisible() and editor.saved_id is None
    assert student_rows(db) == []


def test_unreadable_inputs_are_named_beside_their_fields(qtbot: QtBot, db: Database) -> None:
    editor = open_editor(qtbot, db)
    fill_required(editor)
    editor.date_of_birth.line.setText("31.02.2003")
    editor.nationality.setEditText("Narnia")
    save(qtbot, editor)
    assert "is not a date" in editor._errors["date_of_birth"].text()
    assert "'Narnia' is not in the list" in editor._errors["nationality"].text()
    assert student_rows(db) == []


def test_duplicate_email_is_shown_beside_the_field(qtbot: QtBot, db: Database) -> None:
    make_student(db, given_name="Олена", family_name="Коваленко", email="lukasz.zolc@uw.edu.pl")
    editor = open_editor(qtbot, db)
    fill_required(editor)
    save(qtbot, editor)
    assert editor._errors["email"].text() == (
        "Another student already uses this e-mail (Олена Коваленко)."
    )
    assert len(student_rows(db)) == 1


def test_language_problems_are_listed_under_languages(qtbot: QtBot, db: Database) -> None:
    editor = open_editor(qtbot, db)
    fill_required(editor)
    editor.languages.set_languages([("English", "B2"), ("english", "C1"), ("German", "")])
    save(qtbot, editor)
    text = editor._errors["languages"].text()
    assert "english is listed twice." in text and "German: choose a level" in text


def test_remove_a_language(qtbot: QtBot, db: Database) -> None:
    student = make_student(db, languages=[("English", "B2"), ("Polish", "native")])
    editor = open_editor(qtbot, db, student.id)
    editor.languages.table.setCurrentCell(0, 0)
    qtbot.mouseClick(editor.languages.remove_button, Qt.MouseButton.LeftButton)
    save(qtbot, editor)
    assert student.id is not None
    assert load_student(db, student.id).languages == [("Polish", "native")]


def test_cancel_without_changes_closes_without_asking(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    student = make_student(db, languages=[("English", "B2")], nationality="PL", study_cycle=6)
    editor = open_editor(qtbot, db, student.id)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert message_boxes.shown == []
    assert not editor.isVisible()


def test_unsaved_changes_guard(qtbot: QtBot, db: Database, message_boxes: MessageBoxes) -> None:
    student = make_student(db)
    editor = open_editor(qtbot, db, student.id)
    editor.programme.setText("MSc Finance")
    message_boxes.answers = [Button.Cancel, Button.Cancel]  # Escape, then the close button
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert message_boxes.texts("question") == ["Discard your changes?"]
    assert editor.isVisible()
    editor.close()  # the window's close button goes the same way
    assert editor.isVisible() and len(message_boxes.texts("question")) == 2
    message_boxes.answers.append(Button.Discard)
    editor.reject()
    assert not editor.isVisible()
    assert student.id is not None
    assert load_student(db, student.id).programme == ""


def test_conflict_keep_mine_overwrites(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    student = make_student(db)
    editor = open_editor(qtbot, db, student.id)
    save_student(db, replace(student, programme="Changed by Bob"), "bob")
    editor.family_name.setText("Nowak-Kowalska")
    message_boxes.exec_answer = Button.No  # "Keep mine"
    save(qtbot, editor)
    assert message_boxes.texts("exec") == ["This student was changed by bob after you opened it."]
    assert "differs in: Family name, Programme." in message_boxes.texts("exec-details")[0]
    assert editor.result() == QDialog.DialogCode.Accepted
    assert student.id is not None
    stored = load_student(db, student.id)
    assert (stored.family_name, stored.programme) == ("Nowak-Kowalska", "")


def test_conflict_reload_shows_theirs(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    student = make_student(db)
    editor = open_editor(qtbot, db, student.id)
    save_student(db, replace(student, programme="Changed by Bob"), "bob")
    editor.family_name.setText("Mine")
    message_boxes.exec_answer = Button.Yes  # "Reload (discard mine)"
    save(qtbot, editor)
    assert editor.isVisible()
    assert (editor.programme.text(), editor.family_name.text()) == ("Changed by Bob", "Nowak")
    assert not editor.is_dirty()
    save(qtbot, editor)  # saving their version now is no conflict
    assert editor.result() == QDialog.DialogCode.Accepted


def test_conflict_cancel_keeps_editing(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    student = make_student(db)
    editor = open_editor(qtbot, db, student.id)
    save_student(db, replace(student, programme="Changed by Bob"), "bob")
    editor.family_name.setText("Mine")
    message_boxes.exec_answer = Button.Cancel
    save(qtbot, editor)
    assert editor.isVisible() and editor.family_name.text() == "Mine"


def test_database_unavailable_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(*_args: object, **_kwargs: object) -> None:
        raise DatabaseUnavailableError("The database cannot be reached; nothing was lost.")

    monkeypatch.setattr("vipdesk.ui.people.student_editor.save_student", unreachable)
    editor = open_editor(qtbot, db)
    fill_required(editor)
    save(qtbot, editor)
    assert message_boxes.texts("warning") == ["The database cannot be reached; nothing was lost."]
    assert editor.isVisible() and editor.given_name.text() == "Łukasz"


def test_equity_flags_load_only_when_opened_and_save_apart(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    student = make_student(db)
    assert student.id is not None
    calls: list[int] = []

    def counted(database: Database, student_id: int) -> EquityForm:
        calls.append(student_id)
        return load_equity(database, student_id)

    monkeypatch.setattr(student_editor, "load_equity", counted)
    editor = open_editor(qtbot, db, student.id)
    assert not editor.equity.content.isVisible() and calls == []
    editor.equity.set_expanded(True)
    assert calls == [student.id] and editor.equity.content.isVisible()
    editor.equity.boxes["disability"].setChecked(True)
    editor.equity.note.setPlainText("Needs a screen reader")
    assert editor.is_dirty()
    save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert load_equity(db, student.id) == EquityForm(
        student.id, disability=True, note="Needs a screen reader"
    )
    assert load_student(db, student.id).programme == student.programme  # details untouched


def test_equity_of_a_new_student_is_saved_with_it(qtbot: QtBot, db: Database) -> None:
    editor = open_editor(qtbot, db)
    fill_required(editor)
    editor.equity.set_expanded(True)
    editor.equity.boxes["fewer_opportunities"].setChecked(True)
    save(qtbot, editor)
    assert editor.saved_id is not None
    assert load_equity(db, editor.saved_id).fewer_opportunities


def test_screenshot(qtbot: QtBot, db: Database, tmp_path: Any) -> None:
    """Renders with real data (kept in tmp_path; look at it when changing the layout)."""
    student = make_student(
        db, given_name="Ελένη", family_name="Παπαδοπούλου", languages=[("Greek", "native")]
    )
    editor = open_editor(qtbot, db, student.id)
    editor.equity.set_expanded(True)
    assert editor.grab().save(str(tmp_path / "student_editor.png"))
    assert editor.windowTitle() == "Student: Ελένη Παπαδοπούλου"


def test_new_institution_from_the_picker_is_chosen(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = make_institution(db, name="Uniwersytet Jagielloński")

    class FakeInstitutionEditor:
        """Stands in for the modal editor: 'the user created one and pressed Save'."""

        def __init__(self, *_args: object, **_kwargs: object) -> None:
            self.saved_id = created.id

        def exec(self) -> int:
            return int(QDialog.DialogCode.Accepted.value)

    editor = open_editor(qtbot, db)
    monkeypatch.setattr("vipdesk.ui.people.student_editor.InstitutionEditor", FakeInstitutionEditor)
    qtbot.mouseClick(editor.institution.new_button, Qt.MouseButton.LeftButton)
    assert editor.institution.current_id() == created.id
    assert editor.institution.combo.currentText() == "Uniwersytet Jagielloński · Poland"


def _open_with_equity(qtbot: QtBot, db: Database) -> tuple[StudentEditor, int]:
    student = make_student(db)
    assert student.id is not None
    editor = open_editor(qtbot, db, student.id)
    editor.equity.set_expanded(True)
    return editor, student.id


def test_equity_saved_by_a_colleague_meanwhile_is_a_conflict_that_keeps_mine_typed(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    """Issue 19: a coordinator's save of the flags silently reset a colleague's."""
    editor, student_id = _open_with_equity(qtbot, db)
    theirs = replace(load_equity(db, student_id), disability=True)
    save_equity(db, theirs, "bob")
    editor.equity.boxes["working_or_carer"].setChecked(True)
    editor.equity.note.setPlainText("Works 20 hours a week")
    message_boxes.exec_answer = Button.Cancel  # "back to editing"
    save(qtbot, editor)
    assert message_boxes.texts("exec") == ["This student was changed by bob after you opened it."]
    assert editor.isVisible()
    assert editor.equity.value(student_id) == EquityForm(
        student_id, working_or_carer=True, note="Works 20 hours a week"
    )  # what I typed is still there
    assert load_equity(db, student_id) == EquityForm(student_id, disability=True)  # theirs kept

    message_boxes.exec_answer = Button.No  # "Keep mine", having seen theirs
    save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert load_equity(db, student_id) == EquityForm(
        student_id, working_or_carer=True, note="Works 20 hours a week"
    )


def test_equity_conflict_reload_shows_their_flags(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    editor, student_id = _open_with_equity(qtbot, db)
    save_equity(db, replace(load_equity(db, student_id), disability=True), "bob")
    editor.equity.boxes["working_or_carer"].setChecked(True)
    message_boxes.exec_answer = Button.Yes  # "Reload (discard mine)"
    save(qtbot, editor)
    assert editor.isVisible() and not editor.is_dirty()
    assert editor.equity.value(student_id) == EquityForm(student_id, disability=True)
    editor.equity.boxes["fewer_opportunities"].setChecked(True)
    save(qtbot, editor)  # saving on top of theirs is no conflict now
    assert editor.result() == QDialog.DialogCode.Accepted
    assert load_equity(db, student_id) == EquityForm(
        student_id, disability=True, fewer_opportunities=True
    )


def test_the_language_for_the_students_messages_is_kept(qtbot: QtBot, db: Database) -> None:
    editor = open_editor(qtbot, db)
    fill_required(editor)
    assert editor.preferred_language.currentData() == "en"
    save(qtbot, editor)
    assert editor.saved_id is not None
    assert load_student(db, editor.saved_id).preferred_language is None  # not chosen yet
    again = open_editor(qtbot, db, editor.saved_id)
    again.preferred_language.setCurrentIndex(again.preferred_language.findData("pl"))
    save(qtbot, again)
    assert load_student(db, editor.saved_id).preferred_language == "pl"
    shown = open_editor(qtbot, db, editor.saved_id)
    assert shown.preferred_language.currentData() == "pl"
    form = replace(load_student(db, editor.saved_id), preferred_language="xx")
    from vipdesk.services.people.students import validate_student

    assert [p.field for p in validate_student(form)] == ["preferred_language"]
