"""Demo data, last part: the Outbox, with the mail the office sent about its agreements.

For each agreement the demo stores a PDF of, the message that took it to the host for
signature (made from the same template and recipients as the app makes it), sent on the day
the agreement was sent; for a signed one also the final copy to all three parties, sent the
day it was locked. One in twelve of the first messages failed (the host's server refused the
address) and was sent again the next day. Each message has its line in the placement's
history, dated when it was sent.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from email.headerregistry import Address
from email.utils import make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from vipdesk.documents.agreement.content import agreement_from_dict
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.languages import ENGLISH
from vipdesk.models import (
    AgreementDocument,
    AuditEntry,
    DocumentKind,
    DocumentState,
    MailState,
    OutboxMessage,
)
from vipdesk.phrase import Phrase, phrase_json
from vipdesk.services.demo.parties import DEMO_USER
from vipdesk.services.mail.compose import Attachment, Draft, Recipients
from vipdesk.services.mail.messages import common_values, from_template, party_recipients
from vipdesk.services.mail.outbox import stored_attachments
from vipdesk.services.mail.settings import MailSettings
from vipdesk.services.mail.templates import how_to_sign

DEMO_SENDER = MailSettings(
    sender_name="International Office", sender_address="international@demo-university.example"
)
LIMIT = 80  # agreements with mail: enough to fill the Outbox, quick at any size


def _at(moment: datetime | None, today: date) -> datetime:
    if moment is None:
        return datetime.combine(today, datetime.min.time(), UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def add_demo_mail(session: Session, today: date) -> int:
    """Write the demo's sent mail; returns how many messages."""
    documents = session.scalars(
        select(AgreementDocument)
        .where(
            AgreementDocument.kind == DocumentKind.AGREEMENT,
            AgreementDocument.pdf.is_not(None),
            AgreementDocument.state.in_((DocumentState.SENT, DocumentState.SIGNED)),
        )
        .options(undefer(AgreementDocument.pdf), undefer(AgreementDocument.final_pdf))
        .order_by(AgreementDocument.id)
        .limit(LIMIT)
    ).all()
    made: list[tuple[Draft, datetime, MailState]] = []
    for number, row in enumerate(documents):
        data = agreement_from_dict(json.loads(row.content))
        sent = _at(row.sent_at, today)
        values = common_values(session, row.placement_id, DEMO_SENDER, sent.date())
        values |= {
            "version": str(data.version),
            "number": str(row.number),
            "instructions": how_to_sign(ENGLISH, fillable=False),
        }
        name = f"{data.reference} learning agreement version {row.number}.pdf"
        draft = from_template(
            session,
            "agreement_for_signature",
            values,
            party_recipients(session, data, Party.HOST),
            placement_id=row.placement_id,
            attachments=[Attachment(name, row.pdf or b"", "application/pdf", row.id)],
        )
        if number % 12 == 5:
            made.append((draft, sent, MailState.FAILED))
            made.append((draft, sent + timedelta(days=1), MailState.SENT))
        else:
            made.append((draft, sent, MailState.SENT))
        if row.state is DocumentState.SIGNED and row.final_pdf:
            locked = _at(row.locked_at, today)
            values = common_values(session, row.placement_id, DEMO_SENDER, locked.date())
            values["sha256"] = row.final_sha256 or ""
            everyone: list[Address] = []
            for party in Party:
                everyone += [
                    a for a in party_recipients(session, data, party).to if a not in everyone
                ]
            final = from_template(
                session,
                "agreement_signed",
                values,
                Recipients(everyone, []),
                placement_id=row.placement_id,
                attachments=[
                    Attachment(
                        f"{data.reference} learning agreement signed.pdf",
                        row.final_pdf,
                        "application/pdf",
                        row.id,
                    )
                ],
            )
            made.append((final, locked, MailState.SENT))
    messages: list[OutboxMessage] = []
    made.sort(key=lambda m: m[1])  # written in the order they went out, as the app writes them
    for draft, when, state in made:
        to = "\n".join(str(a) for a in draft.to)
        failure = None
        if state is MailState.FAILED:  # said as `smtp.send_message` says it
            failure = Phrase(
                "Recipient refused: {recipient} ({reply}).",
                {
                    "recipient": draft.to[0].addr_spec,
                    "reply": "550 5.1.1 The email account that you tried to reach does not exist",
                },
            )
        message = OutboxMessage(
            placement_id=draft.placement_id,
            template=draft.template,
            sender=str(DEMO_SENDER.sender),
            recipients=to,
            copies="\n".join(str(a) for a in draft.cc),
            subject=draft.subject,
            body=draft.body,
            message_id=make_msgid("vipdesk-demo", domain="demo-university.example"),
            state=state,
            attempts=1,
            sent_at=when if state is MailState.SENT else None,
            server_reply="250 2.0.0 Ok: queued" if state is MailState.SENT else None,
            failure=failure.english() if failure else None,
            failure_phrase=phrase_json(failure) if failure else None,
            queued_at=when,
            queued_by=DEMO_USER,
            created_at=when,
            updated_at=when,
            attachments=stored_attachments(draft),
        )
        message.audited = False  # its history line below is dated when it was sent
        messages.append(message)
        session.add(
            AuditEntry(
                at=when,
                user=DEMO_USER,
                entity="placement",
                entity_id=draft.placement_id,
                action="update",
                # As the audit trail words a change of an outbox message (`models.audit`).
                summary=f'changed e-mail "{draft.subject}" to {to.split(chr(10))[0]}'[:300],
                changes=json.dumps({"state": ["queued", state.value]}),
            )
        )
    session.add_all(messages)
    session.flush()
    return len(messages)
