"""Dialogs of the signature round: recording a signature, and a party's decline.

Each dialog that changes something is given the action as a callable and calls it itself when
the user presses OK: a `ValidationError` then lands beside its fields and the dialog stays open
with everything typed, instead of closing and losing it. The red banner and the file filters
here are shared with `send_dialog` (choosing the signing order) and `agreement_dialogs`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.errors import UnconfirmedSignerError, ValidationError, VipdeskError
from vipdesk.services.agreements.views import PARTY_LABELS
from vipdesk.services.signatures.recording import Approval
from vipdesk.ui import theme
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import in_sentence, shown
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.widgets import DateField, add_field

PDF_FILTER = tr("PDF documents (*.pdf)")
SCAN_FILTER = tr("Scans (*.pdf *.png *.jpg *.jpeg)")
KEY_FILTER = tr("Certificates with their key (*.p12 *.pfx)")


def _holder(widget: QWidget, levels: int = 1) -> QWidget:
    """The widget `add_field` put in the form row, `levels` parents up from `widget`."""
    for _ in range(levels):
        parent = widget.parentWidget()
        assert parent is not None
        widget = parent
    return widget


def make_banner() -> QLabel:
    """A red box for messages that belong to no single field; hidden while empty."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(theme.box_style("error"))
    label.setVisible(False)
    return label


def show_banner(label: QLabel, text: str) -> None:
    """Show `text` in a banner, or hide it when `text` is empty."""
    label.setText(text)
    label.setVisible(bool(text))


# --- recording a signature -----------------------------------------------------------------

TYPED, SCANNED, RETURNED, SIGN_HERE = "typed", "scanned", "returned", "sign_here"
METHOD_TEXTS = {
    TYPED: tr("&Typed approval (by e-mail or letter)"),
    SCANNED: tr("&Paper signature, with a scan of the signed page"),
    RETURNED: tr("Digital: a PDF &returned signed"),
    SIGN_HERE: tr("Digital: sign &here with a certificate (.p12)"),
}


@dataclass(frozen=True)
class SignatureEntry:
    """What the coordinator entered: the method, the signer, and the file it needs."""

    method: str
    approval: Approval
    file: Path | None = None
    passphrase: bytes | None = None  # used once by the action, never kept
    # The coordinator confirmed a digital signer vipdesk could not confirm (kept in history).
    confirm_signer: bool = False


