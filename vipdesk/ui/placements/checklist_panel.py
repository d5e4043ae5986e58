"""Beside the placement form: its status, the phase checklists and what blocks the next step."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.models import LIFECYCLE, Phase, Status
from vipdesk.services.placements.checklist import Basis, ItemState
from vipdesk.services.placements.lifecycle import Outlook, Refusal, allowed_transitions
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.placements import checklist_texts
from vipdesk.ui.placements.evidence_texts import refusal_text, state_text, ticked_text
from vipdesk.ui.placements.status_dialogs import ask_reason

OUTSIDE = tr("done outside vipdesk: ")  # how a reason for a tick by hand usually starts


def _blocking_text(target: Status, blocking: list[Refusal]) -> str:
    """'3 things block “Agreement sent”: 2 items marked below, and: No agreement version…'."""
    items = sum(1 for r in blocking if r.item_key)
    records = [_first_lower(refusal_text(r)) for r in blocking if not r.item_key]
    parts = [tr("%n item(s) marked below", "", items)] if items else []
    parts += records
    count = len(blocking)
    things = tr("{count} things block").format(count=count) if count > 1 else tr("1 thing blocks")
    reasons = (
        parts[0]
        if len(parts) == 1
        else tr("{first}; and {last}").format(first="; ".join(parts[:-1]), last=parts[-1])
    )
    return tr("{things} “{target}”: {reasons}").format(
        things=things, target=shown(target.label), reasons=reasons
    )


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


class ChecklistPanel(QWidget):
    """Shows state; the editor does the saving when `tick_changed`/`status_requested` fire.

    An item that follows from the records shows what backs it and cannot be unticked here;
    ticking it by hand asks for a reason, sent with `tick_changed(key, done, reason)`.
    """

    tick_changed = Signal(str, bool, str)
    status_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self._on_next_clicked)
        self.more_button = QToolButton()
        self.more_button.setText(tr("Other moves"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        moves = QHBoxLayout()
        moves.addWidget(self.next_button, 1)
        moves.addWidget(self.more_button)

        self.blocking_label = QLabel()
        self.blocking_label.setWordWrap(True)
        self.blocking_label.setStyleSheet(theme.text_style("warning"))

        # One page per phase, the current one open; rows wrap, so long items stay readable.
        self.pages = QToolBox()
        self.pages.currentChanged.connect(self._build_page)
        self._blocking: set[str] = set()
        self._built: set[int] = set()  # pages whose rows exist
        self.checkboxes: dict[str, QCheckBox] = {}
        self.notes: dict[str, QLabel] = {}

        self.placeholder = QLabel(tr("Save the placement to start its checklist."))
        self.placeholder.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addLayout(moves)
        layout.addWidget(self.blocking_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.placeholder, 1, Qt.AlignmentFlag.AlignTop)
        self._status = Status.DRAFT
        self._states: list[ItemState] = []
        self._next: Status | None = None
        self._keep_page = False
        self.show_unsaved()

    def show_unsaved(self) -> None:
        for widget in (self.next_button, self.more_button, self.pages, self.blocking_label):
            widget.setVisible(False)
        self.status_label.setText(tr("Status: <b>Draft</b> (not saved yet)"))
        self.placeholder.setVisible(True)

    def show_state(self, status: Status, outlook: Outlook) -> None:
        self._status, self._states = status, outlook.states
        self.placeholder.setVisible(False)
        for widget in (self.next_button, self.more_button, self.pages):
            widget.setVisible(True)
        step = (
            tr(" — step {value} of {count}").format(
                value=LIFECYCLE.index(status) + 1, count=len(LIFECYCLE)
            )
            if (status in LIFECYCLE)
            else ""
        )
        self.status_label.setText(
            tr("Status: <b>{label}</b>{step}").format(step=step, label=shown(status.label))
        )

        moves = allowed_transitions(status)
        self._next = next_status = outlook.next_status
        self.next_button.setVisible(next_status is not None)
        blocking = outlook.blocking
        if next_status is not None:
            # Pressing it while something blocks lists every reason, each with a way to fix it.
            self.next_button.setText(tr("Move to “{label}”").format(label=shown(next_status.label)))
            self.next_button.setToolTip(
                tr("Shows what still blocks it, with a way to each fix.") if blocking else ""
            )
        self.blocking_label.setVisible(bool(blocking) and next_status is not None)
        if blocking and next_status is not None:
            self.blocking_label.setText(_blocking_text(next_status, blocking))
        self.more_menu.clear()
        for target in moves:
            if target is self._next:
                continue
            text = (
                tr("Cancel the placement…")
                if target is Status.CANCELLED
                else tr("Reopen as {label}").format(label=shown(target.label))
                if status is Status.CANCELLED
                else tr("Back to {label}").format(label=shown(target.label))
            )
            action = self.more_menu.addAction(text)
            action.triggered.connect(lambda _c=False, t=target: self.status_requested.emit(t.value))
        self.more_button.setEnabled(not self.more_menu.isEmpty())
        self._fill_tree(status, {r.item_key for r in blocking if r.item_key})

    def _fill_tree(self, status: Status, blocking: set[str]) -> None:
        """One page per phase with its counts; a page's rows are built when it is first opened
        (word-wrapped rich-text rows are slow to lay out, and only one page shows at a time)."""
        current = self.pages.currentIndex()
        self.pages.blockSignals(True)
        while self.pages.count():
            page = self.pages.widget(0)
            self.pages.removeItem(0)
            if page is not None:
                page.deleteLater()
        self.checkboxes.clear()
        self.notes.clear()
        self._blocking = blocking
        self._built = set()
        for phase in Phase:
            states = [s for s in self._states if s.item.phase is phase]
            done = sum(s.done for s in states)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            title = _phase_title(phase)
            scroll.setAccessibleName(title)
            self.pages.addItem(
                scroll,
                tr("{phase} — {done} of {count} done").format(
                    phase=title, done=done, count=len(states)
                ),
            )
            viewport = scroll.parentWidget()
            holder = viewport.parentWidget() if viewport is not None else None
            if isinstance(holder, QScrollArea):  # the tool box's own frame around the page
                holder.setAccessibleName(scroll.accessibleName())
        keep = self._keep_page and current >= 0
        self.pages.setCurrentIndex(current if keep else list(Phase).index(status.phase))
        self.pages.blockSignals(False)
        self._keep_page = False
        self._build_page(self.pages.currentIndex())

    def _build_page(self, index: int) -> None:
        if index < 0 or index in self._built:
            return
        self._built.add(index)
        phase = list(Phase)[index]
        page = QWidget()
        grid = QGridLayout(page)
        grid.setColumnStretch(1, 1)
        states = [s for s in self._states if s.item.phase is phase]
        for row, state in enumerate(states):
            key = state.item.key
            box = QCheckBox()
            box.setChecked(state.done)
            box.setAccessibleName(checklist_texts.item_label(state.item.key, state.item.label))
            by_records = state.basis is Basis.EVIDENCE
            box.setEnabled(not by_records)  # it goes when the records change, not by a click
            box.setToolTip(
                tr("Follows from vipdesk's records.")
                if by_records
                else tr("Ticking by hand asks why (the records do not show it).")
                if state.item.backed_by_evidence and not state.done
                else ""
            )
            box.toggled.connect(lambda on, k=key: self._on_toggled(k, on))
            text = QLabel(
                escape(checklist_texts.item_label(state.item.key, state.item.label))
                + self._note(state)
            )
            text.setWordWrap(True)
            text.setBuddy(box)
            grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            self.checkboxes[key] = box
            self.notes[key] = text
        grid.setRowStretch(len(states), 1)
        scroll = self.pages.widget(index)
        assert isinstance(scroll, QScrollArea)
        scroll.setWidget(page)

    def _note(self, state: ItemState) -> str:
        """The line under an item: what backs it, who ticked it and why, or what is missing."""
        if state.basis is Basis.EVIDENCE:
            text, colour = f"✓ {state_text(state)}", theme.hex_of("success")
        elif state.basis is Basis.HAND:
            text, colour = f"✓ {ticked_text(state)}", theme.hex_of("muted")
        elif state.item.key in self._blocking:
            detail = state_text(state)
            text = tr("⚠ blocks the next step") + (f": {detail}" if detail else "")
            colour = theme.hex_of("error")
        else:
            text, colour = state_text(state), theme.hex_of("muted")
        return f"<br><span style='color:{colour}'>{escape(text)}</span>" if text else ""

    def _on_toggled(self, key: str, done: bool) -> None:
        state = next(s for s in self._states if s.item.key == key)
        reason = ""
        if done and state.item.backed_by_evidence:
            asked = ask_reason(
                self,
                tr("Tick by hand"),
                tr(
                    "vipdesk ticks “{label}” from its records, which do not show it yet "
                    "({value}). Why is it done?"
                ).format(
                    label=checklist_texts.item_label(state.item.key, state.item.label),
                    value=state_text(state) or tr("nothing recorded"),
                ),
                OUTSIDE,
            )
            if asked is None:  # cancelled: the box goes back as it was
                box = self.checkboxes[key]
                box.blockSignals(True)
                box.setChecked(False)
                box.blockSignals(False)
                return
            reason = asked
        # Answered after this signal returns: the answer rebuilds the rows, this box included.
        self._keep_page = True
        QTimer.singleShot(0, lambda: self.tick_changed.emit(key, done, reason))

    def _on_next_clicked(self) -> None:
        if self._next is not None:
            self.status_requested.emit(self._next.value)


def _phase_title(phase: Phase) -> str:
    return {
        Phase.BEFORE: tr("Before the placement"),
        Phase.DURING: tr("During the placement"),
        Phase.AFTER: tr("After the placement"),
    }[phase]
