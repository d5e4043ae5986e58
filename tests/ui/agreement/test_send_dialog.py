"""The Send dialog: every reason sending was refused can be read, however many there are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from vipdesk.errors import FieldProblem, ValidationError
from vipdesk.ui.agreement.send_dialog import SendDialog


def refuse(_order: tuple[str, ...]) -> None:
    raise ValidationError(
        [
            FieldProblem(f"tasks.{n}", f"Task {n} needs a deadline within the placement period.")
            for n in range(1, 31)
        ]
    )


def test_a_long_list_of_blocking_items_scrolls_instead_of_being_cut(qtbot: QtBot) -> None:
    dialog = SendDialog("the agreement", ("student", "sending", "host"), refuse)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    label = dialog.problems
    assert isinstance(label, QLabel) and label.isVisible()
    assert "Task 30 needs a deadline" in label.text()
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    # the last line is inside the label's area: reachable, by scrolling if need be
    assert label.heightForWidth(label.width()) <= label.height()
