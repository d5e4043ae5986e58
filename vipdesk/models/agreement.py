"""Agreement documents of a placement and the signature of each party on each of them.

A placement's documents are numbered per kind: agreement versions 1, 2, ... (a new version
supersedes the one before until one is signed by all), amendments 1, 2, ... once the agreement
is locked, and the traineeship certificate. The content is the JSON of the document's data
(`AgreementData` or `CertificateData`); it is frozen once the document is sent for signature.

PDF and scan bytes are deferred columns: listing documents never reads them.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from vipdesk.models.base import Base, UTCDateTime, Versioned, enum_column


class DocumentKind(enum.StrEnum):
    AGREEMENT = "agreement"
    AMENDMENT = "amendment"
    CERTIFICATE = "certificate"

    @property
    def label(self) -> str:
        return {
            "agreement": "Learning agreement",
            "amendment": "Amendment",
            "certificate": "Traineeship certificate",
        }[self.value]


class DocumentState(enum.StrEnum):
    DRAFT = "draft"  # being written; editable
    SENT = "sent"  # frozen, out for signature
    SIGNED = "signed"  # signed by every party: locked, final PDF archived
    SUPERSEDED = "superseded"  # replaced by a later version before it was signed

    @property
    def label(self) -> str:
        return {
            "draft": "Draft",
            "sent": "Out for signature",
            "signed": "Signed and locked",
            "superseded": "Superseded",
        }[self.value]


class SignatureState(enum.StrEnum):
    PENDING = "pending"
    SIGNED = "signed"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class SignatureMethod(enum.StrEnum):
    DIGITAL = "digital"  # PAdES signature with a certificate, in the PDF itself
    SCANNED = "scanned"  # signed on paper; the scan is attached
    TYPED = "typed"  # typed approval: name, function, e-mail, date

    @property
    def label(self) -> str:
        return {
            "digital": "Digital signature",
            "scanned": "Paper signature (scan attached)",
            "typed": "Typed approval",
        }[self.value]


class AgreementDocument(Versioned, Base):
    """One version of one document of a placement."""

    __tablename__ = "agreement_document"
    __table_args__ = (
        UniqueConstraint("placement_id", "kind", "number"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint(
            "state <> 'signed' OR (final_sha256 IS NOT NULL AND locked_at IS NOT NULL)",
            name="locked_when_signed",
        ),
        CheckConstraint("state = 'draft' OR content_hash IS NOT NULL", name="hashed_when_sent"),
        # The work list asks for the versions out for signature among every version on file.
        Index("ix_agreement_document_state_kind", "state", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind, "document_kind"))
    number: Mapped[int]
    state: Mapped[DocumentState] = mapped_column(enum_column(DocumentState, "document_state"))
    content: Mapped[str] = mapped_column(Text)  # JSON of the document's data
    content_hash: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)  # why this version or amendment exists
    sign_order: Mapped[str] = mapped_column(String(40))  # e.g. "student,sending,host"
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_by: Mapped[str | None] = mapped_column(String(100))
    pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))  # as sent, never changed
    # The sent PDF with the digital signatures added so far (incremental updates); a decline
    # drops them with the other signatures.
    signed_pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    final_pdf: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    final_sha256: Mapped[str | None] = mapped_column(String(64))

    signatures: Mapped[list[AgreementSignature]] = relationship(
        back_populates="document",
        cascade="all, delete-orphan",
        order_by="AgreementSignature.position",
    )

    def __str__(self) -> str:
        return f"{self.kind.label.lower()} {self.number}"


class AgreementSignature(Base):
    """Where one party stands on one document: pending, signed (and how), or declined."""

    __tablename__ = "agreement_signature"
    __table_args__ = (
        UniqueConstraint("document_id", "party"),
        CheckConstraint("party IN ('student', 'sending', 'host')", name="known_party"),
        CheckConstraint(
            "state <> 'signed' OR (method IS NOT NULL AND signed_on IS NOT NULL "
            "AND signer_name IS NOT NULL)",
            name="complete_when_signed",
        ),
        CheckConstraint("state <> 'declined' OR reason IS NOT NULL", name="declined_with_reason"),
        CheckConstraint(
            "state <> 'signed' OR method <> 'scanned' OR scan IS NOT NULL",
            name="scan_attached",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("agreement_document.id", ondelete="CASCADE")
    )
    party: Mapped[str] = mapped_column(String(10))  # student, sending or host
    position: Mapped[int]  # 1 signs first
    state: Mapped[SignatureState] = mapped_column(enum_column(SignatureState, "signature_state"))
    method: Mapped[SignatureMethod | None] = mapped_column(
        enum_column(SignatureMethod, "signature_method")
    )
    signer_name: Mapped[str | None] = mapped_column(String(200))
    signer_function: Mapped[str | None] = mapped_column(String(200))
    signer_email: Mapped[str | None] = mapped_column(String(200))
    signed_on: Mapped[date | None]
    reason: Mapped[str | None] = mapped_column(Text)  # why the party declined
    # vipdesk's own reason (an unconfirmed signer recorded) as a phrase, for the reader's
    # language (`vipdesk.phrase.phrase_json`); `reason` holds it in English.
    reason_phrase: Mapped[str | None] = mapped_column(Text)
    scan: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    scan_name: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str | None] = mapped_column(String(100))
    recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    document: Mapped[AgreementDocument] = relationship(back_populates="signatures")

    def __str__(self) -> str:
        return f"signature of the {self.party}"
