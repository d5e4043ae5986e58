"""What labels show: escaped text in a label Qt takes for plain text shows its entities."""

from __future__ import annotations

import re

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QWidget

ENTITY = re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);")


def shown_literally(label: QLabel) -> bool:
    """True when the label shows its text as typed, markup and entities included."""
    kind = label.textFormat()
    if kind is Qt.TextFormat.PlainText:
        return True
    return kind is Qt.TextFormat.AutoText and not Qt.mightBeRichText(label.text())


def visible_entities(widget: QWidget) -> list[str]:
    """Every label under `widget` that would show an HTML entity such as `&#x27;` as is."""
    return [
        label.text()
        for label in widget.findChildren(QLabel)
        if shown_literally(label) and ENTITY.search(label.text())
    ]
