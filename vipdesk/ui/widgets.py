"""Small input widgets shared by the editors: dates, countries, time zones, record pickers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cache, cmp_to_key
from typing import Any, cast

from PySide6.QtCore import (
    QCollator,
    QDate,
    QEvent,
    QLocale,
    QObject,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from vipdesk.languages import LANGUAGES
from vipdesk.services.refdata import countries, time_zones
from vipdesk.ui import labels, theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.typed import parse_date


class EnterStaysInFields(QObject):
    """Installed on a dialog: Enter in a field presses no button.

    A QDialog gives Enter to its default button, and without one to the first auto-default
    button: in the placement editor that was "New student…". A focused button still takes it.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(watched, QWidget)
            and not isinstance(watched.focusWidget(), QAbstractButton)
        ):
            return True
        return super().eventFilter(watched, event)


class ErrorLabel(QLabel):
    """A validation message shown under its field; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(theme.text_style("error"))
        self.setVisible(False)

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")


class DateField(QWidget):
    """A date typed as text (empty allowed) with a calendar button beside it.

    The calendar is built when first opened: a form holds several date fields and most are
    never picked from a calendar, while building one takes longer than the rest of the field.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(tr("YYYY-MM-DD"))
        self.line.setMaxLength(10)
        self.line.textEdited.connect(lambda _text: self.edited.emit())
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(tr("Pick from a calendar"))
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._calendar: QCalendarWidget | None = None
        menu = QMenu(self.button)
        self.button.setMenu(menu)
        menu.aboutToShow.connect(self._on_menu_about_to_show)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def value(self) -> date | None:
        """The date, None when empty; ValueError with a message when it is not a date."""
        return parse_date(self.line.text())

    def set_value(self, value: date | None) -> None:
        self.line.setText(value.isoformat() if value else "")

    @property
    def calendar(self) -> QCalendarWidget:
        """The calendar of the button's menu, built on first use."""
        if self._calendar is None:
            self._calendar = QCalendarWidget()
            self._calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self._calendar.clicked.connect(self._on_picked)
            menu = self.button.menu()
            action = QWidgetAction(menu)
            action.setDefaultWidget(self._calendar)  # the menu owns it from here
            menu.addAction(action)
        return self._calendar

    def _on_menu_about_to_show(self) -> None:
        calendar = self.calendar
        try:
            current = self.value()
        except ValueError:
            current = None
        if current:
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _on_picked(self, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        self.button.menu().hide()
        self.edited.emit()


class SearchableCombo(QComboBox):
    """An editable combo whose completer matches anywhere in the text, case-insensitively."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def current_data(self) -> object:
        """The item's data when the text names an item exactly, else None."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return self.itemData(index) if index >= 0 else None

    def set_current_data(self, value: object) -> None:
        index = self.findData(value) if value is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # a long name shows its start, not its end


class CountryCombo(SearchableCombo):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for name, code in countries_named():
            self.addItem(f"{name} ({code})", code)
        self.set_current_data(None)

    def code(self) -> str | None:
        value = self.current_data()
        return str(value) if value else None


def countries_named() -> list[tuple[str, str]]:
    """(name, code) of every country, named and sorted as the interface's language does:
    "Österreich" among the Os in German."""
    return _countries_named(labels.language())


@cache  # the language is chosen once, at start
def _countries_named(_language: str) -> list[tuple[str, str]]:
    collator = QCollator(QLocale())
    named = [(labels.country(code), code) for code in countries()]

    def order(a: tuple[str, str], b: tuple[str, str]) -> int:
        return collator.compare(a[0], b[0])

    return sorted(named, key=cmp_to_key(order))


class TimeZoneCombo(SearchableCombo):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for zone in time_zones():
            self.addItem(zone.replace("_", " "), zone)
        self.set_current_data(None)

    def zone(self) -> str | None:
        value = self.current_data()
        return str(value) if value else None


def new_button(label: str | None, picker: QWidget) -> QPushButton:
    """A picker's "New…" button, as short in every language: the picker beside it keeps the
    room to show a name ("Neue aufnehmende Organisation…" left it 90 pixels). `label` says
    what it makes, in its tooltip and to a screen reader."""
    button = QPushButton(tr("New…"), picker)
    if label:
        button.setToolTip(label)
        button.setAccessibleName(label.rstrip("…"))
    button.clicked.connect(picker.create_requested)  # type: ignore[attr-defined]
    return button


class RecordPicker(QWidget):
    """Pick a record by typing part of its name, or create a new one with the button."""

    create_requested = Signal()
    changed = Signal()

    def __init__(self, new_label: str | None = None, parent: QWidget | None = None) -> None:
        """`new_label` says what the New… button makes ("New student…"): its tooltip and its
        name for screen readers."""
        super().__init__(parent)
        self.combo = SearchableCombo(self)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.combo.editTextChanged.connect(lambda _t: self.changed.emit())
        self.new_button = new_button(new_label, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.new_button)
        self.setFocusProxy(self.combo)

    def set_choices(self, choices: Sequence[tuple[int, str]]) -> None:
        keep = self.current_id()
        self.combo.blockSignals(True)
        self.combo.clear()
        for record_id, label in choices:
            self.combo.addItem(label, record_id)
        self.combo.set_current_data(keep)
        self.combo.blockSignals(False)

    def current_id(self) -> int | None:
        value = self.combo.current_data()
        return int(str(value)) if value is not None else None

    def has_unmatched_text(self) -> bool:
        """Text was typed that names no record: worth a message rather than a silent None."""
        return bool(self.combo.currentText().strip()) and self.current_id() is None

    def set_current_id(self, record_id: int | None) -> None:
        """Show a record; like any programmatic change, this does not emit `changed`."""
        self.combo.blockSignals(True)
        self.combo.set_current_data(record_id)
        self.combo.blockSignals(False)


def add_field(
    form: QFormLayout, label: str, widget: QWidget, *, required: bool = False
) -> ErrorLabel:
    """Add a row with the widget and an error label under it; returns the label."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    error = ErrorLabel(holder)
    column.addWidget(error)
    caption = QLabel(f"{label}{' *' if required else ''}:")
    caption.setBuddy(widget)
    name_for_screen_readers(
        widget, tr("{label} (required)").format(label=label) if required else label
    )
    form.addRow(caption, holder)
    return error


def keep_contents_width(window: QWidget) -> None:
    """The window's set minimum width, or its contents' if wider. A window given a minimum
    width no longer grows to its layout's: the Polish export dialog cut its last check box."""
    layout = window.layout()
    if layout is not None:
        window.setMinimumWidth(max(window.minimumWidth(), layout.minimumSize().width()))


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says for `widget`: its own name, its text, or its buddy label's."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def name_for_screen_readers(widget: QWidget, name: str, description: str = "") -> None:
    """Name `widget` and each part of it that takes focus and has no name of its own.

    A label's buddy names only the widget itself: in a date field or a picker, it is the line
    edit inside that receives focus, and a screen reader would announce it as "edit".
    """
    for part in (widget, *widget.findChildren(QWidget)):
        if part is widget or (
            part.focusPolicy() != Qt.FocusPolicy.NoFocus and not accessible_name(part)
        ):
            if not part.accessibleName():
                part.setAccessibleName(name)
            if description and not part.accessibleDescription():
                part.setAccessibleDescription(description)


class SearchPicker(QWidget):
    """Pick one of very many records (students, hosts): the matches are looked up as you type.

    `search(text)` returns up to a few dozen (id, label) pairs; no full list is ever loaded.
    With `browse`, the Down key lists matches at once, even before anything is typed (what the
    drop-down arrow of a combo offered).
    """

    create_requested = Signal()
    changed = Signal()

    def __init__(
        self,
        search: Callable[[str], list[tuple[int, str]]],
        new_label: str | None = None,
        parent: QWidget | None = None,
        *,
        placeholder: str | None = None,
        browse: bool = False,
    ) -> None:
        """`new_label` as for `RecordPicker`."""
        super().__init__(parent)
        self._search = search
        self._current: tuple[int, str] | None = None
        self._matches: dict[str, int] = {}
        self.line = QLineEdit(self)
        self.line.setPlaceholderText(
            placeholder or tr("Type part of a name, e-mail or student number")
        )
        if browse:
            self.line.installEventFilter(self)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(15)
        self.line.setCompleter(self.completer)
        # PySide6's stubs lack SignalInstance.__getitem__, the overload selector Qt needs here:
        # activated(QString), not activated(QModelIndex).
        cast(Any, self.completer.activated)[str].connect(self._on_chosen)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._look_up)
        self.line.textEdited.connect(self._on_edited)
        self.new_button = new_button(new_label, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.new_button)
        self.setFocusProxy(self.line)

    def _on_edited(self, _text: str) -> None:
        self._current = None
        self._timer.start()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.line
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and not self._popup_shown()
        ):
            self._timer.stop()
            self._look_up(everything=True)
            return True
        return super().eventFilter(watched, event)

    def _popup_shown(self) -> bool:
        popup = self.completer.popup()
        return popup is not None and popup.isVisible()

    def _look_up(self, *, everything: bool = False) -> None:
        text = self.line.text().strip()
        if self._current is not None:
            text = ""  # browsing from a chosen record: show the others too
        matches = self._search(text) if text or everything else []
        self._matches = {label: record_id for record_id, label in matches}
        self._model.setStringList([label for _id, label in matches])
        if matches:
            # The database already matched (accent- and case-blind): show every match.
            self.completer.setCompletionPrefix("")
            self.completer.complete()

    def _on_chosen(self, label: str) -> None:
        # A look-up still pending from the typing would open the list again over the choice.
        self._timer.stop()
        record_id = self._matches.get(label)
        if record_id is not None:
            self.set_current(record_id, label)
            self.changed.emit()

    def set_current(self, record_id: int | None, label: str | None) -> None:
        self._current = (record_id, label or "") if record_id is not None else None
        self.line.setText(label or "")
        self.line.setCursorPosition(0)  # the name, not the end of the e-mail

    def current_id(self) -> int | None:
        if self._current is None:
            # Typed the exact label of a match without choosing it from the popup.
            return self._matches.get(self.line.text())
        return self._current[0]

    def has_unmatched_text(self) -> bool:
        return bool(self.line.text().strip()) and self.current_id() is None


def language_combo(chosen: str, tooltip: str, accessible: str) -> QComboBox:
    """A choice of the seven document languages, each by its own name (Deutsch, Polski…)."""
    combo = QComboBox()
    for code, name in LANGUAGES.items():
        combo.addItem(name, code)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.setToolTip(tooltip)
    combo.setAccessibleName(accessible)
    return combo
