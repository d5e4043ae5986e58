"""Message boxes that answer at once: patched at the class (Vorta's way), recorded for the test.

The static calls (`question`, `warning`, …) and the boxes a widget builds and `exec()`s itself,
such as the conflict box of `record_editor.ask_conflict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


@dataclass
class MessageBoxes:
    """Every message box a test triggered, and the answers the next ones get.

    `shown` holds (kind, text) in order: kind is the static method's name ("question",
    "warning", …), or "exec" for the text of a built box and "exec-details" for its
    informative text.
    """

    shown: list[tuple[str, str]] = field(default_factory=list)
    answers: list[Button] = field(default_factory=list)  # for the next static boxes, in order
    exec_answer: Button = Button.Cancel  # for every built box

    def texts(self, kind: str | None = None) -> list[str]:
        """The texts shown, of one kind or of all."""
        return [text for shown_kind, text in self.shown if kind is None or shown_kind == kind]


def answer_message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """Static boxes answer from `answers`, else No (Discard when offered) or Ok; built boxes
    answer `exec_answer`."""
    boxes = MessageBoxes()

    def fake(kind: str) -> object:
        def show(
            _parent: QWidget | None,
            _title: str,
            text: str,
            *args: Any,
            **kwargs: Any,
        ) -> Button:
            boxes.shown.append((kind, str(text)))
            if boxes.answers:
                return boxes.answers.pop(0)
            if kind == "question":
                buttons = args[0] if args else kwargs.get("buttons")
                if buttons is not None and buttons & Button.Discard:
                    return Button.Discard
                return Button.No
            return Button.Ok

        return staticmethod(show)

    def exec_(box: QMessageBox) -> int:
        boxes.shown.append(("exec", box.text()))
        boxes.shown.append(("exec-details", box.informativeText()))
        return int(boxes.exec_answer.value)

    for kind in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return boxes
