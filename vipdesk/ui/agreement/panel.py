"""The placement editor's Agreement tab: the agreement's versions, amendments and certificate,
their signatures, and every step of the signature round.

The list shows each document with its state and the short SHA-256 of its archived final PDF;
the table under it shows who signed the selected one and how. Each button acts on the selected
document and is disabled, with a tooltip saying why, when its step does not apply. The work is
done by `services.agreements` (`workflow`, `signatures`, `changes`, `export`); the steps with
files and dialogs are in `actions.AgreementActions`, which reaches the panel only through the
`tab.AgreementTab` protocol the panel provides.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData
from vipdesk.errors import VipdeskError
from vipdesk.models import DocumentKind, DocumentState, SignatureState
from vipdesk.services.agreements.queries import documents_of
from vipdesk.services.agreements.views import PARTY_LABELS, DocumentView, SignatureView
from vipdesk.services.placements.records import load_placement
from vipdesk.ui import theme, when
from vipdesk.ui.agreement.action_rules import ACTIONS, action_states
from vipdesk.ui.agreement.actions import AgreementActions
from vipdesk.ui.agreement.send_dialog import order_text
from vipdesk.ui.agreement.titles import title_of
from vipdesk.ui.agreement.wizard.wizard import AgreementWizard
from vipdesk.ui.funding.dialogs import fit_columns, make_table
from vipdesk.ui.funding.table_model import Column, RowsTableModel
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.phrases import error_text, sentence_text

EMPTY_TEXT = tr(
    "<b>No agreement yet</b> — <i>Draft the agreement…</i> starts version 1 from the "
    "placement's records: parties, dates, tasks, tools and the communication protocol."
)


def _day(value: object) -> str:
    if isinstance(value, datetime):
        return when.day(value.astimezone())
    return when.day(value) if isinstance(value, date) else ""


class AgreementPanel(QWidget):
    """One placement's documents and signatures; `changed` carries its id after each step.

    Sending moves the placement to "Agreement sent" and locking to "Signed", so the editor
    refreshes its status and history on `changed`.
    """

    changed = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.placement_id: int | None = None
        self.steps = AgreementActions(self)
        self.documents: list[DocumentView] = []
        self.placeholder = QLabel(tr("Save the placement first to draft its agreement."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: palette(mid); font-size: 14px;")
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setStyleSheet(theme.box_style("quiet", padding=10))
        self.model: RowsTableModel[DocumentView] = RowsTableModel(
            [
                Column(tr("Document"), title_of),
                Column(tr("State"), lambda d: shown(d.state.label)),
                Column(tr("Sent"), lambda d: _day(d.sent_at)),
                Column(tr("Locked"), lambda d: _day(d.locked_at)),
                Column(tr("SHA-256"), lambda d: d.final_sha256[:12]),
            ],
            lambda d: d.id,
            self,
        )
        self.table = make_table(
            self.model,
            tr("Agreement versions"),
            tr("Each version of the agreement, its state and date"),
        )
        self.table.doubleClicked.connect(lambda _i: self.steps.view())
        self.signature_model: RowsTableModel[SignatureView] = RowsTableModel(
            [
                Column(tr("Party"), lambda s: shown(s.party_label)),
                Column(tr("State"), lambda s: shown(s.state.label), alarm=_declined),
                # What a coordinator looks for first stays visible in the narrow side panel.
                Column(tr("Signed by"), lambda s: s.signer_name),
                Column(tr("Date"), lambda s: _day(s.signed_on)),
                Column(tr("Method"), lambda s: shown(s.method.label) if s.method else ""),
                Column(tr("Reason"), _reason, alarm=_declined),
                Column(tr("Function"), lambda s: s.signer_function),
                Column(tr("E-mail"), lambda s: s.signer_email),
                Column(tr("Recorded by"), lambda s: s.recorded_by),
            ],
            lambda s: s.position,
            self,
        )
        self.signatures = make_table(
            self.signature_model,
            tr("Signatures"),
            tr("Who signed the chosen version, when and how"),
        )
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What can be done now shows as buttons; every action, with why it cannot be done
        # now, is in the More menu.
        self.buttons: dict[str, QPushButton] = {}
        self.menu_actions: dict[str, QAction] = {}
        self.more = QToolButton()
        self.more.setText(tr("M&ore"))
        self.more.setToolTip(tr("Every action on the agreement, and why some cannot be done now"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        menu = QMenu(self.more)
        menu.setToolTipsVisible(True)
        self.more.setMenu(menu)
        for key, text in ACTIONS:
            self.buttons[key] = QPushButton(text)
            self.menu_actions[key] = menu.addAction(text.replace("&", ""))
        self.grid = QGridLayout()
        self.grid.setSpacing(4)
        for column in range(3):
            self.grid.setColumnStretch(column, 1)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.empty)
        body.addWidget(self.table, 2)
        body.addWidget(self.details)
        body.addWidget(self.signatures, 3)
        body.addStretch(0)  # takes the room while the lists are hidden
        body.addLayout(self.grid)
        layout = QVBoxLayout(self)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body, 1)
        for key, button in self.buttons.items():
            button.clicked.connect(getattr(self.steps, key))
            self.menu_actions[key].triggered.connect(getattr(self.steps, key))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selected())
        self.signatures.selectionModel().selectionChanged.connect(lambda *_a: self._update())
        self._stale = False
        self.show_placement(None)

    # --- showing ---------------------------------------------------------------------------

    def show_placement(self, placement_id: int | None) -> None:
        if placement_id != self.placement_id:
            self.documents = []
        self.placement_id = placement_id
        self.placeholder.setVisible(placement_id is None)
        self.body.setVisible(placement_id is not None)
        # Loaded when the tab is looked at, so that opening a placement stays instant.
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self, select: int | None = None) -> None:
        """Reload the documents; keep the selection, or select `select` (a document id)."""
        self._stale = False
        if self.placement_id is None:
            return
        keep = select if select is not None else self._selected_id()
        try:
            self.documents = documents_of(self.db, self.placement_id)
        except VipdeskError as exc:  # the database is unreachable: say so where the list was
            self.documents = []
            self.empty.setText(theme.span("error", error_text(exc)))
        else:
            self.empty.setText(EMPTY_TEXT)
        self.model.set_rows(self.documents)
        fit_columns(self.table, 4)
        self.empty.setVisible(not self.documents)
        for widget in (self.table, self.details, self.signatures):
            widget.setVisible(bool(self.documents))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and self.documents:
            row = self._default_row()
        if row is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(self.model.index(row, 0))
        self._on_selected()

    def _default_row(self) -> int:
        """The document most likely to need work: an open one, else the newest."""
        open_states = (DocumentState.DRAFT, DocumentState.SENT)
        for number in range(len(self.documents) - 1, -1, -1):
            if self.documents[number].state in open_states:
                return number
        return len(self.documents) - 1

    def _selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    def selected(self) -> DocumentView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select_document(self, document_id: int) -> None:
        self.refresh(select=document_id)

    def selected_signature(self) -> SignatureView | None:
        rows = self.signatures.selectionModel().selectedRows()
        return self.signature_model.rows[rows[0].row()] if rows else None

    def select_signature(self, party: str) -> None:
        for number, signature in enumerate(self.signature_model.rows):
            if signature.party == party:
                self.signatures.selectRow(number)

    def _on_selected(self) -> None:
        document = self.selected()
        self.signature_model.set_rows(list(document.signatures) if document else [])
        fit_columns(self.signatures, 8)
        self.details.setText(_details(document))
        self._update()

    def _update(self) -> None:
        document = self.selected()
        drafting = tr("&Draft agreement…")
        if self.documents:
            drafting = tr("Edit &draft…")
        self.buttons["edit"].setText(drafting)
        if document is not None and document.kind is DocumentKind.CERTIFICATE:
            self.buttons["edit"].setText(tr("Edit &draft…"))
        reasons = action_states(document, self.documents, self.selected_signature())
        for key, button in self.buttons.items():
            reason = reasons[key]
            button.setEnabled(not reason)
            button.setToolTip(reason)
            action = self.menu_actions[key]
            action.setText(button.text().replace("&", ""))
            action.setEnabled(not reason)
            action.setToolTip(reason or action.text())
        self._lay_out_buttons()

    def _lay_out_buttons(self) -> None:
        """The buttons of what can be done now, three to a row, then More."""
        for button in (*self.buttons.values(), self.more):
            self.grid.removeWidget(button)
            button.setVisible(False)
        shown = [b for b in self.buttons.values() if b.isEnabled()] + [self.more]
        for number, button in enumerate(shown):
            self.grid.addWidget(button, number // 3, number % 3)
            button.setVisible(True)

    def emit_changed(self) -> None:
        if self.placement_id is not None:
            self.changed.emit(self.placement_id)

    # --- hooks for modal windows -----------------------------------------------------------

    @property
    def dialog_parent(self) -> QWidget:
        return self

    def run_dialog(self, dialog: QDialog) -> bool:
        """Modal, like every editor; tests replace this to drive the dialog themselves."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def open_wizard(
        self,
        data: AgreementData,
        *,
        save: Callable[[AgreementData], None],
        read_only: bool,
        within_placement: bool = True,
    ) -> None:
        """The agreement wizard, modal; tests replace this to call `save` themselves.

        An agreement's period must fit the placement's planned one; an amendment's need not
        (it may extend the traineeship)."""
        assert self.placement_id is not None
        placement = load_placement(self.db, self.placement_id)
        wizard = AgreementWizard(
            data,
            placement_start=placement.planned_start if within_placement else None,
            placement_end=placement.planned_end if within_placement else None,
            save=save,
            read_only=read_only,
            parent=self,
        )
        wizard.exec()


