"""E-mail in the app, driven as a coordinator drives it, against a real SMTP server."""

from __future__ import annotations

import socket
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.helpers.agreements import SENT_ON, ready_agreement
from tests.helpers.certificates import PASSPHRASE, Certificates
from tests.helpers.smtp import PASSWORD, USER, MailServer, MemoryKeyring
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.models import (
    MailState,
    OutboxAttachment,
    OutboxMessage,
    Setting,
    SignatureMethod,
    SignatureState,
)
from vipdesk.services.agreements.queries import get_document
from vipdesk.services.agreements.render import document_pdf
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.mail import outbox
from vipdesk.services.mail.compose import Draft
from vipdesk.services.mail.settings import (
    MailSettings,
    Security,
    load_mail_settings,
    make_address,
    save_mail_settings,
)
from vipdesk.services.mail.smtp import MailError, SendResult
from vipdesk.services.mail.templates import shipped_templates
from vipdesk.services.signatures.trust import trust_certificates
from vipdesk.ui.agreement.dialogs import ReturnedPdfDialog
from vipdesk.ui.agreement.panel import AgreementPanel
from vipdesk.ui.mail.agreement_mail import PartyDialog
from vipdesk.ui.mail.compose_dialog import ComposeDialog
from vipdesk.ui.mail.outbox_view import OutboxView
from vipdesk.ui.mail.sending import sent_summary
from vipdesk.ui.mail.settings_dialog import MailSettingsDialog
from vipdesk.ui.shell.main_window import MainWindow


def configure(db: Database, server: MailServer) -> MailSettings:
    settings = MailSettings(
        host="127.0.0.1",
        port=server.port,
        security=Security.NONE,
        sender_name="International Office",
        sender_address="io@uni.example",
    )
    save_mail_settings(db, settings)
    return settings


def sent_agreement(db: Database) -> tuple[int, int]:
    placement_id, draft = ready_agreement(db)
    document = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    return placement_id, document.id


def press(dialog: QDialog, role: QDialogButtonBox.ButtonRole) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    next(b for b in box.buttons() if box.buttonRole(b) is role).click()


