"""Stored agreements for some demo placements, so that the Agreement tab shows real cases.

The first placements that have reached "agreement sent" or later get version 1 of their
agreement, frozen and rendered as if sent: those still at "agreement sent" wait for some of
their signatures; the later ones were signed by all three parties by typed approval, and are
locked with their executed copy and its SHA-256 archived. Only a few dozen, because each is
rendered as a PDF (twice when signed); the other demo placements have no stored agreement.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData, agreement_to_dict, content_hash
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    DocumentKind,
    DocumentState,
    Placement,
    SignatureMethod,
    SignatureState,
    Status,
)
from vipdesk.services.agreements.prefill import load_agreements
from vipdesk.services.agreements.views import DEFAULT_PARTIES
from vipdesk.services.demo.parties import DEMO_USER

DEMO_AGREEMENTS = 40
_SIGNED = (Status.SIGNED, Status.ONGOING, Status.EVALUATING, Status.COMPLETED)


def _signer(data: AgreementData, party: str) -> tuple[str, str, str]:
    if party == "student":
        return data.trainee.name, "Trainee", data.trainee.email
    if party == "sending":
        contact = data.sending.contact
        return contact.name or DEMO_USER, contact.position or "Placement coordinator", contact.email
    mentor = data.receiving.mentor
    return mentor.name or data.receiving.name, mentor.position or "Company mentor", mentor.email


def add_demo_agreements(
    db: Database, *, limit: int = DEMO_AGREEMENTS, seed: int = 1, today: date | None = None
) -> int:
    """Store agreements for up to `limit` demo placements; returns how many were stored."""
    with db.session(DEMO_USER) as session:
        return store_demo_agreements(session, limit=limit, seed=seed, today=today)


def store_demo_agreements(
    session: Session, *, limit: int = DEMO_AGREEMENTS, seed: int = 1, today: date | None = None
) -> int:
    """`add_demo_agreements` inside a session the caller holds and commits (or rolls back)."""
    today = today or date.today()
    rng = random.Random(seed)
    # A third out for signature, the others signed: both kinds show in a small demo.
    waiting = limit // 3
    chosen: list[tuple[int, Status]] = []
    for statuses, count in (
        ((Status.AGREEMENT_SENT,), waiting),
        (_SIGNED, limit - waiting),
    ):
        rows = session.execute(
            select(Placement.id, Placement.status)
            .where(Placement.status.in_(statuses))
            .order_by(Placement.id)
            .limit(count)
        )
        chosen += [(placement_id, status) for placement_id, status in rows]
    contents = load_agreements(session, [pid for pid, _ in chosen], today=today)
    for placement_id, status in chosen:
        start = contents[placement_id].programme.start
        sent_on = min(start - timedelta(days=rng.randint(20, 50)), today - timedelta(days=14))
        data = replace(contents[placement_id], generated_at=sent_on)
        signed = 3 if status is not Status.AGREEMENT_SENT else rng.randint(0, 2)
        signatures, records = [], []
        day = sent_on
        for position, party in enumerate(DEFAULT_PARTIES, 1):
            if position > signed:
                signatures.append(
                    AgreementSignature(party=party, position=position, state=SignatureState.PENDING)
                )
                continue
            day = min(day + timedelta(days=rng.randint(1, 6)), today)
            name, function, email = _signer(data, party)
            signatures.append(
                AgreementSignature(
                    party=party,
                    position=position,
                    state=SignatureState.SIGNED,
                    method=SignatureMethod.TYPED,
                    signer_name=name,
                    signer_function=function,
                    signer_email=email or None,
                    signed_on=day,
                    recorded_by=DEMO_USER,
                    recorded_at=datetime.combine(day, time(10, 30), tzinfo=UTC),
                )
            )
            records.append(SignatureRecord(party, "typed", name, function, email, day, DEMO_USER))
        row = AgreementDocument(
            placement_id=placement_id,
            kind=DocumentKind.AGREEMENT,
            number=1,
            state=DocumentState.SENT,
            content=json.dumps(agreement_to_dict(data), ensure_ascii=False, sort_keys=True),
            content_hash=content_hash(data),
            sign_order=",".join(DEFAULT_PARTIES),
            sent_at=datetime.combine(sent_on, time(9, 0), tzinfo=UTC),
            sent_by=DEMO_USER,
            pdf=render_agreement(data),
            signatures=signatures,
        )
        if signed == len(DEFAULT_PARTIES):
            final = render_agreement(data, records=records)
            row.state = DocumentState.SIGNED
            row.final_pdf = final
            row.final_sha256 = hashlib.sha256(final).hexdigest()
            row.locked_at = datetime.combine(day, time(11, 0), tzinfo=UTC)
        session.add(row)
    return len(chosen)
