"""The outbox: every message is stored first, then sent, and never sent twice.

`queue` stores a draft as it will go out (headers, text, the attachments' bytes, a Message-ID
fixed now). A sender `claim`s one queued message at a time with a conditional UPDATE, so that
two coordinators sending from one database never both send it; the claim names the computer
and process. A claim whose process is gone (the app was killed mid-send) or that is older than
`STALE_AFTER` is released back to `queued` by `release_abandoned`, and the message is sent once
on the next run: a server that had not answered "250 OK" to the data has not taken it.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import MailState, OutboxAttachment, OutboxMessage, Placement
from vipdesk.models.base import utcnow
from vipdesk.phrase import Phrase, phrase_json, stored_phrase
from vipdesk.services.mail.compose import (
    Attachment,
    Draft,
    build_message,
    check_draft,
    new_message_id,
    parse_addresses,
)

STALE_AFTER = timedelta(minutes=15)  # a claim older than this is abandoned, whoever made it


@dataclass(frozen=True)
class OutboxRow:
    """A message as the outbox lists it."""

    id: int
    placement_id: int | None
    reference: str
    template: str
    recipients: str
    subject: str
    state: MailState
    queued_at: datetime
    sent_at: datetime | None
    attempts: int
    failure: str
    server_reply: str
    failure_phrase: Phrase | None
    attachments: tuple[str, ...]

    @property
    def to_text(self) -> str:
        return ", ".join(self.recipients.split("\n"))


def claimant() -> str:
    """This process, as a claim names it: "computer:pid"."""
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def queue(
    db: Database,
    draft: Draft,
    sender: Address,
    *,
    reply_to: Address | None = None,
    user: str | None = None,
) -> int:
    """Store `draft` as a queued message; its id."""
    return queue_many(db, [draft], sender, reply_to=reply_to, user=user)[0]


def queue_many(
    db: Database,
    drafts: Sequence[Draft],
    sender: Address,
    *,
    reply_to: Address | None = None,
    user: str | None = None,
) -> list[int]:
    """Store every draft in one transaction (all or none); their ids, in order."""
    for draft in drafts:
        check_draft(draft)
    rows = []
    with db.session(user) as session:
        for draft in drafts:
            row = OutboxMessage(
                placement_id=draft.placement_id,
                template=draft.template,
                rule_key=draft.rule_key,
                sender=str(sender),
                recipients="\n".join(str(a) for a in draft.to),
                copies="\n".join(str(a) for a in draft.cc),
                reply_to=str(reply_to) if reply_to else None,
                subject=draft.subject,
                body=draft.body,
                message_id=new_message_id(sender),
                state=MailState.QUEUED,
                attempts=0,
                queued_by=user or "unknown",
                attachments=stored_attachments(draft),
            )
            session.add(row)
            rows.append(row)
        session.flush()
        return [row.id for row in rows]


def stored_attachments(draft: Draft) -> list[OutboxAttachment]:
    """The draft's files as the outbox keeps them: bytes, size, hash, the document they are."""
    return [
        OutboxAttachment(
            position=n,
            file_name=a.file_name,
            content_type=a.mime_type,
            size=len(a.data),
            sha256=a.sha256,
            document_id=a.document_id,
            data=a.data,
        )
        for n, a in enumerate(draft.attachments)
    ]


def _draft_of(row: OutboxMessage) -> tuple[Draft, Address, Address | None]:
    draft = Draft(
        to=parse_addresses(row.recipients.replace("\n", ", ")),
        cc=parse_addresses(row.copies.replace("\n", ", ")) if row.copies else [],
        subject=row.subject,
        body=row.body,
        attachments=[
            Attachment(a.file_name, a.data, a.content_type, a.document_id) for a in row.attachments
        ],
        placement_id=row.placement_id,
        template=row.template,
    )
    sender = parse_addresses(row.sender, "sender_address")[0]
    reply_to = parse_addresses(row.reply_to, "reply_to")[0] if row.reply_to else None
    return draft, sender, reply_to


def stored_message(db: Database, message_id: int, *, unsent: bool = False) -> EmailMessage:
    """The stored message as it goes (or went) out, with its own Message-ID and date."""
    with db.session() as session:
        row = session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .options(selectinload(OutboxMessage.attachments))
        )
        if row is None:
            raise NotFoundError.said("This message is no longer in the outbox.")
        draft, sender, reply_to = _draft_of(row)
        when = row.sent_at or row.queued_at
        return build_message(
            draft,
            sender,
            reply_to=reply_to,
            message_id=row.message_id,
            date=when,
            unsent=unsent,
        )


def claim(db: Database, message_id: int, who: str | None = None) -> bool:
    """Take a queued message for sending; False if another sender has it or it is not queued."""
    with db.session() as session:
        done = session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.state == MailState.QUEUED)
            .values(
                state=MailState.SENDING,
                claimed_by=who or claimant(),
                claimed_at=utcnow(),
                attempts=OutboxMessage.attempts + 1,
                version=OutboxMessage.version + 1,
            )
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]


def _finish(db: Database, message_id: int, user: str | None, **values: object) -> None:
    """Record how sending went, through the ORM so that the history shows it."""
    with db.session(user) as session:
        row = session.get(OutboxMessage, message_id)
        if row is None:
            return
        for key, value in values.items():
            setattr(row, key, value)
        row.claimed_by = None
        row.claimed_at = None


