"""The shared input widgets: a date field's calendar, a search-backed picker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from pytestqt.qtbot import QtBot

from vipdesk.ui.widgets import DateField, RecordPicker, SearchableCombo, SearchPicker

HOSTS = [(1, "Łódź Software House · Poland"), (2, "Nordlicht Analytics GmbH · Germany")]


def test_the_calendar_is_built_when_first_opened_and_picks_a_date(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.set_value(date(2027, 3, 1))
    assert field._calendar is None  # nothing built for a field never picked from a calendar
    seen: list[tuple[bool, QDate]] = []

    def pick() -> None:  # runs inside the menu's own event loop
        calendar = field.calendar
        seen.append((calendar.isVisible(), calendar.selectedDate()))
        calendar.clicked.emit(QDate(2027, 4, 15))

    QTimer.singleShot(50, pick)
    with qtbot.waitSignal(field.edited):
        qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    assert seen == [(True, QDate(2027, 3, 1))]  # shown, at the date typed
    assert field.value() == date(2027, 4, 15)
    assert not field.button.menu().isVisible()
    first = field.calendar
    QTimer.singleShot(50, lambda: field.button.menu().hide())
    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    assert field.calendar is first  # built once
    assert len(field.button.menu().actions()) == 1


def search_hosts(text: str) -> list[tuple[int, str]]:
    return [(i, label) for i, label in HOSTS if text.lower() in label.lower()]


def asking(asked: list[str]) -> Callable[[str], list[tuple[int, str]]]:
    """`search_hosts` that also notes what it was asked."""

    def search(text: str) -> list[tuple[int, str]]:
        asked.append(text)
        return search_hosts(text)

    return search


def test_a_browsing_picker_lists_everything_on_the_down_key(qtbot: QtBot) -> None:
    asked: list[str] = []
    picker = SearchPicker(asking(asked), "New host…", browse=True)
    qtbot.addWidget(picker)
    picker.show()
    picker.line.setFocus()
    qtbot.keyClick(picker.line, Qt.Key.Key_Down)
    popup = picker.completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    assert asked == [""]
    assert picker.completer.completionCount() == 2
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.current_id() == 1
    assert picker.line.text() == "Łódź Software House · Poland"


def test_a_plain_picker_searches_only_what_is_typed(qtbot: QtBot) -> None:
    asked: list[str] = []
    picker = SearchPicker(asking(asked))
    qtbot.addWidget(picker)
    picker.show()
    picker.line.setFocus()
    qtbot.keyClick(picker.line, Qt.Key.Key_Down)
    qtbot.wait(200)  # longer than the typing pause
    assert asked == []
    assert picker.line.placeholderText() == "Type part of a name, e-mail or student number"
    qtbot.keyClicks(picker.line, "nord")
    popup = picker.completer.popup()
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    assert asked == ["nord"]
    assert picker.has_unmatched_text()  # typed, not chosen: the form explains it


def test_a_long_choice_shows_its_start(qtbot: QtBot) -> None:
    combo = SearchableCombo()
    qtbot.addWidget(combo)
    combo.resize(120, 30)
    long_name = "Hassan II University of Casablanca · Morocco"
    combo.addItem(long_name, 7)
    combo.set_current_data(7)
    line = combo.lineEdit()
    assert line is not None and line.cursorPosition() == 0


def test_a_pickers_new_button_is_short_and_says_what_it_makes(qtbot: QtBot) -> None:
    """ "New…" in every language leaves the picker the room to show a name; what it makes is
    in its tooltip and its name for screen readers."""
    for picker in (RecordPicker("New mentor…"), SearchPicker(lambda _text: [], "New host…")):
        qtbot.addWidget(picker)
        button = picker.new_button
        assert button.text() == "New…"
        assert button.toolTip() in ("New mentor…", "New host…")
        assert button.accessibleName() == button.toolTip().rstrip("…")
        with qtbot.waitSignal(picker.create_requested):
            button.click()
