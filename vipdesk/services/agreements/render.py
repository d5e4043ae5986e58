"""The PDF of a stored document: as sent for signature, and the executed copy once signed.

Every kind renders from its frozen content: an agreement version by itself, an amendment
beside what the parties agreed before it (Table A2 next to Table A), a certificate by itself.
The executed copy is the same document with each party's signature record printed in its
signature box: how, by whom and when it was signed, with a scanned signature's image.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.amendment_pdf import render_amendment
from vipdesk.documents.agreement.certificate_content import certificate_from_dict
from vipdesk.documents.agreement.certificate_pdf import render_certificate
from vipdesk.documents.agreement.content import agreement_from_dict
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.signature_record import SignatureRecord
from vipdesk.errors import VipdeskError
from vipdesk.models import (
    AgreementDocument,
    DocumentKind,
    DocumentState,
    SignatureMethod,
    SignatureState,
)
from vipdesk.services.agreements.queries import agreed_content, load_row
from vipdesk.services.agreements.views import document_name


def _records(row: AgreementDocument) -> list[SignatureRecord]:
    assert all(s.state is SignatureState.SIGNED for s in row.signatures)
    return signed_records(row)


def signed_records(row: AgreementDocument) -> list[SignatureRecord]:
    """The signatures given so far, as the PDF prints them in their parties' boxes."""
    out: list[SignatureRecord] = []
    for signature in row.signatures:
        if signature.state is not SignatureState.SIGNED:
            continue
        assert signature.method is not None and signature.signed_on is not None
        out.append(
            SignatureRecord(
                party=signature.party,
                method=signature.method.value,
                name=signature.signer_name or "",
                function=signature.signer_function or "",
                email=signature.signer_email or "",
                signed_on=signature.signed_on,
                recorded_by=signature.recorded_by or "",
                scan=signature.scan if signature.method is SignatureMethod.SCANNED else None,
                scan_name=signature.scan_name or "",
            )
        )
    return out


def render_document(
    session: Session, row: AgreementDocument, *, records: list[SignatureRecord] | None = None
) -> bytes:
    """The document's PDF from its stored content (with signature records, if given)."""
    content = json.loads(row.content)
    if row.kind is DocumentKind.AGREEMENT:
        return render_agreement(agreement_from_dict(content), records=records)
    if row.kind is DocumentKind.AMENDMENT:
        rows = list(
            session.scalars(
                select(AgreementDocument).where(AgreementDocument.placement_id == row.placement_id)
            )
        )
        original = agreement_from_dict(agreed_content(rows, before_amendment=row.number))
        return render_amendment(
            original,
            agreement_from_dict(content),
            number=row.number,
            reason=row.note or "",
            agreed_on=None,
            records=records,
        )

    return render_certificate(certificate_from_dict(content), records=records)


def executed_copy(session: Session, row: AgreementDocument) -> bytes:
    """The signed document as one PDF: each party's signature record in its box."""
    session.flush()  # the signature just recorded is part of the record
    return render_document(session, row, records=_records(row))


# --- the PDFs of a document ------------------------------------------------------------------


def stored_or_rendered(session: Session, row: AgreementDocument, *, final: bool) -> bytes:
    """The document's PDF as stored; rendered from its content when it was stored without one
    (the demo stores PDFs for a few dozen documents only).

    Raises:
        VipdeskError: the document is not signed by every party (`final`) or not sent yet.
    """
    if final:
        if row.state is not DocumentState.SIGNED:
            raise VipdeskError.said(
                "The {document} is not signed by every party yet.", document=document_name(row)
            )
        return row.final_pdf or render_document(session, row, records=_records(row))
    if row.state is DocumentState.DRAFT:
        raise VipdeskError.said(
            "The {document} has not been sent for signature yet: no PDF to send.",
            document=document_name(row),
        )
    return row.signed_pdf or row.pdf or render_document(session, row)


def document_pdf(db: Database, document_id: int) -> bytes:
    """The PDF to send or sign: as sent, with the digital signatures added so far."""
    with db.session() as session:
        return stored_or_rendered(session, load_row(session, document_id), final=False)


def final_pdf(db: Database, document_id: int) -> bytes:
    """The archived final PDF of a document every party signed."""
    with db.session() as session:
        return stored_or_rendered(session, load_row(session, document_id), final=True)
