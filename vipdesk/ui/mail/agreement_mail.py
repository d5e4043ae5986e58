"""The Agreement tab's "Send by e-mail…": the document out for signature to one party, the
signed copy to all three, or the request for the traineeship certificate to the host, through
the message dialog and the outbox."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from vipdesk.documents.agreement.signature_block import Party
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import DocumentKind, DocumentState, SignatureState
from vipdesk.services.agreements.views import DocumentView
from vipdesk.services.mail.compose import Draft
from vipdesk.services.mail.languages import message_language, student_language
from vipdesk.services.mail.messages import certificate_request, for_signature, signed_copy
from vipdesk.services.mail.settings import load_mail_settings
from vipdesk.ui.agreement.tab import AgreementTab, done, warn
from vipdesk.ui.agreement.titles import title_of
from vipdesk.ui.i18n import tr
from vipdesk.ui.mail.compose_dialog import ComposeDialog
from vipdesk.ui.mail.sending import MailSender
from vipdesk.ui.widgets import language_combo

TITLE = tr("Send by e-mail")


def recipients_choice(document: DocumentView) -> list[tuple[str, Party, bool]]:
    """Who the document can go to now: each party still to sign, in the signing order, and
    the host's HR with the fillable PDF when it is an agreement."""
    choices: list[tuple[str, Party, bool]] = []
    for signature in document.signatures:
        if signature.state is SignatureState.SIGNED:
            continue
        party = Party(signature.party)
        choices.append(
            (
                tr("{party_label}: the PDF to sign").format(party_label=signature.party_label),
                party,
                False,
            )
        )
        if party is Party.HOST and document.kind is DocumentKind.AGREEMENT:
            choices.append(
                (
                    tr("{party_label}: the fillable PDF for HR").format(
                        party_label=signature.party_label
                    ),
                    party,
                    True,
                )
            )
    return choices


class PartyDialog(QDialog):
    def __init__(
        self,
        choices: list[tuple[str, Party, bool]],
        parent: QWidget | None,
        document_language: str = ENGLISH,
        student_language: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.choices = choices
        self.combo = QComboBox()
        for label, _party, _fillable in choices:
            self.combo.addItem(label)
        form = QFormLayout(self)
        form.addRow(QLabel(tr("The message is shown before it goes; you can change it there.")))
        form.addRow(tr("&Send to:"), self.combo)
        self.document_language = document_language
        self.student_language = student_language
        self.language = language_combo(
            self._offered(),
            tr("The message's wording and dates in this language"),
            tr("Language of the message"),
        )
        form.addRow(tr("&Message in:"), self.language)
        self.combo.currentIndexChanged.connect(self._on_party)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _offered(self) -> str:
        """The host in the agreement's language, the others in English (changeable)."""
        _label, party, _fillable = self.choices[max(0, self.combo.currentIndex())]
        return message_language(self.document_language, party, self.student_language)

    def _on_party(self) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(self._offered())))

    def chosen(self) -> tuple[Party, bool, str]:
        _label, party, fillable = self.choices[self.combo.currentIndex()]
        return party, fillable, str(self.language.currentData())


class AgreementMail:
    """Sending the tab's documents by e-mail; one background sender per tab."""

    def __init__(self, tab: AgreementTab) -> None:
        self.tab = tab
        self.mailer = MailSender(tab.db, tab.dialog_parent)
        self.mailer.sent.connect(lambda _result: done(tab))

    def draft_for(self, document: DocumentView) -> Draft | None:
        db = self.tab.db
        settings = load_mail_settings(db)
        if document.kind is DocumentKind.CERTIFICATE:
            return certificate_request(db, document.placement_id, settings)
        if document.state is DocumentState.SIGNED:
            return signed_copy(db, document.id, settings)
        choices = recipients_choice(document)
        if not choices:
            raise VipdeskError(
                tr("Every party has signed {title}.").format(title=title_of(document))
            )
        dialog = PartyDialog(
            choices,
            self.tab.dialog_parent,
            document.agreement.document_language,
            student_language(db, document.placement_id),
        )
        if not self.tab.run_dialog(dialog):
            return None
        party, fillable, language = dialog.chosen()
        return for_signature(db, document.id, party, settings, fillable=fillable, language=language)

    def send(self, document: DocumentView) -> None:
        try:
            draft = self.draft_for(document)
        except VipdeskError as exc:
            warn(self.tab, TITLE, exc)
            return
        if draft is None:
            return
        compose = ComposeDialog(self.tab.db, draft, self.tab.dialog_parent)
        if self.tab.run_dialog(compose) and compose.queued_ids:
            done(self.tab, document.id)  # the Mail tab and the history show it queued
            self.mailer.send(compose.queued_ids)
