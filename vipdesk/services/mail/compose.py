"""A message as the coordinator sees it before it goes (`Draft`), and as RFC 5322 bytes.

The bytes are made with Python's `email` package and its SMTP policy: names in any script
are encoded in the headers (RFC 2047), attachment names too (RFC 2231), lines end in CRLF.
A name or subject holding a line break is refused, so that no one can add a header (a Bcc)
through a field of a record.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from vipdesk.errors import FieldProblem, ValidationError
from vipdesk.services.mail.settings import make_address

# Headers and parts encoded to 7-bit ASCII: any server takes it, none has to convert it.
SEVEN_BIT = policy.SMTP.clone(cte_type="7bit")
MAX_ATTACHMENTS = 25 * 1024 * 1024  # what most servers take in one message, before encoding


@dataclass(frozen=True)
class Attachment:
    file_name: str
    data: bytes
    content_type: str = ""
    document_id: int | None = None  # the stored document version it is

    @property
    def mime_type(self) -> str:
        return (
            self.content_type
            or mimetypes.guess_type(self.file_name)[0]
            or "application/octet-stream"
        )

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Recipients:
    to: list[Address]
    cc: list[Address]


@dataclass
class Draft:
    """What will be sent; every field may still be edited by the coordinator."""

    to: list[Address]
    subject: str
    body: str
    cc: list[Address] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    placement_id: int | None = None
    template: str = ""
    rule_key: str | None = None
    reference: str = ""  # the placement's, for the lists that show many messages


def parse_addresses(text: str, field_name: str = "recipients") -> list[Address]:
    """Addresses typed as "Name <a@b.c>, other@d.e" (commas or semicolons between them).

    Raises:
        ValidationError: beside `field_name`, naming the first address that is wrong.
    """
    if any(ch in text for ch in "\r\n\0"):
        raise ValidationError.on(field_name, "A name or address may not hold a line break.")
    found = []
    for part in _split(text):
        if "<" in part:
            name, _, rest = part.partition("<")
            if not rest.endswith(">"):
                raise ValidationError.on(
                    field_name, "{address} is not an e-mail address.", address=part
                )
            name = name.strip().strip('"').strip()
            found.append(make_address(name, rest[:-1], field_name))
        else:
            found.append(make_address("", part, field_name))
    return found


def _split(text: str) -> list[str]:
    parts, current, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch in ",;" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def address_text(addresses: list[Address]) -> str:
    return ", ".join(str(a) for a in addresses)


def check_draft(draft: Draft) -> None:
    """Raises ValidationError listing what keeps the draft from being a message."""
    problems = []
    if not draft.to:
        problems.append(FieldProblem.said("recipients", "Give at least one recipient."))
    if not draft.subject.strip():
        problems.append(FieldProblem.said("subject", "Give the message a subject."))
    elif any(ch in draft.subject for ch in "\r\n\0"):
        problems.append(FieldProblem.said("subject", "The subject is one line."))
    if len(draft.subject) > 300:
        problems.append(FieldProblem.said("subject", "The subject is over 300 characters."))
    size = sum(len(a.data) for a in draft.attachments)
    if size > MAX_ATTACHMENTS:
        problems.append(
            FieldProblem.said(
                "attachments",
                "The attachments come to {size} MB; most servers take 25 MB.",
                size=Decimal(f"{size / 1048576:.1f}"),
            )
        )
    for attachment in draft.attachments:
        if any(ch in attachment.file_name for ch in "\r\n\0/\\"):
            problems.append(
                FieldProblem.said(
                    "attachments", "A file name may not hold a line break or a slash."
                )
            )
    if problems:
        raise ValidationError(problems)


def build_message(
    draft: Draft,
    sender: Address,
    *,
    reply_to: Address | None = None,
    message_id: str | None = None,
    date: datetime | None = None,
    unsent: bool = False,
) -> EmailMessage:
    """The RFC 5322 message; `unsent` marks it a draft to send (the `.eml` fallback)."""
    check_draft(draft)
    message = EmailMessage(policy=SEVEN_BIT)
    message["From"] = sender
    message["To"] = draft.to
    if draft.cc:
        message["Cc"] = draft.cc
    if reply_to is not None:
        message["Reply-To"] = reply_to
    message["Subject"] = draft.subject
    message["Date"] = format_datetime(date or datetime.now(UTC))
    message["Message-ID"] = message_id or new_message_id(sender)
    if unsent:
        message["X-Unsent"] = "1"  # Outlook opens it as a message to send, not one received
    message.set_content(draft.body.replace("\r\n", "\n"))
    for attachment in draft.attachments:
        maintype, _, subtype = attachment.mime_type.partition("/")
        message.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.file_name
        )
    return message


def new_message_id(sender: Address) -> str:
    return make_msgid("vipdesk", domain=sender.domain or "localhost")


def eml_name(subject: str, number: int | None = None) -> str:
    """A file name for a message: its subject without what a file system refuses."""
    safe = "".join(ch if ch.isalnum() or ch in " -_.()" else "-" for ch in subject)[:80].strip()
    return f"{'' if number is None else f'{number:04d} '}{safe or 'message'}.eml"


def eml_bytes(draft: Draft, sender: Address, reply_to: Address | None = None) -> bytes:
    """The message as an `.eml` file, marked as not yet sent."""
    return build_message(draft, sender, reply_to=reply_to, unsent=True).as_bytes()