def test_the_agreement_goes_to_hr_from_the_agreement_tab(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    placement_id, document_id = sent_agreement(db)
    panel = AgreementPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_placement(placement_id)
    seen: list[str] = []

    def run_dialog(dialog: QDialog) -> bool:
        if isinstance(dialog, PartyDialog):
            labels = [dialog.combo.itemText(n) for n in range(dialog.combo.count())]
            seen.extend(labels)
            dialog.combo.setCurrentIndex(labels.index(next(t for t in labels if "fillable" in t)))
            dialog.language.setCurrentIndex(dialog.language.findData("de"))  # HR in Germany
            press(dialog, QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            assert isinstance(dialog, ComposeDialog)
            assert dialog.send_button.isVisible() or dialog.settings.configured
            dialog.body.setPlainText(dialog.body.toPlainText() + "\nP.S. Danke!")
            dialog.send_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    panel.run_dialog = run_dialog  # type: ignore[method-assign]
    with MailServer(tmp_path) as server:
        configure(db, server)
        assert panel.buttons["email"].isEnabled()
        panel.steps.mail.mailer.quiet = True
        panel.buttons["email"].click()
        qtbot.waitUntil(lambda: len(server.received) == 1, timeout=15000)
        qtbot.waitUntil(lambda: not panel.steps.mail.mailer.runner.busy, timeout=15000)
    assert any("fillable PDF for HR" in label for label in seen)
    message = server.received[0].message
    assert "zur Unterzeichnung" in str(message["Subject"])
    body = message.get_body(("plain",))
    assert body is not None and body.get_content().rstrip().endswith("P.S. Danke!")
    (attachment,) = list(message.iter_attachments())
    assert str(attachment.get_filename()).endswith("learning agreement for HR.pdf")
    (row,) = outbox.outbox_rows(db, placement_id=placement_id)
    assert row.state is MailState.SENT
    assert document_id in {a.document_id for a in _attachments(db, row.id)}


def _attachments(db: Database, message_id: int) -> list[OutboxAttachment]:
    with db.session() as session:
        message = session.get(OutboxMessage, message_id)
        assert message is not None
        return list(message.attachments)


def test_a_header_injection_typed_in_to_is_shown_beside_the_field_and_nothing_queued(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path) as server:
        configure(db, server)
    draft = Draft([make_address("Anna", "anna@example.org")], "Hello", "Text")
    dialog = ComposeDialog(db, draft)
    qtbot.addWidget(dialog)
    dialog.to.setText("Anna <anna@example.org>, bob@example")
    dialog.send_button.click()
    assert "bob@example is not an e-mail address" in dialog.to_error.text()
    dialog.subject.setText("")
    dialog.to.setText("anna@example.org")
    dialog.send_button.click()
    assert dialog.subject_error.text() == "Give the message a subject."
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_without_a_server_the_message_is_saved_as_eml_with_its_files(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    placement_id, document_id = sent_agreement(db)
    from vipdesk.services.mail.messages import for_signature

    save_mail_settings(db, MailSettings(sender_address="io@uni.example"))  # no server
    draft = for_signature(db, document_id, Party.STUDENT, load_mail_settings(db))
    dialog = ComposeDialog(db, draft)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.send_button.isVisible() and dialog.open_button.isDefault()
    assert "No mail server is set" in dialog.sender_line.text()
    target = tmp_path / "message"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    dialog.save_button.click()
    from email.parser import BytesParser

    saved = BytesParser(policy=policy.default).parsebytes((tmp_path / "message.eml").read_bytes())
    assert saved["X-Unsent"] == "1"
    assert next(saved.iter_attachments()).get_content() == document_pdf(db, document_id)
    assert outbox.outbox_rows(db, placement_id=placement_id) == []


def test_settings_keep_the_password_in_the_credential_store_and_the_test_message_goes(
    qtbot: QtBot, db: Database, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with MailServer(tmp_path, starttls=True, auth=True) as server:
        dialog = MailSettingsDialog(db)
        qtbot.addWidget(dialog)
        dialog.ssl_context = server.client_context
        page = dialog.server
        page.host.setText("127.0.0.1")
        page.security.setCurrentIndex(list(Security).index(Security.STARTTLS))
        page.port.setValue(server.port)
        page.username.setText(USER)
        page.password.setText(PASSWORD)
        page.sender_name.setText("Biuro Współpracy Międzynarodowej")
        page.sender_address.setText("io@uni.example")
        page.reply_to.setText("not an address")
        dialog.send_test_message()
        assert "not an e-mail address" in page.errors["reply_to"].text()
        page.reply_to.setText("")
        dialog.send_test_message()
        assert page.test_result.text().startswith("Sent to io@uni.example; the server answered 250")
        press(dialog, QDialogButtonBox.ButtonRole.AcceptRole)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = load_mail_settings(db)
    assert (stored.host, stored.port, stored.security) == (
        "127.0.0.1",
        server.port,
        Security.STARTTLS,
    )
    assert PASSWORD in memory_keyring.secrets.values()
    with db.session() as session:
        assert PASSWORD not in " ".join(session.scalars(select(Setting.value)))
    assert server.received[0].message["To"].addresses[0].addr_spec == "io@uni.example"


def test_a_template_with_an_unknown_placeholder_is_not_saved(qtbot: QtBot, db: Database) -> None:
    dialog = MailSettingsDialog(db)
    qtbot.addWidget(dialog)
    page = dialog.templates
    page.subject.setText("Agreement {refrence}")
    assert page.save() is False
    assert "Unknown placeholder {refrence}" in page.subject_error.text()
    page.subject.setText("Umowa {reference} do podpisu")
    assert page.save() is True
    assert "(office wording)" in page.list.item(0).text()


def test_the_templates_are_named_in_the_interfaces_language(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """The list names each message in the interface's language; the wording edited beside it
    is the English one, as sent to English readers."""
    with interface_in("pl", tmp_path):
        dialog = MailSettingsDialog(db)
        qtbot.addWidget(dialog)
        page = dialog.templates
        names = [page.list.item(i).text() for i in range(page.list.count())]
        subject = page.subject.text()
    assert "Agreement for signature" not in names
    assert names[0] == shipped_templates("pl")["agreement_for_signature"].title
    assert subject == shipped_templates()["agreement_for_signature"].subject


def test_a_failed_message_is_retried_from_the_outbox(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path) as server:
        settings = configure(db, server)
        server.handler.refused.add("hr@example.org")
        message_id = outbox.queue(
            db, Draft([make_address("HR", "hr@example.org")], "Hello", "Text"), settings.sender
        )
        view = OutboxView(db)
        qtbot.addWidget(view)
        view.mailer.quiet = True
        view.show()
        view.send_button.click()
        qtbot.waitUntil(lambda: not view.mailer.runner.busy, timeout=15000)
        assert view.model.rows[0].state is MailState.FAILED
        assert "Recipient refused: hr@example.org" in view.model.rows[0].failure
        server.handler.refused.clear()
        view.table.selectRow(0)
        assert view.retry_button.isEnabled()
        view.retry_button.click()
        qtbot.waitUntil(lambda: not view.mailer.runner.busy, timeout=15000)
        qtbot.waitUntil(lambda: view.model.rows[0].state is MailState.SENT, timeout=15000)
    assert len(server.received) == 1
    assert view.model.rows[0].id == message_id


def test_a_returned_mail_dropped_on_the_window_records_the_signature(
    qtbot: QtBot,
    db: Database,
    certificates: Certificates,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, document_id = sent_agreement(db)
    trust_certificates(db, certificates.ca_pem)  # the office's own CA: the signer is confirmed
    signed = sign_agreement(
        document_pdf(db, document_id),
        party=Party.STUDENT,
        pkcs12=certificates.p12["student"],
        passphrase=PASSPHRASE,
    ).pdf
    reply = EmailMessage(policy=policy.SMTP)
    reply["From"] = "student@example.org"
    reply["Subject"] = "Re: agreement"
    reply.set_content("Signed.\n")
    reply.add_attachment(signed, maintype="application", subtype="pdf", filename="podpisana.pdf")
    path = tmp_path / "reply.eml"
    path.write_bytes(reply.as_bytes())
    reviewed: list[list[str]] = []

    def run_dialog(self: AgreementPanel, dialog: QDialog) -> bool:
        assert isinstance(dialog, ReturnedPdfDialog)
        reviewed.append(dialog.parties_to_record())
        press(dialog, QDialogButtonBox.ButtonRole.AcceptRole)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(AgreementPanel, "run_dialog", run_dialog)
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.acceptDrops()
    received = window.mail.import_mail(path)
    assert received is not None and [f.kind for f in received.files] == ["agreement"]
    assert reviewed == [["student"]]
    student = next(s for s in get_document(db, document_id).signatures if s.party == "student")
    assert (student.state, student.method) == (SignatureState.SIGNED, SignatureMethod.DIGITAL)
    for editor in window.findChildren(QDialog):
        editor.close()


def send_as_typed(to: str) -> Callable[[ComposeDialog], int]:
    """Stands in for the coordinator at a modal message dialog: types `to`, presses Send."""

    def exec_(dialog: ComposeDialog) -> int:
        if to:
            dialog.to.setText(to)
        dialog.send_button.click()
        return int(dialog.result())

    return exec_


def test_a_report_goes_to_a_funder_after_it_is_saved(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready_agreement(db)
    workbook = tmp_path / "funding.xlsx"
    workbook.write_bytes(b"PK\x03\x04 a workbook")
    monkeypatch.setattr(ComposeDialog, "exec", send_as_typed("Nationale Agentur <na@daad.example>"))
    with MailServer(tmp_path) as server:
        configure(db, server)
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.mail.outbox.mailer.quiet = True
        window.mail.email_report(str(workbook), "Funding against budget")
        qtbot.waitUntil(lambda: len(server.received) == 1, timeout=15000)
        qtbot.waitUntil(lambda: not window.mail.outbox.mailer.runner.busy, timeout=15000)
    message = server.received[0].message
    assert message["To"].addresses[0].addr_spec == "na@daad.example"
    assert next(message.iter_attachments()).get_content() == workbook.read_bytes()


def test_a_questionnaire_goes_from_the_evaluations_tab(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vipdesk.ui.evaluations.panel import EvaluationsPanel
    from vipdesk.ui.evaluations.travel import ChoiceDialog

    placement_id, _ = sent_agreement(db)
    monkeypatch.setattr(ChoiceDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ComposeDialog, "exec", send_as_typed(""))
    with MailServer(tmp_path) as server:
        configure(db, server)
        panel = EvaluationsPanel(db)
        qtbot.addWidget(panel)
        panel.mailer.quiet = True
        panel.show()
        panel.show_placement(placement_id, "VIP")
        panel.email_button.click()
        qtbot.waitUntil(lambda: len(server.received) == 1, timeout=15000)
        qtbot.waitUntil(lambda: not panel.mailer.runner.busy, timeout=15000)
    (attachment,) = list(server.received[0].message.iter_attachments())
    assert attachment.get_content().startswith(b"%PDF")
    assert "readiness" in str(attachment.get_filename()).lower()


def test_the_certificate_is_requested_from_the_agreement_tab(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    from tests.helpers.agreements import signed_agreement
    from vipdesk.services.agreements.changes import start_certificate

    placement_id, locked = signed_agreement(db)
    period = locked.agreement.programme
    start_certificate(db, placement_id, actual_start=period.start, actual_end=period.end)
    panel = AgreementPanel(db)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_placement(placement_id)
    composed: list[str] = []

    def run_dialog(dialog: QDialog) -> bool:
        assert isinstance(dialog, ComposeDialog)
        composed.append(dialog.subject.text())
        dialog.reject()
        return False

    panel.run_dialog = run_dialog  # type: ignore[method-assign]
    certificate = next(d for d in panel.documents if d.kind.value == "certificate")
    panel.select_document(certificate.id)
    assert panel.buttons["email"].isEnabled()
    panel.buttons["email"].click()
    assert composed and composed[0].startswith("Traineeship certificate for ")


def test_mail_left_by_a_killed_vipdesk_goes_out_when_the_app_starts_again(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    with MailServer(tmp_path) as server:
        settings = configure(db, server)
        left = outbox.queue(
            db, Draft([make_address("", "a@example.org")], "Left", "T"), settings.sender
        )
        claimed = outbox.queue(
            db, Draft([make_address("", "b@example.org")], "Claimed", "T"), settings.sender
        )
        assert outbox.claim(db, claimed, f"{socket.gethostname()}:999999999")  # a dead process
        window = MainWindow(db)
        qtbot.addWidget(window)
        assert window.mail.resume() == 2
        qtbot.waitUntil(lambda: len(server.received) == 2, timeout=15000)
        qtbot.waitUntil(lambda: not window.mail.resumer.runner.busy, timeout=15000)
    assert {r.state for r in outbox.outbox_rows(db)} == {MailState.SENT}
    assert {r.id for r in outbox.outbox_rows(db)} == {left, claimed}


def test_without_a_server_nothing_is_tried_at_start(qtbot: QtBot, db: Database) -> None:
    outbox.queue(db, Draft([make_address("", "a@example.org")], "Left", "T"),
                 make_address("", "io@uni.example"))  # fmt: skip
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.mail.resume() == 0
    assert not window.mail.resumer.runner.busy


def test_the_message_to_the_host_is_offered_in_the_agreements_language(qtbot: QtBot) -> None:
    choices = [("Student: the PDF to sign", Party.STUDENT, False),
               ("Host: the PDF to sign", Party.HOST, False),
               ("Host: the fillable PDF for HR", Party.HOST, True)]  # fmt: skip
    dialog = PartyDialog(choices, None, "en+de")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (Party.STUDENT, False, "en")
    dialog.combo.setCurrentIndex(2)
    assert dialog.chosen() == (Party.HOST, True, "de")
    dialog.language.setCurrentIndex(dialog.language.findData("pl"))  # the coordinator's say
    assert dialog.chosen() == (Party.HOST, True, "pl")


def test_the_message_to_the_student_is_offered_in_the_students_language(qtbot: QtBot) -> None:
    choices = [("Student: the PDF to sign", Party.STUDENT, False),
               ("Host: the PDF to sign", Party.HOST, False)]  # fmt: skip
    dialog = PartyDialog(choices, None, "en+de", "pl")
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (Party.STUDENT, False, "pl")
    dialog.combo.setCurrentIndex(1)
    assert dialog.chosen() == (Party.HOST, False, "de")


def test_why_a_message_failed_reads_in_the_interfaces_language(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """The failure is kept as a phrase: a German colleague reads it in German later; the
    server's own words stay as they came."""
    message_id = outbox.queue(
        db,
        Draft([make_address("HR", "hr@example.org")], "Hello", "Text"),
        make_address("International Office", "io@uni.example"),
    )
    assert outbox.claim(db, message_id)
    refused = MailError.said(
        "Recipient refused: {recipient} ({reply}).",
        recipient="hr@example.org",
        reply="550 No such mailbox here",
    )
    outbox.mark_failed(db, message_id, refused)
    with interface_in("de", tmp_path):
        view = OutboxView(db)
        qtbot.addWidget(view)
        last = view.model.columnCount() - 1
        shown = view.model.index(0, last).data()
        state = view.model.index(0, 1).data()
        counted = view.summary.text()
        summary = sent_summary(SendResult(sent=[7, 8], failed={message_id: str(refused)}))
    assert shown == "Empfänger abgelehnt: hr@example.org (550 No such mailbox here)."
    assert state == "Fehlgeschlagen"  # a message, not a test: not "Nicht bestanden"
    assert "1 fehlgeschlagen" in counted and "1 failed" not in counted
    assert summary == "2 gesendet, 1 fehlgeschlagen"
    assert sent_summary(SendResult(sent=[7], left=2)) == "1 sent, 2 still queued"