def mark_sent(db: Database, message_id: int, reply: str, user: str | None = None) -> None:
    _finish(
        db,
        message_id,
        user,
        state=MailState.SENT,
        sent_at=utcnow(),
        server_reply=reply[:300],
        failure=None,
        failure_phrase=None,
    )


def mark_failed(
    db: Database, message_id: int, reason: VipdeskError, user: str | None = None
) -> None:
    """Record why the message was not sent: in English, and as the phrase the error said (if
    it did), so that the outbox tells it in each reader's language."""
    said = phrase_json(reason.phrase) if reason.phrase is not None else None
    _finish(db, message_id, user, state=MailState.FAILED, failure=str(reason), failure_phrase=said)


def release(db: Database, message_id: int) -> None:
    """Give a claimed message back to the queue (sending was cancelled before it began)."""
    with db.session() as session:
        session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.state == MailState.SENDING)
            .values(
                state=MailState.QUEUED,
                claimed_by=None,
                claimed_at=None,
                version=OutboxMessage.version + 1,
            )
        )


def _alive(claim_text: str | None) -> bool:
    """Whether the process that made the claim still runs (only knowable on this computer)."""
    host, _, pid = (claim_text or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another computer's: trust it until it is stale
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def release_abandoned(db: Database, now: datetime | None = None) -> int:
    """Return to the queue every claim whose sender died or went silent; how many."""
    now = now or utcnow()
    with db.session() as session:
        claimed = session.execute(
            select(OutboxMessage.id, OutboxMessage.claimed_by, OutboxMessage.claimed_at).where(
                OutboxMessage.state == MailState.SENDING
            )
        ).all()
        abandoned = [
            id_
            for id_, who, at in claimed
            if at is None or now - at > STALE_AFTER or not _alive(who)
        ]
        if abandoned:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(abandoned), OutboxMessage.state == MailState.SENDING)
                .values(
                    state=MailState.QUEUED,
                    claimed_by=None,
                    claimed_at=None,
                    version=OutboxMessage.version + 1,
                )
            )
    return len(abandoned)


def retry(db: Database, message_ids: Iterable[int], user: str | None = None) -> int:
    """Queue failed (or cancelled) messages again; how many."""
    return _move(db, message_ids, (MailState.FAILED, MailState.CANCELLED), MailState.QUEUED, user)


def cancel(db: Database, message_ids: Iterable[int], user: str | None = None) -> int:
    """Keep queued or failed messages from being sent; how many. A sent one stays sent."""
    return _move(db, message_ids, (MailState.QUEUED, MailState.FAILED), MailState.CANCELLED, user)


def _move(
    db: Database,
    ids: Iterable[int],
    sources: tuple[MailState, ...],
    target: MailState,
    user: str | None,
) -> int:
    with db.session(user) as session:
        rows = session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.id.in_(list(ids)), OutboxMessage.state.in_(sources)
            )
        ).all()
        for row in rows:
            row.state = target
            if target is MailState.QUEUED:
                row.failure = row.failure_phrase = None
        return len(rows)


def queued_ids(db: Database, ids: Iterable[int] | None = None) -> list[int]:
    """The queued messages (of `ids`, else all), oldest first."""
    query = select(OutboxMessage.id).where(OutboxMessage.state == MailState.QUEUED)
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(list(ids)))
    with db.session() as session:
        return list(session.scalars(query.order_by(OutboxMessage.id)))


def outbox_rows(
    db: Database,
    *,
    placement_id: int | None = None,
    states: Iterable[MailState] | None = None,
    limit: int = 2000,
) -> list[OutboxRow]:
    """The newest messages first (of one placement, in some states)."""
    query = (
        select(OutboxMessage, Placement.reference)
        .outerjoin(Placement, Placement.id == OutboxMessage.placement_id)
        .options(selectinload(OutboxMessage.attachments))
        .order_by(OutboxMessage.id.desc())
        .limit(limit)
    )
    if placement_id is not None:
        query = query.where(OutboxMessage.placement_id == placement_id)
    if states is not None:
        query = query.where(OutboxMessage.state.in_(list(states)))
    with db.session() as session:
        return [
            OutboxRow(
                id=row.id,
                placement_id=row.placement_id,
                reference=reference or "",
                template=row.template,
                recipients=row.recipients,
                subject=row.subject,
                state=row.state,
                queued_at=row.queued_at,
                sent_at=row.sent_at,
                attempts=row.attempts,
                failure=row.failure or "",
                server_reply=row.server_reply or "",
                failure_phrase=stored_phrase(row.failure_phrase),
                attachments=tuple(a.file_name for a in row.attachments),
            )
            for row, reference in session.execute(query)
        ]


def recently_reminded(session: Session, since: datetime) -> set[tuple[int, str]]:
    """(placement, rule) pairs reminded since `since` (queued, sending or sent)."""
    query = select(OutboxMessage.placement_id, OutboxMessage.rule_key).where(
        OutboxMessage.rule_key.is_not(None),
        OutboxMessage.queued_at >= since,
        OutboxMessage.state.in_((MailState.QUEUED, MailState.SENDING, MailState.SENT)),
    )
    return {(p, r) for p, r in session.execute(query) if p is not None and r is not None}
