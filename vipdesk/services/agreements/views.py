"""Plain views of agreement documents and their signatures, for the UI and the commands."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from vipdesk.documents.agreement.content import AgreementData, agreement_from_dict
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    DocumentKind,
    DocumentState,
    SignatureMethod,
    SignatureState,
)
from vipdesk.phrase import Label, Phrase, stored_phrase

DEFAULT_PARTIES: tuple[str, ...] = ("student", "sending", "host")


def document_name(row: AgreementDocument) -> Phrase:
    """'learning agreement 1' inside a sentence, in whatever language it is read."""
    return Phrase("{kind} {number}", {"kind": Label(row.kind.label, True), "number": row.number})


def party_name(party: str) -> Label:
    """A party's name inside a sentence: 'receiving organisation'."""
    return Label(PARTY_LABELS.get(party, party), True)


PARTY_LABELS = {party.value: party.role for party in Party}


@dataclass(frozen=True)
class SignatureView:
    party: str
    position: int
    state: SignatureState
    method: SignatureMethod | None
    signer_name: str
    signer_function: str
    signer_email: str
    signed_on: date | None
    reason: str
    reason_phrase: Phrase | None  # vipdesk's own reason, for the reader's language
    scan_name: str
    recorded_by: str
    recorded_at: datetime | None

    @property
    def party_label(self) -> str:
        return PARTY_LABELS[self.party]


@dataclass(frozen=True)
class DocumentView:
    """One document of a placement, as plain values for the UI and the command line."""

    id: int
    placement_id: int
    reference: str
    kind: DocumentKind
    number: int
    state: DocumentState
    row_version: int
    content: dict[str, Any]
    content_hash: str
    note: str
    order: tuple[str, ...]
    signatures: tuple[SignatureView, ...]
    sent_at: datetime | None
    sent_by: str
    locked_at: datetime | None
    final_sha256: str
    updated_by: str

    @property
    def title(self) -> str:
        version = "version " if self.kind is DocumentKind.AGREEMENT else ""
        return f"{self.kind.label} {version}{self.number}"

    @property
    def agreement(self) -> AgreementData:
        """The content of an agreement or an amendment (the programme as amended)."""
        if self.kind is DocumentKind.CERTIFICATE:
            raise TypeError("a certificate holds no agreement")
        return agreement_from_dict(self.content)

    @property
    def next_party(self) -> str | None:
        """Who is to sign next, in the order; None when not out for signature."""
        if self.state is not DocumentState.SENT:
            return None
        return next(
            (s.party for s in self.signatures if s.state is not SignatureState.SIGNED), None
        )

    @property
    def declined(self) -> SignatureView | None:
        return next((s for s in self.signatures if s.state is SignatureState.DECLINED), None)


def _signature_view(row: AgreementSignature) -> SignatureView:
    return SignatureView(
        party=row.party,
        position=row.position,
        state=row.state,
        method=row.method,
        signer_name=row.signer_name or "",
        signer_function=row.signer_function or "",
        signer_email=row.signer_email or "",
        signed_on=row.signed_on,
        reason=row.reason or "",
        reason_phrase=stored_phrase(row.reason_phrase),
        scan_name=row.scan_name or "",
        recorded_by=row.recorded_by or "",
        recorded_at=row.recorded_at,
    )


def document_view(row: AgreementDocument, reference: str) -> DocumentView:
    return DocumentView(
        id=row.id,
        placement_id=row.placement_id,
        reference=reference,
        kind=row.kind,
        number=row.number,
        state=row.state,
        row_version=row.version,
        content=json.loads(row.content),
        content_hash=row.content_hash or "",
        note=row.note or "",
        order=tuple(row.sign_order.split(",")),
        signatures=tuple(_signature_view(s) for s in row.signatures),
        sent_at=row.sent_at,
        sent_by=row.sent_by or "",
        locked_at=row.locked_at,
        final_sha256=row.final_sha256 or "",
        updated_by=row.updated_by or "",
    )