def _declined(signature: SignatureView) -> bool:
    return signature.state is SignatureState.DECLINED


def _reason(signature: SignatureView) -> str:
    """A party's reason as typed; vipdesk's own (an unconfirmed signer recorded) in the
    interface's language."""
    if signature.reason_phrase is not None:
        return sentence_text(signature.reason_phrase)
    return signature.reason


def _details(document: DocumentView | None) -> str:
    if document is None:
        return ""
    lines = [f"<b>{escape(title_of(document))}</b> — {shown(document.state.label)}"]
    if document.note:
        lines.append(tr("Why: {note}").format(note=escape(document.note)))
    if document.state is DocumentState.DRAFT:
        lines.append(tr("Not sent yet: the signatures are recorded once it is out for signature."))
    else:
        lines.append(
            tr("Signing order: {order_text}").format(order_text=order_text(document.order))
        )
    if document.next_party is not None:
        lines.append(
            tr("Next to sign: <b>{value}</b>").format(
                value=shown(PARTY_LABELS[document.next_party])
            )
        )
    declined = document.declined
    if declined is not None:
        lines.append(
            tr(
                "<span style='color:{hex_of}'>Declined by the {party_label}: "
                "{reason}</span> — start a new version to rework it."
            ).format(
                hex_of=theme.hex_of("error"),
                party_label=in_sentence(declined.party_label),
                reason=escape(declined.reason),
            )
        )
    if document.final_sha256:
        lines.append(
            tr("SHA-256 of the final PDF: <tt>{final_sha256}</tt>").format(
                final_sha256=document.final_sha256
            )
        )
    return "<br>".join(lines)
