"""The test plan: each chosen tool tried out with the student, the mentor and the tutor.

One line per tool and actor: the result, the date and a note. A failed test needs its reason
written down (what replaces the tool, or why it does not matter) before the agreement can go.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import ConflictError, VipdeskError
from vipdesk.models import ToolTestResult
from vipdesk.services.preparation.tools import ToolTestState, load_test_plan, record_test
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.texts.tools import tool_text
from vipdesk.ui.widgets import DateField


class PlanLine:
    """The widgets of one tool-and-actor line."""

    def __init__(self, state: ToolTestState) -> None:
        self.state = state
        who = tr("{tool_name} with the {label}").format(
            tool_name=tool_text(state.tool_key), label=in_sentence(state.actor.label)
        )
        self.result = QComboBox()
        self.result.setAccessibleName(tr("Result: {who}").format(who=who))
        for result in ToolTestResult:
            self.result.addItem(shown(result.label), result.value)
        self.result.setCurrentIndex(self.result.findData(state.result.value))
        self.tested_on = DateField()
        self.tested_on.set_value(state.tested_on)
        self.tested_on.line.setAccessibleName(tr("Date: {who}").format(who=who))
        self.note = QLineEdit(state.note)
        self.note.setAccessibleName(tr("Note: {who}").format(who=who))
        self.note.setPlaceholderText(tr("What happened; for a failure, what replaces it"))
        self.result.currentIndexChanged.connect(self._on_result_changed)

    def _on_result_changed(self) -> None:
        # A result usually means "we tried it today".
        if (
            self.result.currentData() != ToolTestResult.NOT_YET.value
            and not self.tested_on.line.text()
        ):
            self.tested_on.set_value(date.today())

    def read(self) -> ToolTestState:
        """The line as edited; ValueError when the date is not one."""
        return replace(
            self.state,
            result=ToolTestResult(self.result.currentData()),
            tested_on=self.tested_on.value(),
            note=self.note.text().strip(),
        )

    def changed(self) -> bool:
        try:
            return self.read() != self.state
        except ValueError:
            return True


class ToolTestDialog(QDialog):
    def __init__(
        self, db: Database, placement_id: int, heading: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._placement_id = placement_id
        self.setWindowTitle(
            tr("Test plan — {heading}").format(heading=heading) if heading else tr("Test plan")
        )
        self.resize(820, 520)
        intro = QLabel(
            tr(
                "Try each tool with each person before the start: install, log in, a short call "
                "or message, a shared file. Record what happened."
            )
        )
        intro.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(theme.box_style("error"))
        self.banner.setVisible(False)
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setColumnStretch(4, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the first input
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.lines: list[PlanLine] = []
        self._load()

    def _load(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.lines = [PlanLine(s) for s in load_test_plan(self._db, self._placement_id)]
        for column, text in enumerate(
            (tr("Tool"), tr("With"), tr("Result"), tr("Date"), tr("Note"))
        ):
            self.grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        previous = None
        for row, line in enumerate(self.lines, start=1):
            name = tool_text(line.state.tool_key) if line.state.tool_key != previous else ""
            previous = line.state.tool_key
            self.grid.addWidget(QLabel(name), row, 0)
            self.grid.addWidget(QLabel(shown(line.state.actor.label)), row, 1)
            self.grid.addWidget(line.result, row, 2)
            self.grid.addWidget(line.tested_on, row, 3)
            self.grid.addWidget(line.note, row, 4)
        if not self.lines:
            self.grid.addWidget(QLabel(tr("Choose the tools first.")), 1, 0, 1, 5)
        self.grid.setRowStretch(len(self.lines) + 1, 1)
        self.save_button.setEnabled(bool(self.lines))

    def save(self) -> bool:
        """Store the changed lines; True when all were stored. Problems go to the banner."""
        problems: list[str] = []
        for line in self.lines:
            if not line.changed():
                continue
            who = tr("{tool_name} with the {label}").format(
                tool_name=tool_text(line.state.tool_key), label=in_sentence(line.state.actor.label)
            )
            try:
                line.state = record_test(self._db, self._placement_id, line.read())
            except ValueError as exc:
                problems.append(f"{who}: {exc}")
            except ConflictError:
                problems.append(
                    tr("{who}: someone else recorded this test meanwhile; reloaded.").format(
                        who=who
                    )
                )
            except VipdeskError as exc:
                problems.append(f"{who}: {exc}")
        self.banner.setText("\n".join(problems))
        self.banner.setVisible(bool(problems))
        if any("reloaded" in p for p in problems):
            self._load()
        return not problems

    def reject(self) -> None:
        if any(line.changed() for line in self.lines) and not self.save():
            return  # keep the dialog open: the banner says what went wrong
        super().reject()
