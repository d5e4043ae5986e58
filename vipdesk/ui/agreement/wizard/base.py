"""What every page of the agreement wizard shares: a scrolling form, messages beside fields and
in a box at the top, the frozen-version banner, and reading its section of `AgreementData`.

A page knows its section key (see `agreement_problems.SECTIONS`) and which input edits which
field path ("receiving.mentor.email"), so a `Problem` lands beside the input it concerns.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from vipdesk.documents.agreement.content import AgreementData, Person
from vipdesk.services.agreements.checks.problems import Problem, Section
from vipdesk.ui import theme
from vipdesk.ui.agreement.wizard.lists import ListEditor, edit_signals, line_edit, set_line
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import problem_text
from vipdesk.ui.widgets import ErrorLabel, add_field


def text_box(lines: int = 3, placeholder: str = "") -> QPlainTextEdit:
    """A few lines of text; Tab moves on rather than typing a tab character."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(12 + lines * box.fontMetrics().lineSpacing())
    return box


class PersonFields(QWidget):
    """Name, position, e-mail and phone of someone acting for a party, on two lines."""

    def __init__(self, who: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = line_edit(placeholder=tr("Name"), accessible=tr("{who}: name").format(who=who))
        self.position = line_edit(
            placeholder=tr("Position"), accessible=tr("{who}: position").format(who=who)
        )
        self.email = line_edit(
            placeholder=tr("E-mail"), accessible=tr("{who}: e-mail").format(who=who)
        )
        self.phone = line_edit(
            placeholder=tr("Phone"), accessible=tr("{who}: phone").format(who=who)
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(self.position, 0, 1)
        grid.addWidget(self.email, 1, 0)
        grid.addWidget(self.phone, 1, 1)
        self.setFocusProxy(self.name)

    def show_value(self, person: Person) -> None:
        for edit, text in (
            (self.name, person.name),
            (self.position, person.position),
            (self.email, person.email),
            (self.phone, person.phone),
        ):
            set_line(edit, text)

    def read(self) -> Person:
        texts = (self.name, self.position, self.email, self.phone)
        return Person(*(edit.text().strip() for edit in texts))


def section_title(key: str) -> str:
    """The title of the agreement's section `key` (see `SECTIONS`), translated."""
    return {
        "parties": tr("Parties"),
        "programme": tr("Programme", "the agreement's section"),
        "tasks": tr("Tasks and deliverables"),
        "learning": tr("Learning outcomes, monitoring and evaluation"),
        "protocol": tr("Communication protocol"),
        "roles": tr("Roles and responsibilities"),
        "technology": tr("Technology"),
        "recognition": tr("Recognition"),
        "host": tr("Host commitments"),
    }[key]


class SectionPage(QWizardPage):
    """One section of the agreement; subclasses build inputs, `fill` and `read`."""

    changed = Signal()  # any input of the page was edited (fed by the inputs' own signals)

    def __init__(self, section: Section, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section.key
        self.setTitle(section_title(section.key))
        self.setSubTitle(subtitle)
        self.live = False  # problems are on show: refresh them as the user types
        self._errors: dict[str, ErrorLabel] = {}
        self._targets: dict[str, QWidget] = {}
        self._lists: dict[str, ListEditor[Any]] = {}
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(theme.box_style("info"))
        self.banner.setVisible(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setStyleSheet(theme.box_style("error"))
        self.summary.setVisible(False)
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setSpacing(10)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the first input
        self.scroll_area.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.scroll_area, 1)

    # --- building ------------------------------------------------------------------------------

    def new_form(self, into: QWidget | None = None) -> QFormLayout:
        form = QFormLayout(into) if into is not None else QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if into is None:
            self.column.addLayout(form)
        return form

    def add_input(
        self,
        form: QFormLayout,
        fields: str | Sequence[tuple[str, QWidget]],
        label: str,
        widget: QWidget,
        *,
        required: bool = False,
    ) -> None:
        """A labelled row; `fields` is the field path it edits, or (path, input) pairs when the
        row holds several inputs (a person: name and e-mail) that share its error line."""
        error = add_field(form, label, widget, required=required)
        pairs = [(fields, widget)] if isinstance(fields, str) else list(fields)
        for name, target in pairs:
            self._errors[name] = error
            self._targets[name] = target

    def add_list(self, prefix: str, editor: ListEditor[Any]) -> None:
        """Problems on `prefix` go under the list, those on `prefix.N…` beside item N."""
        self._lists[prefix] = editor
        editor.changed.connect(self.changed)

    def finish(self) -> None:
        """Call last in the constructor: every input's edits now signal `changed`."""
        self.column.addStretch(1)
        for signal in edit_signals(self.body):
            signal.connect(self.changed)

    # --- data ----------------------------------------------------------------------------------

    def fill(self, data: AgreementData) -> None:
        raise NotImplementedError

    def read(self, data: AgreementData) -> tuple[AgreementData, list[Problem]]:
        """`data` with this page's fields as the inputs show them, and the inputs that could not
        be read (those keep their value in `data`)."""
        raise NotImplementedError

    def enter(self, data: AgreementData) -> None:
        """The page is shown: refresh what depends on other pages (the period, for tasks)."""

    def in_page_order(self, problems: Sequence[Problem]) -> list[Problem]:
        """Top to bottom as the inputs are laid out (item by item in lists), so the first
        message is the one the user meets first and the focus goes there."""
        names = list(dict.fromkeys([*self._errors, *self._lists]))

        def key(problem: Problem) -> tuple[int, int]:
            for position, name in enumerate(names):
                if problem.field == name:
                    return position, -1
                rest = problem.field.removeprefix(f"{name}.")
                if rest != problem.field and rest.partition(".")[0].isdigit():
                    return position, int(rest.partition(".")[0])
            return len(names), 0

        return sorted(problems, key=key)

    def problem(self, field: str, message: str) -> Problem:
        return Problem(self.section, field, message)

    # --- messages ------------------------------------------------------------------------------

    def show_problems(self, problems: Sequence[Problem]) -> QWidget | None:
        """Put each message beside its input (the rest in the box on top); returns the input
        of the first problem, for the focus."""
        for error in self._errors.values():
            error.clear_message()
        for editor in self._lists.values():
            editor.clear_problems()
        first: QWidget | None = None
        elsewhere: list[str] = []
        for problem in problems:
            target = self._place(problem)
            if target is None:
                elsewhere.append(problem_text(problem))
            first = first or target
        self._show_summary(len(problems), elsewhere)
        return first

    def _place(self, problem: Problem) -> QWidget | None:
        error = self._errors.get(problem.field)
        if error is not None:
            shown = error.text()
            said = problem_text(problem)
            error.show_message(f"{shown}\n{said}" if shown else said)
            return self._targets[problem.field]
        for prefix, editor in self._lists.items():
            if problem.field == prefix:
                return editor.show_problem(None, problem_text(problem))
            if problem.field.startswith(f"{prefix}."):
                index, _dot, part = problem.field[len(prefix) + 1 :].partition(".")
                if index.isdigit():
                    return editor.show_problem(int(index), problem_text(problem), part)
        return None

    def _show_summary(self, count: int, elsewhere: list[str]) -> None:
        if not count:
            self.summary.setVisible(False)
            return
        head = tr("%n problem(s) to fix before Next.", "", count)
        lines = [escape(message) for message in elsewhere]
        beside = count - len(elsewhere)
        if beside:
            lines.append(
                tr("And see the message(s) in red below.", "", beside)
                if elsewhere
                else tr("See the message(s) in red below.", "", beside)
            )
        self.summary.setText(f"<b>{head}</b> " + "<br>".join(lines))
        self.summary.setVisible(True)

    def reveal(self, target: QWidget) -> None:
        """Scroll to an input and put the cursor in it."""
        self.scroll_area.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_frozen(self, note: str) -> None:
        """Read-only: texts stay readable (and selectable) but cannot change, choices are
        disabled, the Add / Remove / Restore buttons go away, and the banner says why."""
        self.banner.setText(note)
        self.banner.setVisible(True)
        for widget in self.body.findChildren(QWidget):
            if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
                widget.setReadOnly(True)
            elif isinstance(widget, QAbstractButton):
                if widget.isCheckable():
                    widget.setEnabled(False)
                else:
                    widget.setVisible(False)
            elif isinstance(widget, QComboBox):
                widget.setEnabled(False)

    def cleanupPage(self) -> None:
        """Back keeps what was typed on this page (Qt's default would reset its fields)."""
