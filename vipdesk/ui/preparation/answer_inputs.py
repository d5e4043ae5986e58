"""One input per questionnaire item: radio buttons for scales and yes/no, a list or a drop-down
for choices, a small text box for remarks. Each reports its answer as the service stores it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.services.preparation.questionnaires import AnswerValue, Item, ItemType
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown

# Up to this many options a choice shows as radio buttons; beyond, as a drop-down.
MAX_RADIOS = 5


class AnswerInput(QWidget):
    """Base: `value()` is the answer (None when unanswered); `changed` fires on every edit.

    `changed` is fed by connecting Qt's own signals to it, never by `emit()` from Python:
    in PySide6 6.12 each Python `emit()` drops a reference to True, and a questionnaire
    emits on every click.
    """

    changed = Signal()

    def value(self) -> AnswerValue | None:
        raise NotImplementedError

    def set_value(self, value: AnswerValue | None) -> None:
        raise NotImplementedError

    def take_focus(self) -> None:
        self.setFocus(Qt.FocusReason.TabFocusReason)


class RadioAnswer(AnswerInput):
    """One exclusive group; the arrow keys move between its buttons, Tab leaves it."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item = item
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        direction = (
            QBoxLayout.Direction.TopToBottom
            if item.type is ItemType.CHOICE
            else QBoxLayout.Direction.LeftToRight
        )
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12 if direction is QBoxLayout.Direction.LeftToRight else 2)
        for option in item.options:
            text = (
                f"{option.key} · {shown(option.label)}"
                if item.type is ItemType.SCALE
                else shown(option.label)
            )
            button = QRadioButton(text.replace("&", "&&"), self)
            button.setAccessibleName(f"{item.text} {shown(option.label)}")
            self.group.addButton(button)
            self.buttons.append(button)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)  # clickable only on its text
        if direction is QBoxLayout.Direction.LeftToRight:
            layout.addStretch(1)
        self.group.buttonToggled.connect(self.changed)  # twice per change: off, then on

    def value(self) -> AnswerValue | None:
        checked = self.group.checkedButton()
        if not isinstance(checked, QRadioButton):  # None: nothing chosen yet
            return None
        key = self._item.options[self.buttons.index(checked)].key
        return int(key) if self._item.type is ItemType.SCALE else key

    def take_focus(self) -> None:
        """On the chosen button, else the first: the arrow keys go on from there."""
        (self.group.checkedButton() or self.buttons[0]).setFocus(Qt.FocusReason.TabFocusReason)

    def set_value(self, value: AnswerValue | None) -> None:
        self.group.setExclusive(False)  # or a checked button could not be cleared
        for button, option in zip(self.buttons, self._item.options, strict=True):
            button.setChecked(value is not None and option.key == str(value))
        self.group.setExclusive(True)


class ComboAnswer(AnswerInput):
    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setPlaceholderText(tr("Choose…"))
        self.combo.setAccessibleName(item.text)
        for option in item.options:
            self.combo.addItem(shown(option.label), option.key)
        self.combo.setCurrentIndex(-1)
        self.combo.currentIndexChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def value(self) -> AnswerValue | None:
        data = self.combo.currentData()
        return str(data) if data is not None else None

    def set_value(self, value: AnswerValue | None) -> None:
        self.combo.setCurrentIndex(self.combo.findData(value) if value is not None else -1)


class TextAnswer(AnswerInput):
    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)  # Tab moves on, as everywhere else in the wizard
        self.edit.setAccessibleName(item.text)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self.edit.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> AnswerValue | None:
        text = self.edit.toPlainText().strip()
        return text or None

    def set_value(self, value: AnswerValue | None) -> None:
        self.edit.setPlainText("" if value is None else str(value))


def make_input(item: Item, parent: QWidget | None = None) -> AnswerInput:
    if item.type is ItemType.TEXT:
        return TextAnswer(item, parent)
    if item.type is ItemType.CHOICE and len(item.options) > MAX_RADIOS:
        return ComboAnswer(item, parent)
    return RadioAnswer(item, parent)


class QuestionBlock(QWidget):
    """A numbered question, its help text, its input and a line for a problem with it."""

    def __init__(self, number: int, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        mark = " *" if item.required else " (optional)"
        self.question = QLabel(f"<b>{number}.</b> {escape(item.text)}{mark}", self)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        self.question.setWordWrap(True)
        self.help = QLabel(item.help, self)
        self.help.setTextFormat(Qt.TextFormat.PlainText)  # as written: quotes, not &#x27;
        self.help.setWordWrap(True)
        self.help.setStyleSheet(theme.text_style("muted"))
        self.help.setVisible(bool(item.help))
        self.input = make_input(item, self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.text_style("error"))
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.question)
        layout.addWidget(self.help)
        layout.addWidget(self.input)
        layout.addWidget(self.error)
        self.input.changed.connect(lambda: self.show_problem(""))

    def show_problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