class RecordSignatureDialog(QDialog):
    """Record the next party's signature; `record(entry)` stores it (and may refuse it)."""

    def __init__(
        self,
        party: str,
        title: str,
        expected: Approval,
        record: Callable[[SignatureEntry], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._record = record
        self.setWindowTitle(
            tr("Record signature — {value}").format(value=shown(PARTY_LABELS[party]))
        )
        heading = QLabel(
            tr("<b>{value}</b> signs <b>{title}</b>. How did they sign?").format(
                value=escape(shown(PARTY_LABELS[party])), title=escape(title)
            )
        )
        heading.setWordWrap(True)
        self.methods = QButtonGroup(self)
        choices = QVBoxLayout()
        self.method_buttons: dict[str, QRadioButton] = {}
        for key, text in METHOD_TEXTS.items():
            button = QRadioButton(text)
            button.setProperty("method", key)
            self.methods.addButton(button)
            self.method_buttons[key] = button
            choices.addWidget(button)
        self.method_buttons[TYPED].setChecked(True)

        form = QFormLayout()
        self.name = QLineEdit(expected.name)
        self.function = QLineEdit(expected.function)
        self.email = QLineEdit(expected.email)
        self.signed_on = DateField()
        self.signed_on.set_value(expected.signed_on or date.today())
        self.file = QLineEdit()
        self.file.setPlaceholderText(tr("Choose the file…"))
        self.browse_button = QPushButton(tr("&Browse…"))
        self.browse_button.clicked.connect(self._on_browse)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(self.browse_button)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(tr("Used once to sign; never stored"))
        self.errors = {
            "name": add_field(form, tr("Name"), self.name, required=True),
            "function": add_field(form, tr("Function"), self.function),
            "email": add_field(form, tr("E-mail"), self.email),
            "signed_on": add_field(form, tr("Date signed"), self.signed_on, required=True),
            "scan": add_field(form, tr("File"), file_row, required=True),
            "passphrase": add_field(form, tr("Passphrase"), self.passphrase),
        }
        self._form = form
        self.banner = make_banner()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(choices)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.methods.buttonToggled.connect(lambda _b, _on: self._update())
        self._update()
        self.resize(520, self.sizeHint().height())

    def method(self) -> str:
        checked = self.methods.checkedButton()
        return str(checked.property("method")) if checked else TYPED

    def set_method(self, method: str) -> None:
        self.method_buttons[method].setChecked(True)

    def _update(self) -> None:
        """Show only the fields the chosen method asks for."""
        method = self.method()
        people = method in (TYPED, SCANNED)
        for name, widget in (
            ("name", self.name),
            ("function", self.function),
            ("email", self.email),
            ("signed_on", self.signed_on),
        ):
            self._form.setRowVisible(_holder(widget), people)
            self.errors[name].clear_message()
        self._form.setRowVisible(_holder(self.file, 2), method != TYPED)
        self._form.setRowVisible(_holder(self.passphrase), method == SIGN_HERE)
        label = self._form.labelForField(_holder(self.file, 2))
        if isinstance(label, QLabel):
            label.setText(
                {SCANNED: "Scan *:", RETURNED: "Signed PDF *:", SIGN_HERE: "Key file *:"}.get(
                    method, "File:"
                )
            )
        self.ok_button.setText(tr("&Sign") if method == SIGN_HERE else tr("&Record"))
        show_banner(self.banner, "")

    def _on_browse(self) -> None:
        method = self.method()
        caption, pattern = {
            SCANNED: ("Choose the scan of the signed page", SCAN_FILTER),
            RETURNED: ("Choose the PDF returned signed", PDF_FILTER),
            SIGN_HERE: ("Choose the certificate file", KEY_FILTER),
        }.get(method, ("Choose a file", ""))
        chosen, _ = QFileDialog.getOpenFileName(self, caption, self.file.text(), pattern)
        if chosen:
            self.file.setText(chosen)

    def entry(self) -> SignatureEntry | None:
        """What is entered, or None after marking what cannot be read."""
        for error in self.errors.values():
            error.clear_message()
        method = self.method()
        try:
            when = self.signed_on.value()
        except ValueError as exc:
            self.errors["signed_on"].show_message(error_text(exc))
            return None
        path = Path(self.file.text().strip()) if self.file.text().strip() else None
        if method != TYPED and path is None:
            self.errors["scan"].show_message(tr("Choose the file."))
            return None
        approval = Approval(self.name.text(), self.function.text(), self.email.text(), when)
        secret = self.passphrase.text().encode() if method == SIGN_HERE else None
        return SignatureEntry(method, approval, path if method != TYPED else None, secret)

    def _on_ok(self) -> None:
        entry = self.entry()
        if entry is None:
            return
        try:
            try:
                self._record(entry)
            except UnconfirmedSignerError as exc:
                if not self._confirm_signer(exc):
                    show_banner(self.banner, error_text(exc))
                    return
                self._record(replace(entry, confirm_signer=True))
        except ValidationError as exc:
            unplaced = []
            for problem in exc.problems:
                error = self.errors.get(problem.field)
                if error is not None and not _holder(error).isHidden():
                    error.show_message(problem_text(problem))
                else:
                    unplaced.append(problem_text(problem))
            show_banner(self.banner, "\n".join(unplaced))
            return
        except VipdeskError as exc:
            show_banner(self.banner, error_text(exc))
            return
        finally:
            self.passphrase.clear()  # never kept longer than one try
        self.accept()

    def _confirm_signer(self, exc: UnconfirmedSignerError) -> bool:
        """Ask before recording a signer vipdesk cannot confirm; No is the default."""
        answer = QMessageBox.question(
            self,
            tr("Record an unconfirmed signer?"),
            tr(
                "{exc}\n\nRecord this signature only if you have confirmed who signed (for "
                "example by telephone). Your confirmation and the reason are kept in the "
                "placement's history."
            ).format(exc=error_text(exc)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


# --- declining -----------------------------------------------------------------------------


class DeclineDialog(QDialog):
    """A party declines: which one and why; `decline(party, reason)` records it."""

    def __init__(
        self,
        title: str,
        parties: Sequence[str],
        default: str | None,
        decline: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._decline = decline
        self.setWindowTitle(tr("Decline — {title}").format(title=title))
        warning = QLabel(
            tr(
                "A decline is recorded with its reason and <b>resets every other "
                "signature</b> on {title}, digital ones included. Start a new version to "
                "change the text."
            ).format(title=escape(title))
        )
        warning.setWordWrap(True)
        self.party = QComboBox()
        for party in parties:
            self.party.addItem(shown(PARTY_LABELS[party]), party)
        if default is not None:
            self.party.setCurrentIndex(max(0, self.party.findData(default)))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(tr("What the party wants changed, in their words"))
        self.reason.setFixedHeight(6 * self.reason.fontMetrics().lineSpacing())
        form = QFormLayout()
        add_field(form, tr("Party"), self.party, required=True)
        self.reason_error = add_field(form, tr("Reason"), self.reason, required=True)
        self.banner = make_banner()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(tr("&Decline"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def _on_ok(self) -> None:
        self.reason_error.clear_message()
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.reason_error.show_message(tr("Say why the party declines."))
            return
        party = str(self.party.currentData())
        answer = QMessageBox.question(
            self,
            tr("Record the decline?"),
            tr(
                "Record that the {value} declines? Every signature recorded so far on "
                "this version is reset."
            ).format(value=in_sentence(PARTY_LABELS[party])),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._decline(party, reason)
        except VipdeskError as exc:
            show_banner(self.banner, error_text(exc))
            return
        self.accept()
