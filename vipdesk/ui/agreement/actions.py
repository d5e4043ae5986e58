"""What the Agreement tab's buttons do: one method per button, each a short conversation with
the coordinator (a file to choose, a dialog, a confirmation) around one service call.

Kept apart from `panel` (which lays out the lists and decides which buttons apply) so that
neither grows past a screenful of reading. Here: drafting, sending, the PDFs in and out, and
recording signatures; the steps that add a later document (a new version, an amendment, the
certificate) are in `new_documents`. Both reach the panel only through the `self.tab.AgreementTab`
protocol, so neither imports it. Every error a user can fix is shown in a message box; the tab
reloads and emits `changed` after anything that changed the database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from vipdesk.db import current_user
from vipdesk.documents.agreement.certificate_content import (
    CertificateData,
    certificate_from_dict,
    certificate_to_dict,
)
from vipdesk.documents.agreement.content import AgreementData
from vipdesk.documents.agreement.signature_block import Party, signer
from vipdesk.documents.files import write_atomically
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.models import DocumentKind, DocumentState, SignatureState
from vipdesk.services.agreements import queries as agreement_queries
from vipdesk.services.agreements import render as agreement_pdfs
from vipdesk.services.agreements import returns as agreement_returns
from vipdesk.services.agreements import workflow as agreements
from vipdesk.services.agreements.export import export_agreement
from vipdesk.services.agreements.views import DocumentView
from vipdesk.services.signatures import recording as signatures
from vipdesk.services.signatures.trust import check_signed_file
from vipdesk.ui.agreement.dialogs import CertificateEditor, ReturnedPdfDialog
from vipdesk.ui.agreement.new_documents import NewDocumentSteps
from vipdesk.ui.agreement.send_dialog import SendDialog
from vipdesk.ui.agreement.signature_dialogs import (
    PDF_FILTER,
    RETURNED,
    SCAN_FILTER,
    SCANNED,
    TYPED,
    DeclineDialog,
    RecordSignatureDialog,
    SignatureEntry,
)
from vipdesk.ui.agreement.tab import AgreementTab, done, warn
from vipdesk.ui.agreement.titles import title_of
from vipdesk.ui.agreement.verification_dialog import VerificationDialog, verification
from vipdesk.ui.i18n import tr
from vipdesk.ui.mail.agreement_mail import AgreementMail
from vipdesk.ui.spreadsheets.export_dialog import default_folder


def read_file(path: Path, field: str = "") -> bytes:
    """The file's bytes; a message naming it when it cannot be read (beside `field`)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        message = tr("Cannot read {name}: {value}.").format(
            name=path.name, value=exc.strerror or exc
        )
        if field:
            raise ValidationError.single(field, message) from exc
        raise VipdeskError(message) from exc


