"""Editable lists of the agreement wizard: tasks, outcomes, protocol lines, tools, periods.

Each item is a row of inputs with a Remove button and an error line under it; an Add button
ends the list. Rows are widgets rather than table cells so that long texts, date fields and
messages beside an item work as in the other forms, and Tab walks through them in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.documents.agreement.content import Period, Task, Tool
from vipdesk.enums import PeriodKind
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text
from vipdesk.ui.widgets import DateField, ErrorLabel

T = TypeVar("T")


def line_edit(text: str = "", placeholder: str = "", accessible: str = "") -> QLineEdit:
    """A line edit showing the start of a long text (setText leaves the cursor at its end)."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(accessible or placeholder)
    set_line(edit, text)
    return edit


def set_line(edit: QLineEdit, text: str) -> None:
    edit.setText(text)
    edit.setCursorPosition(0)


class ListRow(QWidget, Generic[T]):
    """One item: a caption ("Task 2"), its inputs, a Remove button and an error line."""

    noun = tr("Item")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel()
        self.caption.setMinimumWidth(52)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.error = ErrorLabel()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)

    def set_number(self, number: int) -> None:
        label = f"{self.noun} {number}"
        self.caption.setText(f"{label}:")
        self.remove.setToolTip(tr("Remove {label}").format(label=label.lower()))
        self.remove.setAccessibleName(tr("Remove {label}").format(label=label.lower()))
        for widget in self.inputs():
            widget.setAccessibleDescription(label)

    def inputs(self) -> list[QWidget]:
        """The inputs in Tab order (the Remove button comes after them)."""
        raise NotImplementedError

    def read(self) -> tuple[T, str]:
        """The item, and a message when an input cannot be read (it is then left empty)."""
        raise NotImplementedError

    def show_value(self, value: T) -> None:
        raise NotImplementedError

    def is_blank(self) -> bool:
        return False

    def input_for(self, part: str) -> QWidget:
        """The input of a part of the item ("deadline"); the first one by default."""
        return self.inputs()[0]

    def _finish(self, first_row: list[QWidget], second_row: Sequence[QWidget] = ()) -> None:
        """Caption, the first line of inputs, Remove; then an optional second line; the error."""
        self.grid.addWidget(self.caption, 0, 0)
        for column, widget in enumerate(first_row, start=1):
            self.grid.addWidget(widget, 0, column)
        last = len(first_row) + 1
        self.grid.addWidget(self.remove, 0, last)
        if second_row:
            holder = QWidget()
            line = QGridLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            for column, widget in enumerate(second_row):
                line.addWidget(widget, 0, column)
                line.setColumnStretch(column, 1 if isinstance(widget, QLineEdit) else 0)
            self.grid.addWidget(holder, 1, 1, 1, last - 1)
        self.grid.addWidget(self.error, 2, 1, 1, last - 1)


