"""The placement editor: the form, its checklist and history, saving with conflict handling."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vipdesk.bidi import isolate
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError, VipdeskError
from vipdesk.models import Status
from vipdesk.services.placements import checklist, lifecycle, lookups
from vipdesk.services.placements import records as placements
from vipdesk.services.placements.history import placement_history
from vipdesk.services.placements.records import PlacementForm, changed_fields
from vipdesk.ui import theme
from vipdesk.ui.agreement.panel import AgreementPanel
from vipdesk.ui.conflict_dialog import ConflictChoice, ask_conflict
from vipdesk.ui.evaluations.panel import EvaluationsPanel
from vipdesk.ui.funding.costs_panel import CostsPanel
from vipdesk.ui.help.window import HELP_TOPIC
from vipdesk.ui.i18n import tr
from vipdesk.ui.icons import icon
from vipdesk.ui.labels import NAMES, shown
from vipdesk.ui.mail.outbox_view import OutboxView
from vipdesk.ui.monitoring.panel import MonitoringPanel
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.placements.checklist_panel import ChecklistPanel
from vipdesk.ui.placements.form import PlacementFormWidget
from vipdesk.ui.placements.history import HistoryPanel
from vipdesk.ui.placements.kept_draft import KeptDraft
from vipdesk.ui.placements.pickers import PlacementPickers
from vipdesk.ui.placements.status_moves import StatusMover
from vipdesk.ui.preparation.panel import PreparationPanel
from vipdesk.ui.tabs import IconsGiveWay
from vipdesk.ui.widgets import EnterStaysInFields


class PlacementEditor(QDialog):
    """Opens one placement (or a new one). Emits `saved`/`deleted` with the placement id."""

    saved = Signal(int)
    deleted = Signal(int)

    def __init__(
        self, db: Database, placement_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(tr("New placement"))
        self.resize(1120, 760)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        # The header card: what this placement is, where it stands, and what comes next.
        self.card = QLabel()
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setWordWrap(True)
        self.card.setVisible(False)
        header = QFrame()
        header.setObjectName("header-card")
        c = theme.colours()
        header.setStyleSheet(
            f"QFrame#header-card {{ background: {c.base}; border: 1px solid {c.chart['grid']};"
            " border-radius: 6px; }"
        )
        card_layout = QVBoxLayout(header)
        card_layout.setContentsMargins(10, 4, 10, 8)
        card_layout.setSpacing(2)
        card_layout.addWidget(self.heading)
        card_layout.addWidget(self.card)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(theme.box_style("error"))
        self.banner.setVisible(False)

        self._host_search = lookups.OrganisationSearch(db, names=NAMES)
        self.fields = PlacementFormWidget(
            student_search=lambda text: lookups.search_students(self._db, text),
            host_search=self._host_search,
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        scroll.setAccessibleName(tr("Placement details"))
        self.checklist = ChecklistPanel()
        self.history = HistoryPanel()
        self.side = QTabWidget()
        self.side.setAccessibleName(tr("Placement sections"))
        self.side.addTab(self.checklist, icon("checklist"), tr("Status"))
        self.preparation = PreparationPanel(db)
        self.side.addTab(self.preparation, icon("tools"), tr("Preparation"))
        self.costs = CostsPanel(db)
        self.side.addTab(self.costs, icon("coin"), tr("Costs"))
        self.agreement = AgreementPanel(db)
        self.agreement.changed.connect(self._on_agreement_changed)
        self.side.addTab(self.agreement, icon("signature"), tr("Agreement"))
        self.monitoring = MonitoringPanel(db)
        self.monitoring.changed.connect(self._on_agreement_changed)  # evidence and status
        self.side.addTab(self.monitoring, icon("calendar-stats"), tr("Monitoring"))
        self.evaluations = EvaluationsPanel(db)
        self.evaluations.changed.connect(self._on_agreement_changed)  # evidence and status
        self.side.addTab(self.evaluations, icon("clipboard-check"), tr("Evaluations"))
        self.mail = OutboxView(db, per_placement=True, lazy=True)
        self.mail.changed.connect(lambda: self._stale_tabs.add(self.history))
        self.side.addTab(self.mail, icon("mail"), tr("Mail"))
        self.side.addTab(self.history, icon("history"), tr("History"))
        IconsGiveWay(self.side)
        self.side.currentChanged.connect(self._on_side_tab_changed)
        self.setProperty(HELP_TOPIC, "new-placement")  # F1's section of the user guide
        for panel, topic in ((self.checklist, "checklist"), (self.preparation, "preparation"),
                             (self.costs, "costs"), (self.agreement, "agreement")):  # fmt: skip
            panel.setProperty(HELP_TOPIC, topic)
        self._stale_tabs: set[QWidget] = set()  # side tabs to read again when looked at
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(self.side)
        # The tabs on the right are where most work is done: they get the larger share.
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([470, 780])

        self.save_button = QPushButton(tr("Save"))
        self.save_button.setToolTip(tr("Save (Ctrl+S)"))
        self.delete_button = QPushButton(tr("Delete…"))
        self.close_button = QPushButton(tr("Close"))
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.installEventFilter(EnterStaysInFields(self))

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.fields.edited.connect(self._on_edited)
        self.kept_draft = KeptDraft(self, db, self._unsaved_form)
        self.checklist.tick_changed.connect(self._on_tick_changed)
        self.checklist.status_requested.connect(self._on_status_requested)
        self.mover = StatusMover(db, self)
        self.mover.moved.connect(self._on_moved)
        self.mover.fix_requested.connect(self.open_tab)

        self.pickers = PlacementPickers(db, self.fields, self, self._host_search)
        # The form and everything its pickers show, in one session: opening must be instant.
        if placement_id is None:
            self._form, choices = placements.open_new_placement(db, NAMES)
        else:
            self._form, choices = placements.open_placement(db, placement_id, NAMES)
        self._show(self._form, choices)
        self._offer_draft()

    # --- showing ---------------------------------------------------------------------------

    def _show(self, form: PlacementForm, choices: lookups.PickerChoices | None = None) -> None:
        self._form = form
        self.fields.fill(form, choices or lookups.picker_choices(self._db, form, NAMES))
        self.fields.show_problems([])
        self._show_banner("")
        self._update_heading()
        self._refresh_side()

    def _update_heading(self) -> None:
        form = self._form
        dirty = tr(" — <i>unsaved changes</i>") if self.is_dirty() else ""
        if form.id is None:
            self.heading.setText(tr("<h2>New placement{dirty}</h2>").format(dirty=dirty))
            self.setWindowTitle(tr("New placement"))
        else:
            title = escape(isolate(form.title))  # a title is the user's text, not markup
            self.heading.setText(f"<h2>{form.reference} · {title}{dirty}</h2>")
            self.setWindowTitle(tr("{reference} — placement").format(reference=form.reference))
        self.delete_button.setEnabled(form.id is not None)

    def _refresh_side(self) -> None:
        # Readiness, protocol and tools (a dozen queries) and the history are read when their
        # tab is looked at: opening a placement reads only what the first tab shows.
        self._stale_tabs = {self.preparation, self.history}
        self._on_side_tab_changed()
        self.costs.show_placement(self._form.id)
        self.agreement.show_placement(self._form.id)
        self.monitoring.show_placement(self._form.id)
        self.evaluations.show_placement(self._form.id, self._form.reference or "")
        self.mail.show_placement(self._form.id)
        if self._form.id is None:
            self.checklist.show_unsaved()
            self._show_card(None)
            return
        outlook = lifecycle.outlook(self._db, self._form.id, self._form.status)
        self.checklist.show_state(self._form.status, outlook)
        self._show_card(outlook)

    def _show_card(self, outlook: lifecycle.Outlook | None) -> None:
        """Who, the status as a chip, and the next step with what still blocks it."""
        form = self._form
        self.card.setVisible(form.id is not None and outlook is not None)
        if form.id is None or outlook is None:
            return
        status = theme.chip(shown(form.status.label), f"status.{form.status.value}")
        who = " · ".join(
            escape(label.split(" · ")[0])
            for label in (self.fields.student.line.text(), self.fields.host.line.text())
            if label
        )
        if outlook.next_status is None:
            step = {
                Status.COMPLETED: tr("No further step: the placement is completed"),
                Status.CANCELLED: tr("No further step: the placement was cancelled"),
            }.get(form.status) or tr("No further step")
        elif outlook.blocking:
            count = len(outlook.blocking)
            step = tr("Next: {label} — %n thing(s) still to do (Status tab)", "", count).format(
                label=escape(shown(outlook.next_status.label))
            )
        else:
            step = tr("Next: {label} — nothing blocks it").format(
                label=escape(shown(outlook.next_status.label))
            )
        self.card.setText(f"{status}&nbsp;&nbsp;<b>{who}</b><br>{step}")

    def show_tab(self, name: str) -> None:
        """Bring a side tab to the front by its name in the work-list rules (`TABS`)."""
        tabs = {
            "checklist": self.checklist,
            "preparation": self.preparation,
            "costs": self.costs,
            "agreement": self.agreement,
            "monitoring": self.monitoring,
            "evaluations": self.evaluations,
            "mail": self.mail,
            "history": self.history,
        }
        if name in tabs:
            self.side.setCurrentWidget(tabs[name])

    def _on_side_tab_changed(self, _index: int = -1) -> None:
        tab = self.side.currentWidget()
        if tab not in self._stale_tabs:
            return
        self._stale_tabs.discard(tab)
        if tab is self.preparation:
            self.preparation.show_placement(self._form.id, self._form.reference or "")
        elif tab is self.history:
            self._fill_history()

    def _fill_history(self) -> None:
        if self._form.id is None:
            self.history.show_unsaved()
            return
        self.history.show_days(placement_history(self._db, self._form.id))

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    # --- editing ---------------------------------------------------------------------------

    def current_form(self) -> tuple[PlacementForm, list[Any]]:
        return self.fields.read(self._form)

    def is_dirty(self) -> bool:
        form, problems = self.current_form()
        return bool(problems) or bool(changed_fields(self._form, form))

    def _on_edited(self) -> None:
        self._update_heading()
        self.kept_draft.edited()

    # --- drafts: unsaved edits kept on disk ------------------------------------------------

    def _unsaved_form(self) -> PlacementForm | None:
        return self.current_form()[0] if self.is_dirty() else None

    def _offer_draft(self) -> None:
        restored = self.kept_draft.offer(self._form)
        if restored is None:
            return
        # Keep the version the draft was based on: if someone saved since, Save shows both.
        self._form.version = restored.version
        self.fields.fill(restored, lookups.picker_choices(self._db, restored, NAMES))
        self._update_heading()

    def save(self, *, overwrite: bool = False) -> bool:
        """Validate and save; True when saved. Problems are shown beside their fields."""
        form, problems = self.current_form()
        problems += [
            p for p in placements.validate(form) if p.field not in {q.field for q in problems}
        ]
        if problems:
            self._show_problems(problems)
            return False
        try:
            stored = placements.save_placement(self._db, form, overwrite=overwrite)
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        except ConflictError as exc:
            return self._resolve_conflict(form, exc)
        except NotFoundError as exc:
            self._show_banner(error_text(exc))
            return False
        except VipdeskError as exc:  # database unreachable or busy: keep everything typed
            self._show_banner(error_text(exc))
            return False
        self.kept_draft.drop(form.id)
        self._show(stored)
        assert stored.id is not None
        self.saved.emit(stored.id)
        return True

    def _show_problems(self, problems: list[Any]) -> None:
        unplaced = self.fields.show_problems(problems)
        self._show_banner(
            tr("Nothing was saved: please correct the fields marked below.")
            + "".join(f"\n{problem_text(p)}" for p in unplaced)
        )

    def _resolve_conflict(self, mine: PlacementForm, exc: ConflictError) -> bool:
        theirs = exc.theirs
        if not isinstance(theirs, PlacementForm):
            self._show_banner(error_text(exc))
            return False
        rows = self.fields.conflict_rows(mine, theirs, partial(lookups.record_label, self._db))
        choice = ask_conflict(exc.changed_by, rows, self)
        if choice is ConflictChoice.RELOAD:
            self._show(theirs)
            return False
        if choice is ConflictChoice.KEEP_MINE:
            self._form.version = theirs.version
            return self.save(overwrite=True)
        self._show_banner(
            tr("{exc} Your edits are still here, not saved.").format(exc=error_text(exc))
        )
        return False

    # --- status and checklist --------------------------------------------------------------

    def _on_tick_changed(self, key: str, done: bool, reason: str) -> None:
        if self._form.id is None:
            return
        try:
            checklist.set_done(self._db, self._form.id, key, done, reason=reason)
        except VipdeskError as exc:
            self._show_banner(error_text(exc))
        self._refresh_side()

    def _on_status_requested(self, value: str) -> None:
        self.mover.request(self._form, Status(value))

    def _on_moved(self, moved: PlacementForm) -> None:
        # Only status and version changed: keep whatever the user is typing in the form.
        self._form.status, self._form.version = moved.status, moved.version
        self._update_heading()
        self._refresh_side()
        if moved.id is not None:
            self.saved.emit(moved.id)

    def open_tab(self, place: str) -> None:
        """Show a side tab by its name ("checklist", "monitoring", …)."""
        self.show_tab(place)

    def _on_agreement_changed(self, placement_id: int) -> None:
        """Sending and locking move the status: take the new status and version, keep edits."""
        try:
            stored = placements.load_placement(self._db, placement_id)
        except VipdeskError as exc:
            self._show_banner(error_text(exc))
            return
        self._form.status, self._form.version = stored.status, stored.version
        self._update_heading()
        self._refresh_side()
        self.saved.emit(placement_id)

    # --- deleting and closing --------------------------------------------------------------

    def _on_delete_clicked(self) -> None:
        form = self._form
        if form.id is None:
            return
        if (
            QMessageBox.question(
                self,
                tr("Delete placement"),
                tr(
                    "Delete {reference} ({title})? Its checklist goes with it. "
                    "This cannot be undone."
                ).format(reference=form.reference, title=form.title),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            placements.delete_placement(self._db, form.id)
        except VipdeskError as exc:
            self._show_banner(error_text(exc))
            return
        self.kept_draft.drop(form.id)
        self.deleted.emit(form.id)
        self._form = PlacementForm()  # nothing left to guard
        self.fields.fill(self._form, lookups.PickerChoices())
        super().accept()

    def _may_close(self) -> bool:
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
            tr("Unsaved changes"),
            tr("This placement has changes that are not saved. Save them before closing?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.kept_draft.drop(self._form.id)
            return True
        return False

    def reject(self) -> None:
        # Escape, Close and the window's close button all come here (QDialog.closeEvent).
        if self._may_close():
            super().reject()
