"""The Today tab: what needs the coordinator now, grouped by urgency, each row one step away.

Enter (or a double click) opens the placement on the tab where the work is done; Ctrl+Shift+S
snoozes the item. An empty list says that all is done.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.mail.reminders import plan_reminders
from vipdesk.services.mail.settings import load_mail_settings
from vipdesk.services.worklist.due import Urgency, WorkItem, WorkList
from vipdesk.services.worklist.snoozes import snooze
from vipdesk.ui import when
from vipdesk.ui.i18n import tr, with_counts
from vipdesk.ui.mail.reminders_dialog import RemindersDialog
from vipdesk.ui.mail.sending import MailSender, sent_summary
from vipdesk.ui.phrases import error_text
from vipdesk.ui.tables import elide_headings
from vipdesk.ui.today.dialogs import RulesDialog, SnoozeDialog, snoozed_message
from vipdesk.ui.today.table_model import Column, WorkTableModel
from vipdesk.ui.widgets import name_for_screen_readers

SNOOZE_SHORTCUT = "Ctrl+Shift+S"
# Columns of short, known forms are as wide as their longest form; the others share the rest.
_SAMPLES = {
    Column.WHEN: tr("365 days overdue"),
    Column.PLACEMENT: tr("VIP-2026-00000"),
    Column.SINCE: tr("30 Sep 2026"),
}
_SHARES = {
    Column.WHAT: 22,
    Column.STUDENT: 14,
    Column.HOST: 16,
    Column.DETAILS: 26,
    Column.ACTION: 22,
}
_PADDING = 20  # the cell's margins and a little air


class _FittingTable(QTableView):
    """Columns fill the width and never more: the list never scrolls sideways, and a text the
    width cuts off shows whole as the row's tooltip."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        header = self.horizontalHeader()
        bold = QFont(self.font())
        bold.setBold(True)  # overdue rows are bold
        metrics = QFontMetrics(bold)
        fixed = {c: metrics.horizontalAdvance(text) + _PADDING for c, text in _SAMPLES.items()}
        for column, width in fixed.items():
            header.resizeSection(column, width)
        rest = max(self.viewport().width() - sum(fixed.values()), 0)
        total = sum(_SHARES.values())
        widths = {column: rest * share // total for column, share in _SHARES.items()}
        # No header cut off ("Aufnehmende Organisation"): a column gets at least its title's
        # width, taken from the columns with the most to spare.
        titles = QFontMetrics(header.font())
        model = self.model()
        least = {
            column: titles.horizontalAdvance(
                str(model.headerData(column, Qt.Orientation.Horizontal) if model else "")
            )
            + _PADDING
            for column in _SHARES
        }
        for column in _SHARES:
            widths[column] = max(widths[column], least[column])
        over = sum(widths.values()) - rest
        for column in sorted(_SHARES, key=lambda c: least[c] - widths[c]):
            if over <= 0:
                break
            take = min(over, widths[column] - least[column])
            widths[column] -= take
            over -= take
        for column, width in widths.items():
            header.resizeSection(column, width)


class TodayView(QWidget):
    """Emits `open_requested(placement id, editor tab)`, and `changed` after a snooze or a
    change of the rules (the work list is then read again)."""

    open_requested = Signal(int, str)
    changed = Signal()
    message = Signal(str)  # for the status bar

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.model = WorkTableModel()

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.open_button = QPushButton(tr("&Open placement"))
        self.open_button.setToolTip(tr("Open the placement where this is done (Enter)"))
        self.snooze_button = QPushButton(tr("S&nooze…"))
        self.snooze_button.setToolTip(
            tr("Hide this item until a date ({SNOOZE_SHORTCUT})").format(
                SNOOZE_SHORTCUT=SNOOZE_SHORTCUT
            )
        )
        self.rules_button = QPushButton(tr("&Rules…"))
        self.rules_button.setToolTip(tr("When the work list shows an item: the number of days"))
        self.open_button.clicked.connect(self._open_current)
        self.snooze_button.clicked.connect(self._snooze_current)
        self.rules_button.clicked.connect(self._on_rules)
        self.remind_button = QPushButton(tr("Send re&minders…"))
        self.remind_button.setToolTip(
            tr("E-mail each party a due item waits for: signatures, certificate, evaluations")
        )
        self.remind_button.clicked.connect(self._on_reminders)
        self.mailer = MailSender(db, self)
        self.mailer.sent.connect(
            lambda result: self.message.emit(
                tr("Reminders: {summary}.").format(summary=sent_summary(result))
            )
        )
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        for button in (self.open_button, self.snooze_button, self.remind_button, self.rules_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)

        self.table = _FittingTable()
        self.table.setModel(self.model)
        name_for_screen_readers(
            self.table, tr("Work list"), tr("What is due, grouped by overdue, this week and later")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        elide_headings(header)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(
                QKeySequence(key),
                self.table,
                self._open_current,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        QShortcut(
            QKeySequence(SNOOZE_SHORTCUT),
            self,
            self._snooze_current,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

        self.all_done = QLabel(
            tr(
                "<h2>All is done</h2><p>Nothing needs you today: no signatures waiting too long, "
                "no start with preparation open, no certificate or evaluation missing.</p>"
            )
        )
        self.all_done.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.all_done.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.all_done)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------

    def show_list(self, worklist: WorkList) -> None:
        """Show a newly read work list, keeping the selected item selected if it is still due."""
        current = self.current_item()
        self.model.set_work_list(worklist)
        self.table.clearSpans()
        for heading in self.model.heading_rows():
            self.table.setSpan(heading, 0, 1, len(Column))
        self.heading.setText(
            tr("<h2>Today, {long_day}</h2>").format(long_day=when.long_day(worklist.as_of))
        )
        self.summary.setText(summary(worklist))
        self.stack.setCurrentWidget(self.table if worklist.items else self.all_done)
        row: int | None = None
        if current is not None:
            row = self.model.row_of(current.placement_id, current.rule_key)
        if row is None:
            row = next((i for i in range(self.model.rowCount()) if self.model.item(i)), None)
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def current_item(self) -> WorkItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _update_buttons(self, *_: object) -> None:
        has_item = self.current_item() is not None
        self.open_button.setEnabled(has_item)
        self.snooze_button.setEnabled(has_item)

    # --- opening and snoozing --------------------------------------------------------------

    def _on_double_clicked(self, index: QModelIndex) -> None:
        item = self.model.item(index.row())
        if item is not None:
            self.open_requested.emit(item.placement_id, item.tab)

    def _open_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_requested.emit(item.placement_id, item.tab)

    def _snooze_current(self) -> None:
        item = self.current_item()
        worklist = self.model.work_list
        if item is None or worklist is None:
            return
        dialog = SnoozeDialog(item, worklist.as_of, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            snooze(
                self._db,
                item.placement_id,
                item.rule_key,
                dialog.until(),
                dialog.note(),
                today=worklist.as_of,
            )
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Cannot snooze"), error_text(exc))
            return
        self.message.emit(snoozed_message(item, dialog.until()))
        self.changed.emit()

    def _on_reminders(self) -> None:
        settings = load_mail_settings(self._db)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan = plan_reminders(self._db, settings)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Send reminders"), error_text(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        dialog = RemindersDialog(self._db, plan, settings, self)
        if self.run_dialog(dialog) and dialog.queued_ids:
            self.mailer.send(dialog.queued_ids)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Modal; tests replace this to drive the dialog themselves."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _on_rules(self) -> None:
        dialog = RulesDialog(self._db, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()


def summary(worklist: WorkList) -> str:
    """ "31 items: 11 overdue, 19 this week, 1 later · 2 snoozed"."""
    total = len(worklist.items)
    snoozed = (
        with_counts(tr(" · {snoozed:,} snoozed"), snoozed=worklist.snoozed)
        if worklist.snoozed
        else ""
    )
    if not total:
        return tr("Nothing due{snoozed}.").format(snoozed=snoozed)
    parts = [_counted(u, worklist.counts[u]) for u in Urgency if worklist.counts.get(u)]
    return tr("%Ln item(s): {parts}{snoozed}", "", total).format(
        parts=", ".join(parts), snoozed=snoozed
    )


def _counted(urgency: Urgency, n: int) -> str:
    """'7 overdue': a count and its urgency as the language words them together (German
    writes "7 überfällig", not the heading's "Überfällig")."""
    if urgency is Urgency.OVERDUE:
        return tr("%Ln overdue", "", n)
    if urgency is Urgency.THIS_WEEK:
        return tr("%Ln this week", "", n)
    return tr("%Ln later", "", n)
