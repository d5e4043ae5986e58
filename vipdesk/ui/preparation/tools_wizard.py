"""Choosing the tools: one per purpose, with the guide's advice as you choose; then a check.

Finish saves the choice. Testing each tool with each actor happens afterwards, in the test plan.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from vipdesk.db import Database
from vipdesk.errors import ConflictError, VipdeskError
from vipdesk.services.preparation.tool_catalogue import (
    Purpose,
    purposes,
    selection_warnings,
    tool,
    tools,
    tools_for,
)
from vipdesk.services.preparation.tools import load_choices, save_choices, weak_connection
from vipdesk.ui import theme
from vipdesk.ui.help.window import HELP_TOPIC
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text
from vipdesk.ui.texts.tools import tool_text


def warnings_html(warnings: list[str]) -> str:
    return "<br>".join(f"⚠ {escape(w)}" for w in warnings)


class PurposeRow:
    """A purpose, its tool drop-down (suited tools first) and the chosen tool's notes."""

    def __init__(self, purpose: Purpose) -> None:
        self.purpose = purpose
        name = f"<b>{escape(shown(purpose.label))}</b>"
        self.label = QLabel(name if purpose.required else tr("{name} (optional)").format(name=name))
        self.hint = QLabel(tr(purpose.hint))  # plain text: escaped, "host's" showed "host&#x27;s"
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.text_style("muted"))
        self.combo = QComboBox()
        self.combo.setAccessibleName(shown(purpose.label))
        self.combo.addItem(tr("— none —"), None)
        suited = tools_for(purpose)
        for item in suited:
            self.combo.addItem(tool_text(item.key), item.key)
        others = [t for t in tools() if t not in suited]
        if others:
            self.combo.insertSeparator(self.combo.count())
            for item in others:
                self.combo.addItem(
                    tr("{name} (not made for this)").format(name=tool_text(item.key)), item.key
                )
        self.label.setBuddy(self.combo)
        self.notes = QLabel()
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(theme.text_style("muted"))
        self.combo.currentIndexChanged.connect(self._on_changed)

    def value(self) -> str | None:
        data = self.combo.currentData()
        return str(data) if data is not None else None

    def set_value(self, key: str | None) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(key)) if key else 0)
        self._on_changed()

    def _on_changed(self) -> None:
        chosen = tool(self.value() or "")
        self.notes.setText(tr(chosen.notes) if chosen else "")


class ChoicePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("Which tool for what"))
        self.setSubTitle(
            tr(
                "Choose tools that everybody can use and preferably already uses, and say "
                "explicitly which one serves each purpose."
            )
        )
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(4)
        self.rows: dict[str, PurposeRow] = {}
        for n, purpose in enumerate(purposes()):
            row = PurposeRow(purpose)
            grid.addWidget(row.label, n * 3, 0)
            grid.addWidget(row.combo, n * 3, 1)
            grid.addWidget(row.hint, n * 3 + 1, 0, 1, 2)
            grid.addWidget(row.notes, n * 3 + 2, 0, 1, 2)
            grid.setRowMinimumHeight(n * 3 + 2, 8)
            self.rows[purpose.key] = row
        grid.setRowStretch(len(self.rows) * 3, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the first input
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def choices(self) -> dict[str, str]:
        return {k: v for k, row in self.rows.items() if (v := row.value()) is not None}


class CheckPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("Check the choice"))
        self.setSubTitle(
            tr(
                "Press Finish to save. Then test every tool with the student, the mentor and the "
                "tutor: the agreement cannot be sent before."
            )
        )
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(theme.box_style("warning"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addStretch(1)

    def show_check(self, choices: dict[str, str], warnings: list[str]) -> None:
        labels = {p.key: shown(p.label) for p in purposes()}
        by_tool: dict[str, list[str]] = {}
        for purpose, key in choices.items():
            by_tool.setdefault(key, []).append(labels[purpose].lower())
        self.summary.setText(
            tr("<b>Chosen</b><ul style='margin-left:-20px'>")
            + "".join(
                f"<li>{escape(tool_text(key))}: {escape(', '.join(uses))}</li>"
                for key, uses in by_tool.items()
            )
            + "</ul>"
            if choices
            else tr("No tool chosen yet.")
        )
        self.warnings.setText(
            warnings_html(warnings) or tr("No advice: the choice follows the guide.")
        )


class ToolsWizard(QWizard):
    def __init__(
        self, db: Database, placement_id: int, heading: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setProperty(HELP_TOPIC, "preparation")  # F1: its section of the user guide
        self._db = db
        self._placement_id = placement_id
        self.setWindowTitle(
            tr("Tools — {heading}").format(heading=heading) if heading else tr("Tools")
        )
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(760, 680)
        self._weak = weak_connection(db, placement_id)
        self.choice = ChoicePage()
        self.check = CheckPage()
        self.addPage(self.choice)
        self.check_id = self.addPage(self.check)
        self._seen = load_choices(db, placement_id)  # what the user decides on top of
        for purpose, key in self._seen.items():
            if purpose in self.choice.rows:
                self.choice.rows[purpose].set_value(key)
        self.currentIdChanged.connect(self._on_page_changed)

    def warnings(self) -> list[str]:
        return selection_warnings(self.choice.choices(), weak_connection=self._weak)

    def _on_page_changed(self, page_id: int) -> None:
        if page_id == self.check_id:
            self.check.show_check(self.choice.choices(), self.warnings())

    def validateCurrentPage(self) -> bool:
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is not self.check:
            return True
        wanted: dict[str, str | None] = {k: row.value() for k, row in self.choice.rows.items()}
        try:
            self._seen = save_choices(self._db, self._placement_id, wanted, seen=self._seen)
        except ConflictError as exc:
            QMessageBox.warning(self, tr("Tools not saved"), self._conflict_text(exc))
            if isinstance(exc.theirs, dict):
                self._seen = exc.theirs  # seen now: Finish again keeps the choice made here
            return False
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Tools not saved"), error_text(exc))
            return False
        return True

    def _conflict_text(self, error: ConflictError) -> str:
        theirs = error.theirs if isinstance(error.theirs, dict) else {}
        rows = self.choice.rows
        lines = [
            f"{shown(rows[p].purpose.label)}: {tool_text(theirs[p]) if p in theirs else '—'}"
            for p in error.changed_fields
            if p in rows
        ]
        chosen = tr(" They chose: {join}.").format(join="; ".join(lines)) if lines else ""
        return tr(
            "Someone else chose tools for this placement after you opened "
            "it.{chosen} Press Finish again to keep your choice, or Back to change "
            "it."
        ).format(chosen=chosen)
