"""`vipdesk mail …` and `vipdesk import-mail`, as a coordinator or a script runs them."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers.agreements import SENT_ON, ready_agreement
from tests.helpers.certificates import PASSPHRASE, Certificates
from tests.helpers.smtp import MailServer
from vipdesk.cli import main
from vipdesk.db import open_database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.models import Student
from vipdesk.services.agreements.queries import get_document
from vipdesk.services.agreements.render import document_pdf
from vipdesk.services.agreements.workflow import save_agreement_draft, send_for_signature
from vipdesk.services.mail.settings import MailSettings, Security, save_mail_settings


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


@pytest.fixture
def sent(sqlite_url: str) -> tuple[str, int, bytes]:
    """A placement's reference, its agreement out for signature and that PDF."""
    db = open_database(sqlite_url)
    try:
        _, draft = ready_agreement(db)
        document = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
        return document.reference, document.id, document_pdf(db, document.id)
    finally:
        db.dispose()


def configure(sqlite_url: str, port: int) -> None:
    db = open_database(sqlite_url)
    try:
        save_mail_settings(
            db,
            MailSettings(
                host="127.0.0.1",
                port=port,
                security=Security.NONE,
                sender_name="International Office",
                sender_address="io@uni.example",
            ),
        )
    finally:
        db.dispose()