class TextRow(ListRow[str]):
    """A line of text: a learning outcome, an evaluation criterion, a protocol line."""

    def __init__(self, noun: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self.text = line_edit(placeholder=placeholder, accessible=noun)
        self.grid.setColumnStretch(1, 1)
        self._finish([self.text])

    def inputs(self) -> list[QWidget]:
        return [self.text]

    def read(self) -> tuple[str, str]:
        return self.text.text().strip(), ""

    def show_value(self, value: str) -> None:
        set_line(self.text, value)

    def is_blank(self) -> bool:
        return not self.text.text().strip()


class TaskRow(ListRow[Task]):
    noun = tr("Task")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.description = line_edit(placeholder=tr("What the trainee does"), accessible=tr("Task"))
        self.deliverable = line_edit(
            placeholder=tr("What is handed in"), accessible=tr("Deliverable")
        )
        self.deadline = DateField()
        self.deadline.line.setAccessibleName(tr("Deadline"))
        self.deadline.setMaximumWidth(150)
        deliverable = QLabel(tr("Deliverable:"))
        deliverable.setBuddy(self.deliverable)
        deadline = QLabel(tr("Deadline:"))
        deadline.setBuddy(self.deadline)
        self.grid.setColumnStretch(1, 1)
        self._finish([self.description], [deliverable, self.deliverable, deadline, self.deadline])

    def inputs(self) -> list[QWidget]:
        return [self.description, self.deliverable, self.deadline.line, self.deadline.button]

    def input_for(self, part: str) -> QWidget:
        return self.deadline.line if part == "deadline" else self.description

    def read(self) -> tuple[Task, str]:
        problem = ""
        try:
            deadline = self.deadline.value()
        except ValueError as exc:
            deadline, problem = None, error_text(exc)
        task = Task(self.description.text().strip(), self.deliverable.text().strip(), deadline)
        return task, problem

    def show_value(self, value: Task) -> None:
        set_line(self.description, value.description)
        set_line(self.deliverable, value.deliverable)
        self.deadline.set_value(value.deadline)


class ToolRow(ListRow[Tool]):
    noun = tr("Tool")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = line_edit(placeholder=tr("e.g. Microsoft Teams"), accessible=tr("Tool"))
        self.purpose = line_edit(
            placeholder=tr("e.g. weekly meetings, chat"), accessible=tr("Used for")
        )
        self.status = line_edit(
            placeholder=tr("e.g. tested with all actors on 12 January"),
            accessible=tr("Test status"),
        )
        purpose = QLabel(tr("Used for:"))
        purpose.setBuddy(self.purpose)
        status = QLabel(tr("Test status:"))
        status.setBuddy(self.status)
        self.grid.setColumnStretch(1, 1)
        self._finish([self.name], [purpose, self.purpose, status, self.status])

    def inputs(self) -> list[QWidget]:
        return [self.name, self.purpose, self.status]

    def read(self) -> tuple[Tool, str]:
        texts = (self.name.text(), self.purpose.text(), self.status.text())
        return Tool(*(t.strip() for t in texts)), ""

    def show_value(self, value: Tool) -> None:
        set_line(self.name, value.name)
        set_line(self.purpose, value.purpose)
        set_line(self.status, value.test_status)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class PeriodRow(ListRow[Period]):
    """A physical or virtual stretch of a blended traineeship; its dates are always dates."""

    noun = tr("Period")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("Kind of period"))
        for kind in PeriodKind:
            self.kind.addItem(shown(kind.value.capitalize()), kind.value)  # as a mode is named
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, tr("First day")), (self.end, tr("Last day"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self._finish([self.kind, self.start, QLabel(tr("to")), self.end])
        self.grid.addWidget(QWidget(), 0, 6)  # keeps the row compact, Remove beside the dates
        self.grid.setColumnStretch(6, 1)

    def inputs(self) -> list[QWidget]:
        return [self.kind, self.start, self.end]

    def read(self) -> tuple[Period, str]:
        start, end = self.start.date(), self.end.date()
        return (
            Period(
                PeriodKind(self.kind.currentData()),
                date(start.year(), start.month(), start.day()),
                date(end.year(), end.month(), end.day()),
            ),
            "",
        )

    def show_value(self, value: Period) -> None:
        self.kind.setCurrentIndex(self.kind.findData(value.kind.value))
        self.start.setDate(_qdate(value.start))
        self.end.setDate(_qdate(value.end))


class ListEditor(QWidget, Generic[T]):
    """Rows of one kind with an Add button; `changed` on any edit, addition or removal.

    Problems name an item by its index in `values` (see `read`); with `skip_blank`, empty rows
    are left out of the values, so only list-wide messages are meaningful then.
    """

    changed = Signal()

    def __init__(
        self,
        make_row: Callable[[], ListRow[T]],
        add_text: str,
        *,
        skip_blank: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_row = make_row
        self._skip_blank = skip_blank
        self.rows: list[ListRow[T]] = []
        self._value_rows: list[ListRow[T]] = []
        # Where the rows go in the Tab order: never shown, so Tab never stops on it (Qt only
        # reorders widgets that accept focus).
        self._anchor = QWidget(self)
        self._anchor.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._anchor.setVisible(False)
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(8)
        self.error = ErrorLabel()
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(self._on_add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._column)
        layout.addWidget(self.error)
        bottom = QGridLayout()
        bottom.addWidget(self.add_button, 0, 0)
        bottom.setColumnStretch(1, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.add_button)  # a label's buddy; the first item once there is one

    # --- values ------------------------------------------------------------------------------

    def set_values(self, values: Sequence[T]) -> None:
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for value in values:
            self._append().show_value(value)
        self._renumber()

    def read(self) -> tuple[list[T], list[tuple[int, str]]]:
        """The items, and (index in the items, message) for inputs that could not be read."""
        values: list[T] = []
        problems: list[tuple[int, str]] = []
        self._value_rows = []
        for row in self.rows:
            if self._skip_blank and row.is_blank():
                continue
            value, problem = row.read()
            if problem:
                problems.append((len(values), problem))
            values.append(value)
            self._value_rows.append(row)
        return values, problems

    # --- messages ------------------------------------------------------------------------------

    def clear_problems(self) -> None:
        self.error.clear_message()
        for row in self.rows:
            row.error.clear_message()

    def show_problem(self, index: int | None, message: str, part: str = "") -> QWidget:
        """Show `message` beside item `index` (None: under the list); returns the input to
        focus (`part` names it, e.g. "deadline")."""
        if index is not None and 0 <= index < len(self._value_rows):
            row = self._value_rows[index]
            shown = row.error.text()
            row.error.show_message(f"{shown}\n{message}" if shown else message)
            return row.input_for(part)
        shown = self.error.text()
        self.error.show_message(f"{shown}\n{message}" if shown else message)
        return self.rows[0].inputs()[0] if self.rows else self.add_button

    # --- rows --------------------------------------------------------------------------------

    def _append(self) -> ListRow[T]:
        row = self._make_row()
        row.remove.clicked.connect(lambda: self._on_remove(row))
        self._column.addWidget(row)
        self.rows.append(row)
        for signal in edit_signals(row):
            signal.connect(self.changed)
        return row

    def _on_add(self) -> None:
        row = self._append()
        self._renumber()
        row.inputs()[0].setFocus()
        self.changed.emit()

    def _on_remove(self, row: ListRow[T]) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        row.deleteLater()
        self._renumber()
        target = self.rows[min(index, len(self.rows) - 1)].remove if self.rows else None
        (target or self.add_button).setFocus()
        self.changed.emit()

    def _renumber(self) -> None:
        """Captions count from 1 again, and Tab goes row by row, then to Add."""
        # Rows made after the page sit at the end of the window's focus chain: hook them in
        # after the anchor, which is where the list is laid out.
        chain: list[QWidget] = [self._anchor]
        for number, row in enumerate(self.rows, start=1):
            row.set_number(number)
            chain += [*row.inputs(), row.remove]
        chain.append(self.add_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)


def edit_signals(root: QWidget) -> list[SignalInstance]:
    """The signals by which the user edits the inputs in `root` (itself included).

    Connect them straight to a Qt signal: a Python `emit()` per keystroke leaks a reference
    in PySide6 6.12 (see answer_inputs.py).
    """
    found: list[SignalInstance] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLineEdit):
            found.append(widget.textEdited)
        elif isinstance(widget, QPlainTextEdit):
            found.append(widget.textChanged)
        elif isinstance(widget, QComboBox):
            found.append(widget.currentIndexChanged)
        elif isinstance(widget, QDateEdit):
            found.append(widget.dateChanged)
        elif isinstance(widget, QSpinBox):
            found.append(widget.valueChanged)
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            found.append(widget.toggled)
        elif isinstance(widget, DateField):
            found.append(widget.edited)
    return found
