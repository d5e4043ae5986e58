"""Agreements ready to send: a placement in preparation with its records complete and a draft."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import update

from tests.helpers.evidence import prepare_fully
from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.documents.agreement.content import Person
from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    DocumentKind,
    DocumentState,
    SignatureState,
    Status,
)
from vipdesk.services.agreements.views import DocumentView
from vipdesk.services.agreements.workflow import (
    open_draft,
    save_agreement_draft,
    send_for_signature,
)
from vipdesk.services.placements.checklist import set_done
from vipdesk.services.placements.lifecycle import change_status
from vipdesk.services.signatures.recording import Approval, record_approval

SENT_ON = date.today()  # signatures are dated between sending and today


_hosts = itertools.count(1)


def ready_agreement(db: Database) -> tuple[int, DocumentView]:
    """A placement in preparation with its checklist done, and a complete agreement draft.

    The checklist is done as a coordinator would: the student selected by a tick, readiness,
    protocol and tools by their records (`prepare_fully`).
    """
    created = make_placement(db, make_world(db, host_name=f"Nordlicht {next(_hosts)} GmbH"))
    assert created.id is not None and created.version is not None
    set_done(db, created.id, "selection", True, "tester")
    prepare_fully(db, created.id)
    placement = change_status(db, created.id, Status.PREPARING, created.version, "tester")
    assert placement.id is not None
    draft = open_draft(db, placement.id, "tester")
    data = draft.agreement
    data = replace(
        data,
        sending=replace(
            data.sending,
            contact=Person("Anna Nowak", "Placement coordinator", "anna@uni.example"),
        ),
    )
    draft = save_agreement_draft(db, draft.id, data, draft.row_version, "tester")
    return placement.id, draft


def typed_approval(name: str, day: date = SENT_ON) -> Approval:
    return Approval(name, "Signs for the party", "someone@example.org", day)


def signed_agreement(db: Database) -> tuple[int, DocumentView]:
    """`ready_agreement`, sent and approved in writing by all three parties: locked."""
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, user="tester", today=SENT_ON)
    sent_earlier(db, sent.id, SENT_ON)  # sent on the day the signatures are dated, past midnight
    return placement_id, sign_all(db, sent)


def document_row(
    kind: DocumentKind = DocumentKind.AGREEMENT,
    number: int = 1,
    state: DocumentState = DocumentState.DRAFT,
    content: dict[str, Any] | None = None,
    signatures: tuple[tuple[str, SignatureState], ...] = (),
) -> AgreementDocument:
    """An unsaved document row with signatures (party, state) in order, for the pure readers."""
    return AgreementDocument(
        id=number,
        placement_id=7,
        kind=kind,
        number=number,
        state=state,
        version=1,
        content=json.dumps(content or {"n": number}),
        sign_order=",".join(party for party, _ in signatures) or "student,sending,host",
        signatures=[
            AgreementSignature(party=party, position=n, state=signature_state)
            for n, (party, signature_state) in enumerate(signatures, start=1)
        ],
    )


def sign_all(db: Database, sent: DocumentView) -> DocumentView:
    """Every party signs the document by a typed approval: it is locked."""
    for party in sent.order:
        sent = record_approval(db, sent.id, party, typed_approval(party), today=SENT_ON)
    return sent


def sent_earlier(db: Database, document_id: int, day: date) -> None:
    """As if the agreement had gone out on `day` (the work list reads when it was sent)."""
    with db.session() as session:
        session.execute(
            update(AgreementDocument)
            .where(AgreementDocument.id == document_id)
            .values(sent_at=datetime.combine(day, time(9), UTC))
        )
