"""After the agreement is locked: amendments during the placement, the certificate after it.

Both are documents of their own with their own signature round (`services.signatures`). An
amendment starts as a copy of what the parties last agreed and keeps that beside it (Table A2
next to Table A); the certificate starts from the agreed programme with the actual dates.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.certificate_content import (
    certificate_from_agreement,
    certificate_to_dict,
)
from vipdesk.documents.agreement.content import agreement_from_dict, agreement_to_dict
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.models import AgreementDocument, DocumentKind, DocumentState
from vipdesk.services.agreements.queries import (
    agreed_content,
    latest,
    locked_agreement,
    reference_of,
    rows_of,
)
from vipdesk.services.agreements.views import DocumentView, document_view
from vipdesk.services.agreements.workflow import DEFAULT_ORDER


def _after_lock(
    session: Session, placement_id: int, refusal: str
) -> tuple[str, list[AgreementDocument]]:
    """The placement's reference and documents; `refusal` when the agreement is not locked."""
    reference = reference_of(session, placement_id)
    rows = rows_of(session, placement_id)
    if locked_agreement(rows) is None:
        raise VipdeskError(refusal)
    return reference, rows


def _open_or_none(row: AgreementDocument | None, what: str) -> AgreementDocument | None:
    """The open draft to go on with; refuses while one is out for signature."""
    if row is None or row.state in (DocumentState.SIGNED, DocumentState.SUPERSEDED):
        return None
    if row.state is DocumentState.SENT:
        raise VipdeskError(
            f"{what} {row.number} is out for signature: record the signatures or a decline "
            "before starting another."
        )
    return row


def start_amendment(
    db: Database, placement_id: int, reason: str, user: str | None = None
) -> DocumentView:
    """A new amendment draft (or the open one), starting from what was last agreed.

    Raises:
        ValidationError: no reason given.
        VipdeskError: the agreement is not locked yet, or an amendment is out for signature.
    """
    if not reason.strip():
        raise ValidationError.single("reason", "Say why the agreement is amended.")
    with db.session(user) as session:
        reference, rows = _after_lock(
            session,
            placement_id,
            "The agreement is not signed by every party yet: change the agreement itself "
            "with a new version instead of an amendment.",
        )
        current = latest(rows, DocumentKind.AMENDMENT)
        draft = _open_or_none(current, "Amendment")
        if draft is not None:
            return document_view(draft, reference)
        agreed = agreement_from_dict(agreed_content(rows))
        row = AgreementDocument(
            placement_id=placement_id,
            kind=DocumentKind.AMENDMENT,
            number=(current.number + 1) if current else 1,
            state=DocumentState.DRAFT,
            content=json.dumps(agreement_to_dict(agreed), ensure_ascii=False, sort_keys=True),
            note=reason.strip(),
            sign_order=",".join(DEFAULT_ORDER[DocumentKind.AMENDMENT]),
            signatures=[],
        )
        session.add(row)
        session.flush()
        return document_view(row, reference)


def start_certificate(
    db: Database,
    placement_id: int,
    *,
    actual_start: date,
    actual_end: date,
    user: str | None = None,
    today: date | None = None,
) -> DocumentView:
    """The certificate draft (or the open one), filled from the agreed programme.

    Raises:
        ValidationError: the actual end is before the actual start.
        VipdeskError: the agreement is not locked, or a certificate is out for signature.
    """

    with db.session(user) as session:
        reference, rows = _after_lock(
            session,
            placement_id,
            "The certificate follows a signed agreement: the agreement is not signed by "
            "every party yet.",
        )
        current = latest(rows, DocumentKind.CERTIFICATE)
        draft = _open_or_none(current, "Certificate")
        if draft is not None:
            return document_view(draft, reference)
        agreed = agreement_from_dict(agreed_content(rows))
        number = (current.number + 1) if current else 1
        certificate = replace(
            certificate_from_agreement(
                agreed,
                actual_start=actual_start,
                actual_end=actual_end,
                today=today or date.today(),
            ),
            version=number,
            placement_id=placement_id,
        )
        row = AgreementDocument(
            placement_id=placement_id,
            kind=DocumentKind.CERTIFICATE,
            number=number,
            state=DocumentState.DRAFT,
            content=json.dumps(
                certificate_to_dict(certificate), ensure_ascii=False, sort_keys=True
            ),
            sign_order=",".join(DEFAULT_ORDER[DocumentKind.CERTIFICATE]),
            signatures=[],
        )
        session.add(row)
        session.flush()
        return document_view(row, reference)
