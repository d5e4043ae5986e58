"""The Today tab's two dialogs: snooze an item until a date, and the rules' day counts."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.services.worklist.due import WorkItem
from vipdesk.services.worklist.rules import load_rules, set_rule_days
from vipdesk.services.worklist.snoozes import NOTE_LIMIT
from vipdesk.ui import theme, when
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import sentence_case
from vipdesk.ui.phrases import error_text
from vipdesk.ui.today import rule_texts

SNOOZE_DAYS = 7  # the date a snooze proposes: a week from today


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class SnoozeDialog(QDialog):
    """Asks until when to put an item off, and why; the item comes back the day after."""

    def __init__(self, item: WorkItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Snooze — {reference}").format(reference=item.reference))
        about = QLabel(
            f"<b>{escape(rule_texts.item_what(item))}</b><br>"
            f"{escape(rule_texts.for_whom(item))}<br>{escape(rule_texts.item_details(item))}"
        )
        about.setWordWrap(True)
        self.until_edit = QDateEdit()
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat(when.day_pattern())
        self.until_edit.setMinimumDate(_qdate(today + timedelta(days=1)))
        self.until_edit.setDate(_qdate(today + timedelta(days=SNOOZE_DAYS)))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(NOTE_LIMIT)
        self.note_edit.setPlaceholderText(tr("Why, e.g. “host HR away until Monday”"))
        form = QFormLayout()
        form.addRow(tr("Hide &until"), self.until_edit)
        form.addRow(tr("&Note"), self.note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Snooze"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(tr("It shows again the day after, unless the records say it is done by then."))
        )
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def until(self) -> date:
        chosen = self.until_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def note(self) -> str:
        return self.note_edit.text()


class RulesDialog(QDialog):
    """The day counts of the work-list rules, shared by everyone using the database."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(tr("Work-list rules"))
        self._rules = load_rules(db)
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for rule in self._rules:
            spin = QSpinBox()
            spin.setRange(rule.min_days, rule.max_days)
            spin.setValue(rule.days)
            spin.setSuffix(tr(" days"))
            spin.setToolTip(
                tr("{what}. Shipped default: {default_days} days.").format(
                    what=rule_texts.what(rule.key, rule.what), default_days=rule.default_days
                )
            )
            described = rule_texts.setting(rule.key, rule.setting)
            spin.setAccessibleName(described)
            self.spins[rule.key] = spin
            label = QLabel(described)
            label.setBuddy(spin)
            form.addRow(label, spin)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.text_style("error"))
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.defaults_button = QPushButton(tr("Restore &defaults"))
        buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.clicked.connect(self._on_defaults)
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "When the work list shows an item. "
                "These numbers apply to everyone using this database."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _on_defaults(self) -> None:
        for rule in self._rules:
            self.spins[rule.key].setValue(rule.default_days)

    def _on_save(self) -> None:
        try:
            set_rule_days(self._db, {key: spin.value() for key, spin in self.spins.items()})
        except VipdeskError as exc:
            self.problem.setText(error_text(exc))
            self.problem.setVisible(True)
            return
        self.accept()


def snoozed_message(item: WorkItem, until: date) -> str:
    return tr("Snoozed {reference} ({what}) until {day_text}.").format(
        reference=item.reference,
        what=sentence_case(rule_texts.item_what(item)),
        day_text=when.day(until),
    )
