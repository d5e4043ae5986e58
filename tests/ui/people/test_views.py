"""The people lists with a real database: search, sort, open, create, delete."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import Button, MessageBoxes
from tests.helpers.people_data import (
    make_contact,
    make_institution,
    make_organisation,
    make_placement,
    make_student,
)
from vipdesk.db import Database
from vipdesk.errors import DatabaseUnavailableError
from vipdesk.services.people.lists import student_rows
from vipdesk.services.people.students import load_student
from vipdesk.ui.people.contact_editor import ContactEditor
from vipdesk.ui.people.student_editor import StudentEditor
from vipdesk.ui.people.table_model import StudentColumn
from vipdesk.ui.people.views import (
    ContactsView,
    InstitutionsView,
    OrganisationsView,
    RecordListView,
    StudentsView,
)


@pytest.fixture
def students(db: Database) -> dict[str, int]:
    ids = {}
    for given, family, email in [
        ("Łukasz", "Żółć", "lz@uw.edu.pl"),
        ("Ελένη", "Παπαδοπούλου", "eleni@uoa.gr"),
        ("Anna", "Nowak", "anna@uw.edu.pl"),
    ]:
        stored = make_student(db, given_name=given, family_name=family, email=email)
        assert stored.id is not None
        ids[family] = stored.id
    return ids


def make_view(qtbot: QtBot, cls: type[RecordListView], db: Database) -> Any:
    view = cls(db)
    qtbot.addWidget(view)
    view.show()
    return view


def names(view: RecordListView) -> list[str]:
    return [view.model.record(row).name for row in range(view.model.rowCount())]


def select(view: RecordListView, record_id: int) -> None:
    view.select_id(record_id)
    view.table.setFocus()
    assert view.selected_id() == record_id


def test_empty_state_invites_to_add(qtbot: QtBot, db: Database) -> None:
    view = make_view(qtbot, StudentsView, db)
    assert view.stack.currentWidget() is view.empty_label
    assert view.empty_label.text() == "No students yet — press New… to add one"


def test_lists_and_filters_as_you_type(qtbot: QtBot, db: Database, students: Any) -> None:
    view = make_view(qtbot, StudentsView, db)
    assert view.stack.currentWidget() is view.table
    assert view.count_label.text() == "3 students"
    qtbot.keyClicks(view.search_box, "nowa")  # typed key by key: the list follows each one
    assert names(view) == ["Anna Nowak"]
    assert view.count_label.text() == "1 of 3 students"
    view.search_box.clear()
    assert len(names(view)) == 3
    view.search_box.setText("ŻÓŁĆ")  # QTest types ASCII only; any script works in the filter
    assert names(view) == ["Łukasz Żółć"]
    view.search_box.setText("παπαδ")
    assert names(view) == ["Ελένη Παπαδοπούλου"]
    qtbot.keyClicks(view.search_box, "xyz")
    assert view.stack.currentWidget() is view.empty_label
    assert "match" in view.empty_label.text()


def test_header_click_sorts(qtbot: QtBot, db: Database, students: Any) -> None:
    inst = make_institution(db)
    host = make_organisation(db)
    assert inst.id and host.id
    make_placement(db, student_id=students["Nowak"], host_id=host.id, institution_id=inst.id)
    view = make_view(qtbot, StudentsView, db)
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(StudentColumn.PLACEMENTS) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = view.model.record(0).placements
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert {first, view.model.record(0).placements} == {0, 1}


def test_whole_rows_are_selected(qtbot: QtBot, db: Database, students: Any) -> None:
    view = make_view(qtbot, StudentsView, db)
    select(view, students["Nowak"])
    assert len(view.table.selectionModel().selectedIndexes()) == view.model.columnCount()


def test_delete_asks_first_and_deletes(
    qtbot: QtBot, db: Database, students: Any, message_boxes: MessageBoxes
) -> None:
    view = make_view(qtbot, StudentsView, db)
    select(view, students["Nowak"])
    message_boxes.answers.append(Button.No)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert message_boxes.texts("question") == ["Delete Anna Nowak? This cannot be undone."]
    assert len(student_rows(db)) == 3

    message_boxes.answers.append(Button.Yes)
    with qtbot.waitSignal(view.changed):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert [row.name for row in student_rows(db)] == sorted(["Łukasz Żółć", "Ελένη Παπαδοπούλου"])
    assert "Anna Nowak" not in names(view)


def test_delete_refused_shows_why(
    qtbot: QtBot, db: Database, students: Any, message_boxes: MessageBoxes
) -> None:
    inst, host = make_institution(db), make_organisation(db)
    assert inst.id and host.id
    make_placement(db, student_id=students["Żółć"], host_id=host.id, institution_id=inst.id)
    view = make_view(qtbot, StudentsView, db)
    select(view, students["Żółć"])
    message_boxes.answers.append(Button.Yes)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert message_boxes.texts("warning") == [
        "Łukasz Żółć has 1 placement; delete or reassign them first."
    ]
    assert load_student(db, students["Żółć"]).family_name == "Żółć"


def test_enter_and_double_click_open_the_editor(qtbot: QtBot, db: Database, students: Any) -> None:
    view = make_view(qtbot, StudentsView, db)
    select(view, students["Nowak"])
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    (editor,) = view.findChildren(StudentEditor)
    assert editor.isVisible() and editor.given_name.text() == "Anna"
    editor.done(QDialog.DialogCode.Rejected)

    row = view.model.row_of(students["Żółć"])
    assert row is not None
    rect = view.table.visualRect(view.model.index(row, 0))
    # A real double-click starts with a press: the view opens only the item pressed first.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    opened = [e for e in view.findChildren(StudentEditor) if e.isVisible()]
    assert [e.family_name.text() for e in opened] == ["Żółć"]
    opened[0].done(QDialog.DialogCode.Rejected)


def test_new_student_through_the_editor_appears_in_the_list(qtbot: QtBot, db: Database) -> None:
    view = make_view(qtbot, StudentsView, db)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    (editor,) = view.findChildren(StudentEditor)
    editor.given_name.setText("Олена")
    editor.family_name.setText("Коваленко")
    editor.email.setText("olena@knu.ua")
    editor.timezone.set_current_data("Europe/Kyiv")
    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert names(view) == ["Олена Коваленко"]
    assert view.selected_id() == editor.saved_id
    assert view.stack.currentWidget() is view.table


def test_an_editor_that_cannot_load_shows_why(
    qtbot: QtBot,
    db: Database,
    students: Any,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = make_view(qtbot, StudentsView, db)

    def unreachable(*_args: object) -> None:
        raise DatabaseUnavailableError("The database cannot be reached.")

    monkeypatch.setattr("vipdesk.ui.people.student_editor.load_student", unreachable)
    assert view.open_editor(students["Nowak"]) is None
    assert message_boxes.texts("warning") == ["The database cannot be reached."]


@pytest.mark.parametrize(
    ("cls", "empty"),
    [
        (OrganisationsView, "No host organisations yet — press New… to add one"),
        (ContactsView, "No contacts yet — press New… to add one"),
        (InstitutionsView, "No institutions yet — press New… to add one"),
    ],
)
def test_other_lists_start_empty(qtbot: QtBot, db: Database, cls: Any, empty: str) -> None:
    assert make_view(qtbot, cls, db).empty_label.text() == empty


def test_organisation_with_contacts_cannot_be_deleted(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    org = make_organisation(db, name="Nordlicht Analytics GmbH")
    make_contact(db, organisation_id=org.id)
    view = make_view(qtbot, OrganisationsView, db)
    assert org.id is not None
    select(view, org.id)
    message_boxes.answers.append(Button.Yes)
    view.delete_selected()
    assert message_boxes.texts("warning") == [
        "Nordlicht Analytics GmbH has 1 contact; delete or reassign them first."
    ]


def test_contacts_list_deletes_and_reopens(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    contact = make_contact(db, name="Jürgen Weiß")
    view = make_view(qtbot, ContactsView, db)
    assert names(view) == ["Jürgen Weiß"]
    assert view.model.record(0).role == "Company mentor"
    assert contact.id is not None
    editor = view.open_editor(contact.id)
    assert isinstance(editor, ContactEditor) and editor.name.text() == "Jürgen Weiß"
    editor.done(QDialog.DialogCode.Rejected)
    select(view, contact.id)
    message_boxes.answers.append(Button.Yes)
    with qtbot.waitSignal(view.changed):
        view.delete_selected()
    assert view.empty_label.text() == "No contacts yet — press New… to add one"


def test_institutions_list_counts_students(qtbot: QtBot, db: Database) -> None:
    inst = make_institution(db, name="KU Leuven")
    make_student(db, institution_id=inst.id)
    view = make_view(qtbot, InstitutionsView, db)
    assert view.model.record(0)[1:] == ("KU Leuven", "", "Poland", "", "Europe/Warsaw", 1, 0)


def test_long_emails_are_shown_whole_and_the_last_column_takes_only_what_is_left(
    qtbot: QtBot, db: Database
) -> None:
    email = "maria-magdalena.wisniewska-kowalczyk@student.uni-wroclaw.example.edu.pl"
    make_student(db, given_name="Maria", family_name="Wiśniewska", email=email)
    view = StudentsView(db)
    qtbot.addWidget(view)
    view.resize(1300, 500)  # as a tab of the main window is sized before it is shown
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    header = view.table.horizontalHeader()
    needed = view.table.fontMetrics().horizontalAdvance(email)
    qtbot.waitUntil(lambda: header.sectionSize(StudentColumn.EMAIL) > needed)  # not "maria-m…"
    last = view.model.columnCount() - 1
    assert header.sectionSize(last) < header.sectionSize(StudentColumn.EMAIL)