def test_send_agreement_writes_an_eml_without_a_server(
    sqlite_url: str,
    sent: tuple[str, int, bytes],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference, _, pdf = sent
    refused = run(
        capsys, "--database", sqlite_url, "mail", "send-agreement", reference, "--party", "host"
    )
    assert refused.returncode == 1
    assert refused.stderr.startswith("vipdesk: No mail server is set")
    configure(sqlite_url, 25)  # a sender address; nothing is sent with --eml
    out = tmp_path / "to-hr.eml"
    result = run(
        capsys, "--database", sqlite_url, "mail", "send-agreement", reference, "--party", "host",
        "--fillable", "--eml", out,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "nothing was sent" in result.stdout
    message = BytesParser(policy=policy.default).parsebytes(out.read_bytes())
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == f"{reference} learning agreement for HR.pdf"
    assert attachment.get_content() != pdf  # the fillable one, made for HR
    plain = run(
        capsys, "--database", sqlite_url, "mail", "send-agreement", reference, "--party",
        "student", "--eml", out,
    )  # fmt: skip
    assert plain.returncode == 0
    message = BytesParser(policy=policy.default).parsebytes(out.read_bytes())
    assert next(message.iter_attachments()).get_content() == pdf


def test_send_agreement_sends_and_the_outbox_lists_it(
    sqlite_url: str,
    sent: tuple[str, int, bytes],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference, _, pdf = sent
    with MailServer(tmp_path) as server:
        configure(sqlite_url, server.port)
        result = run(
            capsys, "--database", sqlite_url, "mail", "send-agreement", reference, "--party", "host"
        )
    assert result.returncode == 0, result.stderr
    assert "1 sent." in result.stdout
    (received,) = server.received
    assert next(received.message.iter_attachments()).get_content() == pdf
    listing = run(capsys, "--database", sqlite_url, "mail", "outbox")
    assert "Sent" in listing.stdout and reference in listing.stdout


def host_address(url: str, document_id: int) -> str:
    db = open_database(url)
    try:
        return get_document(db, document_id).agreement.receiving.mentor.email
    finally:
        db.dispose()


def test_a_failed_send_exits_1_and_retry_sends_it(
    sqlite_url: str,
    sent: tuple[str, int, bytes],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference, document_id, _ = sent
    with MailServer(tmp_path) as server:
        configure(sqlite_url, server.port)
        server.handler.refused.add(host_address(sqlite_url, document_id))
        failed = run(
            capsys, "--database", sqlite_url, "mail", "send-agreement", reference, "--party", "host"
        )
        assert failed.returncode == 1
        assert "Recipient refused" in failed.stdout
        listing = run(capsys, "--database", sqlite_url, "mail", "outbox")
        assert "Failed" in listing.stdout and "Recipient refused" in listing.stdout
        server.handler.refused.clear()
        retried = run(capsys, "--database", sqlite_url, "mail", "outbox", "--retry", "--send")
    assert retried.returncode == 0, retried.stdout
    assert "1 failed message(s) queued again." in retried.stdout
    assert len(server.received) == 1


def test_reminders_dry_run_lists_and_queues_nothing(
    sqlite_url: str, sent: tuple[str, int, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    reference, _, _ = sent
    configure(sqlite_url, 25)
    later = (SENT_ON + timedelta(days=20)).isoformat()
    result = run(
        capsys, "--database", sqlite_url, "mail", "reminders", "--as-of", later, "--dry-run"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "2 reminders would be sent; nothing was queued (--dry-run)."
    assert sum(reference in line for line in lines) == 2  # the student, the host: not the office
    assert "The outbox is empty." in run(capsys, "--database", sqlite_url, "mail", "outbox").stdout
    bad = run(capsys, "--database", sqlite_url, "mail", "reminders", "--as-of", "31/13/2026")
    assert bad.returncode == 1 and bad.stderr.startswith("vipdesk: ")


def test_import_mail_verifies_the_returned_signature(
    sqlite_url: str,
    sent: tuple[str, int, bytes],
    certificates: Certificates,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    reference, _, pdf = sent
    signed = sign_agreement(
        pdf, party=Party.STUDENT, pkcs12=certificates.p12["student"], passphrase=PASSPHRASE
    ).pdf
    reply = EmailMessage(policy=policy.SMTP)
    reply["From"] = "student@example.org"
    reply["To"] = "io@uni.example"
    reply["Subject"] = f"Re: {reference}"
    reply.set_content("Signed.\n")
    reply.add_attachment(signed, maintype="application", subtype="pdf", filename="signed.pdf")
    path = tmp_path / "reply.eml"
    path.write_bytes(reply.as_bytes())
    result = run(capsys, "--database", sqlite_url, "import-mail", path)
    assert result.returncode == 0, result.stderr
    assert "reply.eml: 1 document(s) of vipdesk." in result.stdout
    assert "Signed digitally for the trainee by" in result.stdout
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"not a mail at all")
    refused = run(capsys, "--database", sqlite_url, "import-mail", junk)
    assert refused.returncode == 1
    assert refused.stderr == "vipdesk: junk.eml is not an e-mail message (.eml).\n"


def test_the_host_is_written_to_in_the_agreements_language_unless_told_otherwise(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A German/English agreement goes to HR with a German message; the student's message is
    English; --language chooses another."""
    db = open_database(sqlite_url)
    try:
        _, draft = ready_agreement(db)
        bilingual = replace(draft.agreement, document_language="en+de")
        draft = save_agreement_draft(db, draft.id, bilingual, draft.row_version, "tester")
        reference = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON).reference
    finally:
        db.dispose()
    configure(sqlite_url, 25)
    out = tmp_path / "message.eml"

    def subject(*extra: str) -> str:
        result = run(capsys, "--database", sqlite_url, "mail", "send-agreement", reference,
                     "--eml", out, *extra)  # fmt: skip
        assert result.returncode == 0, result.stderr
        return str(BytesParser(policy=policy.default).parsebytes(out.read_bytes())["Subject"])

    assert "zur Unterzeichnung" in subject("--party", "host")
    assert "for signature" in subject("--party", "student")
    db = open_database(sqlite_url)
    try:  # the student's own language, once recorded
        with db.session() as session:
            student = session.scalars(select(Student)).one()
            student.preferred_language = "it"
    finally:
        db.dispose()
    assert "da firmare" in subject("--party", "student")
    assert "do podpisu" in subject("--party", "host", "--language", "pl")
    with pytest.raises(SystemExit) as refused:
        main(["--database", sqlite_url, "mail", "send-agreement", reference, "--party", "host",
              "--language", "xx"])  # fmt: skip
    assert refused.value.code == 2 and "invalid choice: 'xx'" in capsys.readouterr().err
