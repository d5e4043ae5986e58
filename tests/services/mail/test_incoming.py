"""A received .eml taken apart: our documents found and verified, anything else refused."""

from __future__ import annotations

from email import policy
from email.message import EmailMessage

import pytest

from tests.helpers.agreements import SENT_ON, ready_agreement
from tests.helpers.certificates import PASSPHRASE, Certificates
from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.errors import RefusedFileError, VipdeskError
from vipdesk.models import ReadinessParty, SignatureMethod, SignatureState
from vipdesk.services.agreements.queries import get_document
from vipdesk.services.agreements.render import document_pdf
from vipdesk.services.agreements.returns import returned_changes
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.evaluations.forms import export_questionnaire
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.services.mail.incoming import read_mail
from vipdesk.services.signatures.recording import record_digital


def reply_with(*files: tuple[str, bytes, str], forwarded: bool = False) -> bytes:
    """A reply from HR as their mail program writes it, with these files attached."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = "Jürgen Weiß <hr@nordlicht.example>"
    message["To"] = "io@uni.example"
    message["Subject"] = "Re: Learning agreement for signature"
    message.set_content("Signed, see attached.\n")
    inner = message
    if forwarded:
        inner = EmailMessage(policy=policy.SMTP)
        inner["From"] = "mentor@nordlicht.example"
        inner["Subject"] = "Fwd: signed"
        inner.set_content("Forwarding.\n")
    for name, data, content_type in files:
        maintype, _, subtype = content_type.partition("/")
        inner.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    if forwarded:
        message.add_attachment(inner)
    return message.as_bytes()


def signed_by_host(db: Database, certificates: Certificates) -> tuple[int, int, bytes]:
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(
        db, draft.id, draft.row_version, order=("host", "student", "sending"), today=SENT_ON
    )
    signed = sign_agreement(
        document_pdf(db, sent.id),
        party=Party.HOST,
        pkcs12=certificates.p12["host"],
        passphrase=PASSPHRASE,
    ).pdf
    return placement_id, sent.id, signed


@pytest.mark.parametrize("forwarded", [False, True])
def test_the_signed_agreement_in_a_reply_is_verified_and_recorded(
    db: Database, certificates: Certificates, forwarded: bool
) -> None:
    placement_id, document_id, signed = signed_by_host(db, certificates)
    data = reply_with(
        ("Unterschrieben.pdf", signed, "application/pdf"),
        ("logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        forwarded=forwarded,
    )
    received = read_mail(data, "reply.eml")
    (found,) = received.files
    assert (found.kind, found.name, found.data) == ("agreement", "Unterschrieben.pdf", signed)
    assert received.others == ["logo.png"]
    review = returned_changes(db, placement_id, found.data, found.name)
    (host,) = review.signers
    assert host.check.holds and review.signed_parties == ("host",)
    record_digital(
        db, document_id, "host", found.data, name=found.name, user="anna", confirm_signer=True
    )
    recorded = next(s for s in get_document(db, document_id).signatures if s.party == "host")
    assert (recorded.state, recorded.method) == (SignatureState.SIGNED, SignatureMethod.DIGITAL)


def test_an_agreement_altered_after_signing_is_refused_from_the_mail_too(
    db: Database, certificates: Certificates
) -> None:
    placement_id, _, signed = signed_by_host(db, certificates)
    at = signed.index(b"Learning Agreement for Traineeships")
    altered = signed[:at] + b"l" + signed[at + 1 :]
    (found,) = read_mail(reply_with(("signed.pdf", altered, "application/pdf")), "r.eml").files
    with pytest.raises(VipdeskError, match="does not match the signature"):
        returned_changes(db, placement_id, found.data, found.name)


def test_a_returned_questionnaire_is_recognised(db: Database) -> None:
    placement_id, _ = ready_agreement(db)
    exported = export_questionnaire(db, placement_id, Kind.READINESS, ReadinessParty.STUDENT)
    (found,) = read_mail(
        reply_with(("q.pdf", exported.pdf, "application/octet-stream")), "q.eml"
    ).files
    assert found.kind == "questionnaire"


def test_a_mail_without_our_documents_names_what_it_held() -> None:
    data = reply_with(
        ("CV.docx", b"PK\x03\x04 not ours", "application/octet-stream"),
        ("invoice.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    with pytest.raises(
        RefusedFileError, match=r"no agreement or questionnaire .*\(CV.docx, invoice.pdf\)"
    ):
        read_mail(data, "reply.eml")
    with pytest.raises(RefusedFileError, match=r"\(no attachment\)"):
        read_mail(reply_with(), "empty.eml")


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"\x00\x01binary junk" * 50, "junk.eml", "is not an e-mail message"),
        (b"", "empty.eml", "is not an e-mail message"),
        (b"%PDF-1.7\n...", "agreement.eml", "is a PDF, not an e-mail"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "reply.msg", "Outlook .msg"),
        (b"Just some text\nwith lines\n", "notes.eml", "is not an e-mail message"),
    ],
)
def test_what_is_not_a_mail_is_refused_in_one_line(data: bytes, name: str, message: str) -> None:
    with pytest.raises(RefusedFileError, match=message):
        read_mail(data, name)
