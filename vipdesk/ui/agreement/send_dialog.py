"""Sending a document for signature: the dialog that sets the signing order and sends.

The order is also shown in the Agreement tab (`order_text`). When sending is refused, the
dialog lists every problem with its section (`problem_list`) and stays open, so the
coordinator sees what to correct before closing it. The dialogs that record a signature or a
decline are in `signature_dialogs`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.services.agreements.checks.problems import SECTIONS
from vipdesk.services.agreements.views import PARTY_LABELS
from vipdesk.ui.agreement.signature_dialogs import make_banner, show_banner
from vipdesk.ui.agreement.wizard.base import section_title
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import shown
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.widgets import name_for_screen_readers


def order_text(order: Sequence[str]) -> str:
    """Trainee → Sending institution → Receiving organisation."""
    return " → ".join(shown(PARTY_LABELS[p]) for p in order)


class SendDialog(QDialog):
    """Choose who signs in which order, then send; `send(order)` does the sending."""

    def __init__(
        self,
        title: str,
        order: Sequence[str],
        send: Callable[[tuple[str, ...]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._send = send
        self.setWindowTitle(tr("Send {title} for signature").format(title=title))
        intro = QLabel(
            tr(
                "<b>{title}</b> is frozen when it is sent: its PDF is made and each "
                "party signs it in turn. Choose the order in which the parties sign."
            ).format(title=escape(title))
        )
        intro.setWordWrap(True)
        self.parties = QListWidget()
        name_for_screen_readers(
            self.parties, tr("Signing order"), tr("Who signs first, second, third")
        )
        self.parties.setMaximumHeight(8 + 4 * self.parties.fontMetrics().lineSpacing() * 2)
        for party in order:
            item = QListWidgetItem(shown(PARTY_LABELS[party]))
            item.setData(Qt.ItemDataRole.UserRole, party)
            self.parties.addItem(item)
        self.parties.setCurrentRow(0)
        self.up_button = QPushButton(tr("Move &up"))
        self.down_button = QPushButton(tr("Move d&own"))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        moves = QVBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.parties, 1)
        row.addLayout(moves)
        self.summary = QLabel()
        self.problems = make_banner()
        # A long list of what blocks sending scrolls: in a bare label its end was cut off.
        self.problems_area = QScrollArea()
        self.problems_area.setWidgetResizable(True)
        self.problems_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.problems_area.setWidget(self.problems)
        self.problems_area.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.addButton(tr("&Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._on_send)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_area, 1)
        layout.addWidget(buttons)
        self.parties.currentRowChanged.connect(lambda _row: self._update())
        self._update()
        self.resize(460, self.sizeHint().height())

    def order(self) -> tuple[str, ...]:
        return tuple(
            str(self.parties.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.parties.count())
        )

    def set_order(self, order: Sequence[str]) -> None:
        """Put the parties in `order` (as dragging them with the buttons would)."""
        for target, party in enumerate(order):
            current = self.order().index(party)
            item = self.parties.takeItem(current)
            self.parties.insertItem(target, item)
        self._update()

    def _move(self, step: int) -> None:
        row = self.parties.currentRow()
        if row < 0 or not 0 <= row + step < self.parties.count():
            return
        item = self.parties.takeItem(row)
        self.parties.insertItem(row + step, item)
        self.parties.setCurrentRow(row + step)
        self._update()

    def _update(self) -> None:
        row = self.parties.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.parties.count() - 1)
        self.summary.setText(tr("Order: {order_text}").format(order_text=order_text(self.order())))

    def _on_send(self) -> None:
        try:
            self._send(self.order())
        except ValidationError as exc:
            self._show_problems(problem_list(exc))
            return
        except VipdeskError as exc:
            self._show_problems(error_text(exc))
            return
        self.accept()

    def _show_problems(self, text: str) -> None:
        show_banner(self.problems, text)
        self.problems_area.setVisible(bool(text))
        lines = self.problems.fontMetrics().lineSpacing()
        wanted = self.problems.heightForWidth(self.problems_area.viewport().width()) + lines
        self.problems_area.setMinimumHeight(min(wanted, 12 * lines))  # then it scrolls
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))


def problem_list(exc: ValidationError) -> str:
    """'Section — message', one per line; the section from the problem's field path."""
    titles = {s.key: section_title(s.key) for s in SECTIONS}
    lines = []
    for problem in exc.problems:
        section = titles.get(problem.field.split(".")[0])
        said = problem_text(problem)
        lines.append(f"• {section} — {said}" if section else f"• {said}")
    return tr("Not sent — please correct first:\n") + "\n".join(lines)
