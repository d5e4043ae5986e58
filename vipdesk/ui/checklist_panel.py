"""Beside the placement form: its status, the phase checklists and what blocks the next step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vipdesk.models import LIFECYCLE, Phase, Status
from vipdesk.services.checklist import ItemState, blockers
from vipdesk.services.placements import allowed_transitions, is_forward

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ChecklistPanel(QWidget):
    """Shows state; the editor does the saving when `tick_changed`/`status_requested` fire."""

    tick_changed = Signal(str, bool)
    status_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self._on_next_clicked)
        self.more_button = QToolButton()
        self.more_button.setText("Other moves")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        moves = QHBoxLayout()
        moves.addWidget(self.next_button, 1)
        moves.addWidget(self.more_button)

        self.blocking_label = QLabel()
        self.blocking_label.setWordWrap(True)
        self.blocking_label.setStyleSheet("color: #8a4b00;")

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Checklist", "Done"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.itemChanged.connect(self._on_item_changed)

        self.placeholder = QLabel("Save the placement to start its checklist.")
        self.placeholder.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addLayout(moves)
        layout.addWidget(self.blocking_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.placeholder)
        self._status = Status.DRAFT
        self._states: list[ItemState] = []
        self._next: Status | None = None
        self.show_unsaved()

    def show_unsaved(self) -> None:
        for widget in (self.next_button, self.more_button, self.tree, self.blocking_label):
            widget.setVisible(False)
        self.status_label.setText("Status: <b>Draft</b> (not saved yet)")
        self.placeholder.setVisible(True)

    def show_state(self, status: Status, states: list[ItemState]) -> None:
        self._status, self._states = status, states
        self.placeholder.setVisible(False)
        for widget in (self.next_button, self.more_button, self.tree):
            widget.setVisible(True)
        step = (
            f" — step {LIFECYCLE.index(status) + 1} of {len(LIFECYCLE)}"
            if (status in LIFECYCLE)
            else ""
        )
        self.status_label.setText(f"Status: <b>{status.label}</b>{step}")

        moves = allowed_transitions(status)
        forward = [s for s in moves if is_forward(status, s)]
        self._next = forward[0] if forward else None
        self.next_button.setVisible(self._next is not None)
        done = {s.item.key for s in states if s.done}
        open_items = blockers(done, self._next) if self._next else []
        if self._next is not None:
            self.next_button.setText(f"Move to “{self._next.label}”")
            self.next_button.setEnabled(not open_items)
            self.next_button.setToolTip(
                "Tick the items marked ‘blocks next step’ first." if open_items else ""
            )
        self.blocking_label.setVisible(bool(open_items))
        if open_items:
            self.blocking_label.setText(
                f"{len(open_items)} open item(s) block “{self._next.label}”"  # type: ignore[union-attr]
                " — marked below."
            )
        self.more_menu.clear()
        for target in moves:
            if target is self._next:
                continue
            text = (
                "Cancel the placement…"
                if target is Status.CANCELLED
                else f"Reopen as {target.label}"
                if status is Status.CANCELLED
                else f"Back to {target.label}"
            )
            action = self.more_menu.addAction(text)
            action.triggered.connect(lambda _c=False, t=target: self.status_requested.emit(t.value))
        self.more_button.setEnabled(not self.more_menu.isEmpty())
        self._fill_tree(status, {i.key for i in open_items})

    def _fill_tree(self, status: Status, blocking: set[str]) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        warn = QBrush(QColor("#b3261e"))
        for phase in Phase:
            states = [s for s in self._states if s.item.phase is phase]
            done = sum(s.done for s in states)
            group = QTreeWidgetItem([f"{phase.label} the placement", f"{done} of {len(states)}"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for state in states:
                when = (
                    f"{state.done_by}, {state.done_at:%d %b %Y}"
                    if state.done_at
                    else ("blocks next step" if state.item.key in blocking else "")
                )
                child = QTreeWidgetItem([state.item.label, when])
                child.setData(0, KEY_ROLE, state.item.key)
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(
                    0, Qt.CheckState.Checked if state.done else Qt.CheckState.Unchecked
                )
                if state.item.key in blocking:
                    child.setForeground(1, warn)
                child.setToolTip(0, state.item.label)
                group.addChild(child)
            group.setExpanded(phase is status.phase)
        self.tree.blockSignals(False)

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        key = item.data(0, KEY_ROLE)
        if column == 0 and key:
            self.tick_changed.emit(str(key), item.checkState(0) == Qt.CheckState.Checked)

    def _on_next_clicked(self) -> None:
        if self._next is not None:
            self.status_requested.emit(self._next.value)
