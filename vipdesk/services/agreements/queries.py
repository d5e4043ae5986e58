"""Reading a placement's agreement documents: the rows, their views, what was agreed, the PDFs.

Kept apart from `services.agreements` (the draft → send lifecycle, which changes rows) so that
the modules that only look — the Agreement tab, `signatures`, `agreement_changes`, rendering —
import nothing that writes. Every function here takes a Session or opens one only to read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import AgreementDocument, DocumentKind, DocumentState, Placement
from vipdesk.services.agreements.views import DocumentView, document_view

# --- rows in a session -----------------------------------------------------------------------


def reference_of(session: Session, placement_id: int) -> str:
    reference = session.scalar(select(Placement.reference).where(Placement.id == placement_id))
    if reference is None:
        raise NotFoundError.said("This placement no longer exists.")
    return reference


def rows_of(session: Session, placement_id: int) -> list[AgreementDocument]:
    return list(
        session.scalars(
            select(AgreementDocument)
            .where(AgreementDocument.placement_id == placement_id)
            .options(selectinload(AgreementDocument.signatures))
            .order_by(AgreementDocument.kind, AgreementDocument.number)
        )
    )


def load_row(session: Session, document_id: int) -> AgreementDocument:
    row = session.get(
        AgreementDocument, document_id, options=[selectinload(AgreementDocument.signatures)]
    )
    if row is None:
        raise NotFoundError.said("This agreement document no longer exists.")
    return row


def latest(rows: Sequence[AgreementDocument], kind: DocumentKind) -> AgreementDocument | None:
    of_kind = [r for r in rows if r.kind is kind]
    return max(of_kind, key=lambda r: r.number) if of_kind else None


def locked_agreement(rows: Sequence[AgreementDocument]) -> AgreementDocument | None:
    return next(
        (r for r in rows if r.kind is DocumentKind.AGREEMENT and r.state is DocumentState.SIGNED),
        None,
    )


def agreed_content(
    rows: Sequence[AgreementDocument], before_amendment: int | None = None
) -> dict[str, Any]:
    """What all parties last agreed: the locked agreement or the latest signed amendment."""
    agreed = locked_agreement(rows)
    if agreed is None:
        raise VipdeskError.said("The agreement is not signed by all parties yet.")
    amendments = [
        r
        for r in rows
        if r.kind is DocumentKind.AMENDMENT
        and r.state is DocumentState.SIGNED
        and (before_amendment is None or r.number < before_amendment)
    ]
    if amendments:
        agreed = max(amendments, key=lambda r: r.number)
    content: dict[str, Any] = json.loads(agreed.content)
    return content


# --- views and files for the UI --------------------------------------------------------------


def documents_of(db: Database, placement_id: int) -> list[DocumentView]:
    """Every document of the placement: agreement versions, amendments, the certificate."""
    with db.session() as session:
        reference = reference_of(session, placement_id)
        return [document_view(row, reference) for row in rows_of(session, placement_id)]


def get_document(db: Database, document_id: int) -> DocumentView:
    with db.session() as session:
        row = load_row(session, document_id)
        return document_view(row, reference_of(session, row.placement_id))
