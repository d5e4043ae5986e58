"""A stand-in for QMessageBox's modal calls: records what would have been shown, answers at once.

Patched at the class (Vorta's way), so no test can be left waiting on a modal dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

Button = QMessageBox.StandardButton


@dataclass
class MessageBoxes:
    """Answers for the next questions and conflict boxes, and everything that was shown."""

    question_answer: Button = Button.No
    exec_answer: Button = Button.Cancel
    shown: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)

    def texts(self, kind: str) -> list[str]:
        return [text for k, text in self.shown if k == kind]


def patch_message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()

    def static(kind: str) -> Any:
        def show(_parent: object, _title: str, text: str, *_args: object) -> Button:
            boxes.shown.append((kind, text))
            return boxes.question_answer if kind == "question" else Button.Ok

        return staticmethod(show)

    def exec_(box: QMessageBox) -> int:
        boxes.shown.append(("exec", box.text()))
        boxes.shown.append(("exec-details", box.informativeText()))
        return int(boxes.exec_answer.value)

    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, static(kind))
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return boxes
