"""Walking a window as a screen reader would: every control that takes focus has a name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from vipdesk.ui.widgets import accessible_name


def _where(widget: QWidget) -> str:
    chain: list[str] = []
    part: QWidget | None = widget
    while part is not None and len(chain) < 4:
        chain.append(part.objectName() or type(part).__name__)
        part = part.parentWidget()
    return " < ".join(chain)


def unnamed(root: QWidget) -> list[str]:
    """Focusable, enabled controls of `root`'s window (pop-ups aside) without a name."""
    found = []
    for widget in root.findChildren(QWidget):
        if widget.window() is not root.window() or not widget.isEnabled():
            continue  # a combo box's pop-up list, a menu: named by their owner
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.isHidden():
            continue
        if widget.focusProxy() is not None:
            continue  # focus goes to the proxy, which is checked itself
        if isinstance(widget, QLabel) and not widget.text():
            continue  # filled when its page is shown; its text is its name then
        if not accessible_name(widget):
            found.append(_where(widget))
    return found


def undescribed_tables(root: QWidget) -> list[str]:
    """Tables and lists of `root` that tell a screen reader nothing of what they hold."""
    return [
        _where(view)
        for view in root.findChildren(QAbstractItemView)
        if view.window() is root.window()
        and not isinstance(view, QHeaderView)  # part of its table
        and not view.accessibleDescription().strip()
    ]


def tab_traps(root: QWidget) -> list[str]:
    """Text boxes of `root` where Tab types a tab instead of moving on: a keyboard trap."""
    return [
        _where(box)
        for box in root.findChildren(QPlainTextEdit)
        if box.window() is root.window() and not box.tabChangesFocus()
    ]
