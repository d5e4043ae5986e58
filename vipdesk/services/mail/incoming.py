"""Mail coming back: a received `.eml` taken apart, its PDFs of ours found.

A reply from HR or a student carries the returned agreement or questionnaire as an attachment
(perhaps inside a forwarded message). Each PDF is recognised by the identity vipdesk wrote into
its properties; what is ours goes through the same import and verification as the file opened
directly. Anything else is refused in one line naming what the mail held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from vipdesk.documents.agreement.form import (
    AMENDMENT_KIND,
    CERTIFICATE_KIND,
    DOCUMENT_KIND,
    KEY_DOCUMENT,
    KEY_REFERENCE,
    QUESTIONNAIRE_KIND,
    document_properties,
    open_pdf,
)
from vipdesk.errors import RefusedFileError, VipdeskError
from vipdesk.phrase import Count, Joined

MAX_MAIL = 60 * 1024 * 1024  # a received message larger than this is not read

KINDS = {
    DOCUMENT_KIND: "agreement",
    AMENDMENT_KIND: "amendment",
    CERTIFICATE_KIND: "certificate",
    QUESTIONNAIRE_KIND: "questionnaire",
}


@dataclass(frozen=True)
class ReceivedFile:
    name: str
    data: bytes
    kind: str  # agreement, amendment, certificate, questionnaire
    reference: str


@dataclass
class ReceivedMail:
    name: str
    subject: str
    sender: str
    files: list[ReceivedFile] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # attachments that are not ours


def _parse(data: bytes, name: str) -> EmailMessage:
    if name.lower().endswith(".msg") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise RefusedFileError.said(
            "{name} is an Outlook .msg file, which vipdesk does not read: in Outlook, save the "
            "message as .eml (or save the attached PDF) and open that.",
            name=name,
        )
    head = data[:4096].lstrip()
    if b"%PDF-" in data[:1024]:
        raise RefusedFileError.said(
            "{name} is a PDF, not an e-mail: open it as a returned PDF.", name=name
        )
    message = BytesParser(policy=policy.default).parsebytes(data)
    headers = {k.lower() for k in message}
    if not head or not headers & {"from", "to", "subject", "message-id", "date"}:
        raise RefusedFileError.said("{name} is not an e-mail message (.eml).", name=name)
    assert isinstance(message, EmailMessage)
    return message


def _attachments(message: EmailMessage) -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename() or ""
        content_type = part.get_content_type()
        if not filename and content_type != "application/pdf":
            continue
        try:
            payload = part.get_payload(decode=True)
        except Exception:  # a damaged part: named below as not ours
            payload = None
        if isinstance(payload, bytes):
            found.append((Path(filename).name or "attachment.pdf", payload))
    return found


def read_mail(data: bytes, name: str) -> ReceivedMail:
    """The vipdesk documents a received message carries.

    Raises:
        RefusedFileError: not an e-mail, too large, or no agreement or questionnaire of ours.
    """
    if len(data) > MAX_MAIL:
        raise RefusedFileError.said(
            "{name} is over {limit} MB; save the PDF from it.",
            name=name,
            limit=Count(MAX_MAIL // 1048576),
        )
    message = _parse(data, name)
    received = ReceivedMail(
        name=name, subject=str(message.get("Subject", "")), sender=str(message.get("From", ""))
    )
    for file_name, payload in _attachments(message):
        try:
            props = document_properties(open_pdf(payload, file_name))
        except VipdeskError:
            received.others.append(file_name)
            continue
        kind = KINDS.get(props.get(KEY_DOCUMENT, ""))
        reference = props.get(KEY_REFERENCE, "").strip()
        if kind is None or not reference:
            received.others.append(file_name)
            continue
        received.files.append(ReceivedFile(file_name, payload, kind, reference))
    if not received.files:
        if not received.others:
            raise RefusedFileError.said(
                "{name} carries no agreement or questionnaire exported by vipdesk (no attachment).",
                name=name,
            )
        raise RefusedFileError.said(
            "{name} carries no agreement or questionnaire exported by vipdesk ({held}).",
            name=name,
            held=Joined(tuple(received.others), ", "),
        )
    return received


def read_mail_file(path: Path) -> ReceivedMail:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise VipdeskError.said(
            "Cannot read {name}: {reason}.", name=path.name, reason=str(exc.strerror or exc)
        ) from exc
    return read_mail(data, path.name)
