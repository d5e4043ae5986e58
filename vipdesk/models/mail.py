"""Mail that leaves vipdesk: the outbox, its attachments, and the office's own templates.

Every message is stored before it is sent, with its attachments' bytes, so that what goes out
is exactly what was queued even if the app is closed or killed on the way. A message is
`queued` until a sender claims it (`sending`, with who claimed it and when), then `sent` with
the server's answer, or `failed` with the reason in words, or `cancelled` by the coordinator.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vipdesk.models.base import Base, UTCDateTime, Versioned, enum_column, utcnow


class MailState(enum.StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "queued": "Queued",
            "sending": "Sending",
            "sent": "Sent",
            "failed": "Failed",
            "cancelled": "Cancelled",
        }[self.value]


class OutboxMessage(Versioned, Base):
    """One e-mail, as composed: who, what, the attachments, and how sending went."""

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_state", "state", "id"),)
    audited = True  # the demo, writing its own dated history lines, turns it off per row

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int | None] = mapped_column(
        ForeignKey("placement.id", ondelete="SET NULL"), index=True
    )
    template: Mapped[str] = mapped_column(String(60))  # which template made it ("" if none)
    rule_key: Mapped[str | None] = mapped_column(String(40))  # a reminder's work-list rule
    sender: Mapped[str] = mapped_column(String(400))  # "Name <address>", as in the header
    recipients: Mapped[str] = mapped_column(Text)  # To: one formatted address per line
    copies: Mapped[str] = mapped_column(Text, default="")  # Cc: one per line
    reply_to: Mapped[str | None] = mapped_column(String(400))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)  # RFC 5322 Message-ID
    state: Mapped[MailState] = mapped_column(
        enum_column(MailState, "mail_state"), default=MailState.QUEUED
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(200))  # "host:pid" while sending
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    server_reply: Mapped[str | None] = mapped_column(String(300))
    failure: Mapped[str | None] = mapped_column(Text)  # why it failed, in words
    # The same as a phrase (`vipdesk.phrase.phrase_json`), for the reader's language.
    failure_phrase: Mapped[str | None] = mapped_column(Text)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    queued_by: Mapped[str] = mapped_column(String(120))

    attachments: Mapped[list[OutboxAttachment]] = relationship(
        back_populates="message",
        cascade="all, delete-orphan",
        order_by="OutboxAttachment.position",
    )

    def __str__(self) -> str:
        first = self.recipients.split("\n", 1)[0]
        more = " and others" if "\n" in self.recipients else ""
        return f'e-mail "{self.subject}" to {first}{more}'


class OutboxAttachment(Base):
    """A file sent with a message: its bytes as sent, and the stored document it came from."""

    __tablename__ = "outbox_attachment"
    audited = False  # part of its message, whose line in the history names the message

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreement_document.id", ondelete="SET NULL")
    )
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    message: Mapped[OutboxMessage] = relationship(back_populates="attachments")


class MailTemplate(Versioned, Base):
    """The office's own wording of a shipped template (or of the signature), by key."""

    __tablename__ = "mail_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)

    def __str__(self) -> str:
        return f"mail template {self.key}"
