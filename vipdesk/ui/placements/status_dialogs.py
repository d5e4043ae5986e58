"""Dialogs of a status move: why it was refused (with a way to each fix), and asking a reason."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.services.placements.checklist import REASON_LIMIT
from vipdesk.services.placements.lifecycle import FixPlace, MoveRefusedError
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.placements.evidence_texts import refusal_text


class RefusalDialog(QDialog):
    """Every reason a move was refused, each with a button to the tab where it is fixed.

    After `exec()`: `place` is the tab chosen, or `override` is True when an office lead
    chose to move anyway; neither when the dialog was closed.
    """

    def __init__(
        self, error: MoveRefusedError, may_override: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Status not changed"))
        self.place: FixPlace | None = None
        self.override = False
        count = len(error.reasons)
        heading = QLabel(
            tr(
                "<b>The placement cannot move to “{label}” yet.</b><br>"
                "%n thing(s) need doing first:",
                "",
                count,
            ).format(label=escape(shown(error.target.label)))
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        self.fix_buttons: list[QPushButton] = []
        for row, reason in enumerate(error.reasons):
            text = QLabel(f"• {refusal_text(reason)}")
            text.setWordWrap(True)
            text.setMinimumWidth(420)
            button = QPushButton(tr("Open {label}").format(label=shown(reason.place.label)))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, p=reason.place: self._on_fix(p))
            grid.addWidget(text, row, 0)
            grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
            self.fix_buttons.append(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.override_button = buttons.addButton(
            tr("Move anyway (office lead)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.override_button.setToolTip(
            tr("Move although the records do not back it yet; your reason is kept in the history.")
        )
        self.override_button.setVisible(may_override)
        self.override_button.clicked.connect(self._on_override)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def _on_fix(self, place: FixPlace) -> None:
        self.place = place
        self.accept()

    def _on_override(self) -> None:
        self.override = True
        self.accept()


class ReasonDialog(QDialog):
    """Asks a short reason; OK stays disabled while it is empty. `reason` holds it after OK."""

    def __init__(
        self, title: str, prompt: str, initial: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.line = QLineEdit(initial)
        self.line.setMaxLength(REASON_LIMIT)
        self.line.setMinimumWidth(420)
        label.setBuddy(self.line)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.line.textChanged.connect(self._on_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.line)
        layout.addWidget(self.buttons)
        self._on_text_changed(initial)

    @property
    def reason(self) -> str:
        return self.line.text().strip()

    def _on_text_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        # "done outside vipdesk: " alone says nothing yet: the part after it is the reason.
        ok.setEnabled(bool(text.strip()) and not text.strip().endswith(":"))


def ask_reason(parent: QWidget, title: str, prompt: str, initial: str = "") -> str | None:
    """The reason typed, or None when the user cancelled."""
    dialog = ReasonDialog(title, prompt, initial, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason
