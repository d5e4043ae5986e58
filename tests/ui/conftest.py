"""UI test fixtures: no modal message box may ever block a test run."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QMessageBox


@dataclass
class MessageBoxes:
    """Every message box a test triggered, with the answer it got."""

    shown: list[tuple[str, str]] = field(default_factory=list)
    answers: list[QMessageBox.StandardButton] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [text for _kind, text in self.shown]


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """Message boxes answer from `answers` (default: No/Discard) instead of blocking."""
    boxes = MessageBoxes()

    def fake(kind: str):  # type: ignore[no-untyped-def]
        def show(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            boxes.shown.append((kind, str(text)))
            if boxes.answers:
                return boxes.answers.pop(0)
            if kind == "question":
                buttons = args[0] if args else kwargs.get("buttons")
                if buttons is not None and buttons & QMessageBox.StandardButton.Discard:
                    return QMessageBox.StandardButton.Discard
                return QMessageBox.StandardButton.No
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake(kind)))
    return boxes
