"""Someone else saved first: show both versions side by side and let the user choose."""

from __future__ import annotations

import enum
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vipdesk.ui import theme
from vipdesk.ui.i18n import tr


class ConflictChoice(enum.Enum):
    RELOAD = "reload"  # take theirs, drop my edits
    KEEP_MINE = "keep_mine"  # save mine over theirs, having seen them
    CANCEL = "cancel"  # back to editing, nothing saved


class ConflictDialog(QDialog):
    """Rows are (field label, my value, their value), each already written for people."""

    def __init__(
        self,
        changed_by: str | None,
        rows: Sequence[tuple[str, str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Changed by someone else"))
        self.choice = ConflictChoice.CANCEL
        who = changed_by or tr("another user")
        intro = QLabel(
            tr(
                "<b>{who}</b> saved this record after you opened it. Nothing of yours "
                "has been saved yet. Compare the two versions, then choose:"
            ).format(who=who)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(
            [tr("Field"), tr("Your version"), tr("Saved by {who}").format(who=who)]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        highlight = theme.box_colour("warning")
        for r, (label, mine, theirs) in enumerate(rows):
            for c, value in enumerate((label, mine, theirs)):
                item = QTableWidgetItem(value)
                if mine != theirs:
                    item.setBackground(highlight)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        buttons = QDialogButtonBox()
        self.reload_button = QPushButton(tr("Reload theirs (drop my edits)"))
        self.keep_button = QPushButton(tr("Keep mine (save over theirs)"))
        self.cancel_button = QPushButton(tr("Back to editing"))
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.reload_button.clicked.connect(lambda: self._choose(ConflictChoice.RELOAD))
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_MINE))
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 420)

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()


def ask_conflict(
    changed_by: str | None, rows: Sequence[tuple[str, str, str]], parent: QWidget | None
) -> ConflictChoice:
    """Show the dialog modally and return the choice (tests patch this function)."""
    dialog = ConflictDialog(changed_by, rows, parent)
    dialog.exec()
    return dialog.choice