class AgreementActions:
    """The steps of the signature round, for the tab's selected document."""

    def __init__(self, tab: AgreementTab) -> None:
        self.tab = tab
        self.db = self.tab.db
        self.parent = self.tab.dialog_parent  # of every dialog and message box
        self.new_documents = NewDocumentSteps(tab, self.edit_document)
        self.mail = AgreementMail(tab)

    # --- helpers ---------------------------------------------------------------------------

    def _save_bytes(
        self, caption: str, name: str, make: Callable[[], bytes], pattern: str = PDF_FILTER
    ) -> None:
        suggested = str(default_folder() / name.replace("/", "-"))
        chosen, _ = QFileDialog.getSaveFileName(self.parent, caption, suggested, pattern)
        if not chosen:
            return
        path = Path(chosen)
        if not path.suffix:  # typed without one: the kind of file it is
            path = path.with_name(f"{path.name}{Path(name).suffix or '.pdf'}")
        try:
            write_atomically(path, make())
        except VipdeskError as exc:
            warn(self.tab, caption, exc)

    def _choose(self, caption: str, pattern: str = PDF_FILTER) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent, caption, str(default_folder()), pattern
        )
        return Path(chosen) if chosen else None

    # --- drafting --------------------------------------------------------------------------

    def edit(self) -> None:
        """Draft the agreement (version 1) or edit the selected draft."""
        document = self.tab.selected()
        if document is None:
            assert self.tab.placement_id is not None
            try:
                document = agreements.open_draft(self.db, self.tab.placement_id, current_user())
            except VipdeskError as exc:
                warn(self.tab, tr("Draft agreement"), exc)
                return
            self.tab.refresh(select=document.id)
        if document.state is not DocumentState.DRAFT:
            return
        self.edit_document(document)
        done(self.tab, document.id)

    def edit_document(self, document: DocumentView) -> None:
        """Open a draft in its editor: the certificate's, or the agreement wizard."""
        if document.kind is DocumentKind.CERTIFICATE:
            self.edit_certificate(document)
        else:
            self.edit_agreement(document)

    def edit_agreement(self, document: DocumentView) -> None:
        # The wizard saves more than once: each save expects the version the last one left.
        latest = [document.row_version]

        def save(data: AgreementData) -> None:
            stored = agreements.save_agreement_draft(
                self.db, document.id, data, latest[0], current_user()
            )
            latest[0] = stored.row_version

        self.tab.open_wizard(
            document.agreement,
            save=save,
            read_only=False,
            within_placement=document.kind is DocumentKind.AGREEMENT,
        )

    def edit_certificate(self, document: DocumentView) -> None:
        latest = [document.row_version]

        def save(data: CertificateData) -> None:
            stored = agreements.save_draft(
                self.db, document.id, certificate_to_dict(data), latest[0], current_user()
            )
            latest[0] = stored.row_version

        editor = CertificateEditor(certificate_from_dict(document.content), save, self.parent)
        self.tab.run_dialog(editor)

    def view(self) -> None:
        document = self.tab.selected()
        if document is None:
            return
        if document.kind is DocumentKind.CERTIFICATE:
            data = certificate_from_dict(document.content)
            self.tab.run_dialog(CertificateEditor(data, None, self.parent))
        else:
            self.tab.open_wizard(document.agreement, save=lambda _data: None, read_only=True)

    # --- sending and files -----------------------------------------------------------------

    def send(self) -> None:
        document = self.tab.selected()
        if document is None:
            return
        sent: list[DocumentView] = []

        def send(order: tuple[str, ...]) -> None:
            sent.append(
                agreements.send_for_signature(
                    self.db, document.id, document.row_version, order=order, user=current_user()
                )
            )

        dialog = SendDialog(title_of(document), document.order, send, self.parent)
        self.tab.run_dialog(dialog)
        if sent:
            done(self.tab, document.id)

    def pdf(self) -> None:
        document = self.tab.selected()
        if document is None:
            return
        if document.state is DocumentState.SIGNED:
            name = f"{document.reference} {document.title} signed.pdf"
            self._save_bytes(
                tr("Save the final PDF"),
                name,
                lambda: agreement_pdfs.final_pdf(self.db, document.id),
            )
        else:
            name = f"{document.reference} {document.title}.pdf"
            self._save_bytes(
                tr("Save the PDF"), name, lambda: agreement_pdfs.document_pdf(self.db, document.id)
            )

    def fillable(self) -> None:
        """The selected version for HR to fill in, made as `vipdesk agreement export
        --fillable` makes it: the service refuses a locked agreement, or a replaced version."""
        document = self.tab.selected()
        placement_id = self.tab.placement_id
        if document is None or placement_id is None:
            return
        name = tr("{reference} {title} for HR.pdf").format(
            reference=document.reference, title=title_of(document)
        )
        self._save_bytes(
            tr("Save the fillable PDF for HR"),
            name,
            lambda: export_agreement(self.db, placement_id, fillable=True, version=document.id).pdf,
        )

    def email(self) -> None:
        """The selected document by e-mail: to a party still to sign, or signed to all."""
        document = self.tab.selected()
        if document is not None:
            self.mail.send(document)

    def returned(self) -> None:
        """Read a PDF HR sent back: accept chosen changes, record signatures found in it."""
        path = self._choose(tr("Choose the PDF returned by HR"))
        if path is None:
            return
        try:
            data = read_file(path)
        except VipdeskError as exc:
            warn(self.tab, tr("Import returned PDF"), exc)
            return
        self.returned_file(data, path.name)

    def returned_file(self, data: bytes, name: str) -> None:
        """A returned agreement (opened, or attached to a mail): review, accept, record."""
        placement_id = self.tab.placement_id
        assert placement_id is not None
        try:
            review = agreement_returns.returned_changes(self.db, placement_id, data, name)
            target = (
                agreement_queries.get_document(self.db, review.document_id)
                if review.document_id is not None
                else None
            )
        except VipdeskError as exc:
            warn(self.tab, tr("Import returned PDF"), exc)
            return
        recordable: list[str] = []
        if target is not None and target.state is DocumentState.SENT:
            pending = {
                s.party: s.position
                for s in target.signatures
                if s.state is not SignatureState.SIGNED
            }
            signed = [p for p in review.signed_parties if p in pending]
            recordable = sorted(signed, key=lambda p: pending[p])
        created: list[DocumentView] = []

        def apply(fields: list[str], parties: list[str]) -> None:
            for party in parties:
                assert target is not None
                signatures.record_digital(
                    self.db, target.id, party, data, name=name, user=current_user()
                )
            if fields:
                created.append(
                    agreement_returns.accept_changes(
                        self.db, placement_id, review, fields, current_user()
                    )
                )

        dialog = ReturnedPdfDialog(name, review, recordable, apply, self.parent)
        self.tab.run_dialog(dialog)
        done(self.tab, created[0].id if created else (target.id if target else None))

    def verify(self) -> None:
        path = self._choose(tr("Choose a PDF to verify"))
        if path is None:
            return
        try:
            data = read_file(path)
            checks = check_signed_file(self.db, data, path.name).signers
        except VipdeskError as exc:
            warn(self.tab, tr("Verify a PDF"), exc)
            return
        result = verification(path.name, data, checks, "", "")
        archived, title = self._archive_for(result.sha256)
        result = verification(path.name, data, checks, archived, title)
        self.tab.run_dialog(VerificationDialog(result, self.parent))

    def _archive_for(self, sha256: str) -> tuple[str, str]:
        """The archived hash to compare with: a document it matches, else the selected one."""
        documents = self.tab.documents
        match = next((d for d in documents if d.final_sha256 == sha256), None)
        if match is not None:
            return match.final_sha256, title_of(match)
        selected = self.tab.selected()
        locked = [d for d in documents if d.final_sha256]
        if selected is not None and (selected.final_sha256 or not locked):
            return selected.final_sha256, title_of(selected)
        if locked:
            return locked[0].final_sha256, title_of(locked[0])
        return "", tr("This placement")

    # --- signatures ------------------------------------------------------------------------

    def record(self) -> None:
        document = self.tab.selected()
        if document is None or document.next_party is None:
            return
        party = document.next_party
        user = current_user()

        def record(entry: SignatureEntry) -> None:
            if entry.method in (TYPED, SCANNED):
                scan = read_file(entry.file, "scan") if entry.file else None
                signatures.record_approval(
                    self.db,
                    document.id,
                    party,
                    entry.approval,
                    scan=scan,
                    scan_name=entry.file.name if entry.file else "",
                    user=user,
                )
            elif entry.method == RETURNED:
                assert entry.file is not None
                data = read_file(entry.file, "scan")
                signatures.record_digital(
                    self.db,
                    document.id,
                    party,
                    data,
                    name=entry.file.name,
                    user=user,
                    confirm_signer=entry.confirm_signer,
                )
            else:
                assert entry.file is not None
                key = read_file(entry.file, "scan")
                signatures.sign_here(
                    self.db,
                    document.id,
                    party,
                    key,
                    entry.passphrase or None,
                    key_name=entry.file.name,
                    user=user,
                    confirm_signer=entry.confirm_signer,
                )

        dialog = RecordSignatureDialog(
            party, title_of(document), _expected(document, party), record, self.parent
        )
        if not self.tab.run_dialog(dialog):
            return
        done(self.tab, document.id)
        after = self.tab.selected()
        if after is not None and after.id == document.id and after.state is DocumentState.SIGNED:
            QMessageBox.information(
                self.parent,
                tr("Signed by every party"),
                tr(
                    "{title} is signed by every party and locked. Its final PDF is archived "
                    "with SHA-256 {final_sha256}."
                ).format(title=title_of(after), final_sha256=after.final_sha256),
            )

    def decline(self) -> None:
        document = self.tab.selected()
        if document is None:
            return

        def decline(party: str, reason: str) -> None:
            signatures.decline(self.db, document.id, party, reason, user=current_user())

        dialog = DeclineDialog(
            title_of(document), document.order, document.next_party, decline, self.parent
        )
        if self.tab.run_dialog(dialog):
            done(self.tab, document.id)

    def scan(self) -> None:
        document = self.tab.selected()
        signature = self.tab.selected_signature()
        if document is None or signature is None:
            return
        try:
            name, data = signatures.scan_of(self.db, document.id, signature.party)
        except VipdeskError as exc:
            warn(self.tab, tr("Save scan"), exc)
            return
        self._save_bytes(tr("Save the scan"), name, lambda: data, SCAN_FILTER)

    # --- new versions, amendments, the certificate: in `agreement_new_documents` ----------

    def new_version(self) -> None:
        self.new_documents.new_version()

    def amend(self) -> None:
        self.new_documents.amend()

    def certificate(self) -> None:
        self.new_documents.certificate()


def _expected(document: DocumentView, party: str) -> signatures.Approval:
    """Who is expected to sign for the party, as the document names them; dated today."""
    today = date.today()
    if document.kind is DocumentKind.CERTIFICATE:
        mentor = certificate_from_dict(document.content).mentor
        return signatures.Approval(mentor.name, mentor.position, mentor.email, today)
    _heading, person = signer(document.agreement, Party(party))
    return signatures.Approval(person.name, person.position, person.email, today)
