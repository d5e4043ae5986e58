"""A placement's agreement documents: drafts, versions, sending for signature, amendments.

The life of an agreement:

1. `open_draft` starts version 1, filled from the placement's records (`agreement_prefill`).
   `save_draft` stores what the coordinator edits; only a draft can change.
2. `send_for_signature` checks every section, freezes the content (SHA-256 of its canonical
   JSON), renders the PDF that goes out, and opens one pending signature per party in the
   chosen order. Sending the agreement moves the placement to "Agreement sent" (with that
   status's checks).
3. Signatures are recorded in `services.signatures`; when the last party signs, the document
   is locked and its final PDF archived. A decline resets the others.
4. `new_version` replaces a version that is out for signature (HR asked for changes, a party
   declined) by a new draft; the old one is kept, superseded.
5. Once the agreement is locked, changes are amendments
   (`agreement_changes.start_amendment`), and after the placement the certificate
   (`agreement_changes.start_certificate`); both go through the same signature round.

This module holds the steps that change a document (1, 2 and 4). Reading them — the list for
the Agreement tab, one document, what was last agreed, the stored PDFs — is in
`services.agreement_queries`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from vipdesk.db import Database
from vipdesk.documents.agreement.certificate_content import (
    certificate_from_dict,
    certificate_hash,
)
from vipdesk.documents.agreement.content import (
    AgreementData,
    agreement_from_dict,
    agreement_to_dict,
    content_hash,
)
from vipdesk.documents.agreement.texts import document_language
from vipdesk.errors import ConflictError, FieldProblem, ValidationError, VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import (
    AgreementDocument,
    AgreementSignature,
    DocumentKind,
    DocumentState,
    Placement,
    SignatureState,
    Status,
)
from vipdesk.models.base import utcnow
from vipdesk.phrase import Joined, Label
from vipdesk.services.agreements.checks.lengths import length_problems
from vipdesk.services.agreements.checks.validation import certificate_problems, validate_agreement
from vipdesk.services.agreements.export import remember_language, remembered_language
from vipdesk.services.agreements.prefill import agreement_from_placement
from vipdesk.services.agreements.queries import latest, load_row, reference_of, rows_of
from vipdesk.services.agreements.relanguage import relanguage
from vipdesk.services.agreements.render import render_document
from vipdesk.services.agreements.views import (
    DEFAULT_PARTIES,
    DocumentView,
    document_name,
    document_view,
)
from vipdesk.services.placements.lifecycle import move_status
from vipdesk.services.preparation.tool_catalogue import purposes

DEFAULT_ORDER: dict[DocumentKind, tuple[str, ...]] = {
    DocumentKind.AGREEMENT: DEFAULT_PARTIES,
    DocumentKind.AMENDMENT: DEFAULT_PARTIES,
    DocumentKind.CERTIFICATE: ("host",),  # Table D: the supervisor at the organisation signs
}


class DocumentFrozenError(VipdeskError):
    """The document was sent or signed: its content can no longer change."""


# --- drafts --------------------------------------------------------------------------------


def _check_version(row: AgreementDocument, expected_version: int, reference: str) -> None:
    if row.version != expected_version:
        raise ConflictError(
            "agreement", theirs=document_view(row, reference), changed_by=row.updated_by
        )


def _dump(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True)


def open_draft(db: Database, placement_id: int, user: str | None = None) -> DocumentView:
    """The agreement draft to edit: the open one, or version 1 filled from the records.

    Raises:
        DocumentFrozenError: a version is out for signature or signed; see `new_version` and
            `start_amendment`.
    """

    with db.session(user) as session:
        reference = reference_of(session, placement_id)
        current = latest(rows_of(session, placement_id), DocumentKind.AGREEMENT)
        if current is not None and current.state is DocumentState.DRAFT:
            return document_view(current, reference)
        if current is not None:
            raise _frozen(current)
    # In the language the host's agreements were last written in (English at first).
    language = remembered_language(db, placement_id)
    data = agreement_from_placement(db, placement_id, version=1, language=language)
    with db.session(user) as session:
        row = AgreementDocument(
            placement_id=placement_id,
            kind=DocumentKind.AGREEMENT,
            number=1,
            state=DocumentState.DRAFT,
            content=_dump(agreement_to_dict(data)),
            sign_order=",".join(DEFAULT_ORDER[DocumentKind.AGREEMENT]),
            signatures=[],
        )
        session.add(row)
        session.flush()
        return document_view(row, reference)


def _frozen(row: AgreementDocument) -> DocumentFrozenError:
    if row.state is DocumentState.SIGNED:
        return DocumentFrozenError.said(
            "The {document} is signed by all parties and locked: record changes as an amendment.",
            document=document_name(row),
        )
    return DocumentFrozenError.said(
        "The {document} is out for signature and cannot change: start a new version to change it.",
        document=document_name(row),
    )


def save_draft(
    db: Database,
    document_id: int,
    content: dict[str, Any],
    expected_version: int,
    user: str | None = None,
) -> DocumentView:
    """Store the edited content of a draft.

    Raises:
        DocumentFrozenError: the document is no longer a draft.
        ConflictError: somebody else saved it after `expected_version`.
    """
    try:
        with db.session(user) as session:
            row = load_row(session, document_id)
            reference = reference_of(session, row.placement_id)
            if row.state is not DocumentState.DRAFT:
                raise _frozen(row)
            _check_version(row, expected_version, reference)
            row.content = _dump(content)
            session.flush()
            return document_view(row, reference)
    except StaleDataError as exc:
        # Someone saved between our read and our write: the version in the UPDATE caught it.
        with db.session() as session:
            row = load_row(session, document_id)
            theirs = document_view(row, reference_of(session, row.placement_id))
        raise ConflictError("agreement", theirs=theirs, changed_by=row.updated_by) from exc


def save_agreement_draft(
    db: Database, document_id: int, data: AgreementData, expected_version: int, user: str | None
) -> DocumentView:
    """`save_draft` for an agreement or amendment: the reference and version kept right."""
    with db.session() as session:
        row = load_row(session, document_id)
        number = row.number if row.kind is DocumentKind.AGREEMENT else data.version
        reference = reference_of(session, row.placement_id)
        stored = json.loads(row.content) if row.content else {}
    fixed = replace(
        data,
        reference=reference,
        version=number,
        placement_id=row.placement_id,
        document_language=document_language(data.document_language),  # refused before saving
    )
    if row.kind is DocumentKind.AGREEMENT:  # its language changed: vipdesk's texts follow
        was = str(stored.get("document_language") or ENGLISH)
        fixed = relanguage(db, row.placement_id, fixed, document_language(was))
    too_long = length_problems(fixed)  # a draft may be incomplete, never oversized
    if too_long:
        raise ValidationError([FieldProblem(p.field, p.message, p.phrase) for p in too_long])
    saved = save_draft(db, document_id, agreement_to_dict(fixed), expected_version, user)
    # The language chosen in the wizard is the one to offer for this host's next agreement.
    remember_language(db, row.placement_id, fixed.document_language)
    return saved


def new_version(
    db: Database,
    placement_id: int,
    user: str | None = None,
    *,
    data: AgreementData | None = None,
    note: str = "",
) -> DocumentView:
    """A new draft version of the agreement, replacing the one out for signature.

    Without `data` the new draft starts as a copy of the latest version. With `data` (the
    changes HR returned, accepted by the coordinator) it starts from those. An open draft is
    updated instead of adding another.

    Raises:
        DocumentFrozenError: the agreement is already signed and locked.
    """
    too_long = length_problems(data) if data is not None else []
    if too_long:  # changes HR returned: a long value would reach the stored version
        raise ValidationError([FieldProblem(p.field, p.message, p.phrase) for p in too_long])
    with db.session(user) as session:
        reference = reference_of(session, placement_id)
        current = latest(rows_of(session, placement_id), DocumentKind.AGREEMENT)
        if current is not None and current.state is DocumentState.SIGNED:
            raise _frozen(current)
        if current is not None and current.state is DocumentState.DRAFT:
            if data is not None:
                fixed = replace(data, reference=reference, version=current.number)
                current.content = _dump(agreement_to_dict(fixed))
                current.note = note or current.note
                session.flush()
            return document_view(current, reference)
        if current is not None:
            number = current.number + 1
            base = data or agreement_from_dict(json.loads(current.content))
            fixed = replace(base, reference=reference, version=number, placement_id=placement_id)
            current.state = DocumentState.SUPERSEDED
            row = AgreementDocument(
                placement_id=placement_id,
                kind=DocumentKind.AGREEMENT,
                number=number,
                state=DocumentState.DRAFT,
                content=_dump(agreement_to_dict(fixed)),
                note=note or None,
                sign_order=current.sign_order,
                signatures=[],
            )
            session.add(row)
            session.flush()
            return document_view(row, reference)
    return (
        open_draft(db, placement_id, user) if data is None else _first(db, placement_id, data, user)
    )


def _first(db: Database, placement_id: int, data: AgreementData, user: str | None) -> DocumentView:
    draft = open_draft(db, placement_id, user)
    return save_agreement_draft(db, draft.id, data, draft.row_version, user)


# --- sending -------------------------------------------------------------------------------


def check_order(order: Sequence[str], kind: DocumentKind) -> tuple[str, ...]:
    """The signing order, validated: each party once, and every party the kind needs."""
    cleaned = tuple(p.strip().lower() for p in order if p.strip())
    unknown = [p for p in cleaned if p not in DEFAULT_PARTIES]
    if unknown:
        raise ValidationError.on("order", "Unknown party '{party}' in the order.", party=unknown[0])
    if len(set(cleaned)) != len(cleaned):
        raise ValidationError.on("order", "Each party may appear only once in the order.")
    needed = set(DEFAULT_ORDER[kind])
    if kind is not DocumentKind.CERTIFICATE and set(cleaned) != needed:
        raise ValidationError.on(
            "order", "All three parties sign: the trainee, the institution and the host."
        )
    if not cleaned:
        raise ValidationError.on("order", "Name at least one party who signs.")
    return cleaned


def _problems_of(row: AgreementDocument, session: Session) -> list[FieldProblem]:
    if row.kind is DocumentKind.CERTIFICATE:
        return certificate_problems(certificate_from_dict(json.loads(row.content)))

    placement = session.get(Placement, row.placement_id)
    assert placement is not None
    # An amendment may move the period (an extension, a later start): that is what it is for.
    bound = row.kind is DocumentKind.AGREEMENT
    data = agreement_from_dict(json.loads(row.content))
    problems = validate_agreement(
        data,
        placement_start=placement.planned_start if bound else None,
        placement_end=placement.planned_end if bound else None,
    )
    found = [FieldProblem(f"{p.section}.{p.field}", p.message, p.phrase) for p in problems]
    if not data.tools:
        # A draft may wait for the tools; what the parties sign says how they will work.
        needed = Joined(tuple(Label(p.label, True) for p in purposes() if p.required), ", ")
        found.append(
            FieldProblem.said(
                "technology.tools",
                "No communication tool is recorded: say which tools serve {needed} (choose "
                "them in preparation, or on the Technology page) before sending.",
                needed=needed,
            )
        )
    return found


def send_for_signature(
    db: Database,
    document_id: int,
    expected_version: int,
    *,
    order: Sequence[str] | None = None,
    user: str | None = None,
    today: date | None = None,
) -> DocumentView:
    """Freeze the document, render its PDF, and open the signature round.

    Raises:
        ValidationError: a section is incomplete or inconsistent (every problem listed).
        TransitionError: the placement may not move to "Agreement sent" yet (named why).
        DocumentFrozenError, ConflictError: as for `save_draft`.
    """

    with db.session(user) as session:
        row = load_row(session, document_id)
        reference = reference_of(session, row.placement_id)
        if row.state is not DocumentState.DRAFT:
            raise _frozen(row)
        _check_version(row, expected_version, reference)
        problems = _problems_of(row, session)
        if problems:
            raise ValidationError(problems)
        parties = check_order(order or row.sign_order.split(","), row.kind)
        content = json.loads(row.content)
        if row.kind is not DocumentKind.CERTIFICATE:
            data = replace(agreement_from_dict(content), generated_at=today or date.today())
            content = agreement_to_dict(data)
            row.content = _dump(content)
            row.content_hash = content_hash(data)
        else:
            row.content_hash = certificate_hash(certificate_from_dict(content))
        placement = session.get(Placement, row.placement_id)
        assert placement is not None
        moves = row.kind is DocumentKind.AGREEMENT and placement.status in (
            Status.DRAFT,
            Status.PREPARING,
            Status.CANCELLED,
        )
        if moves and placement.status is not Status.PREPARING:
            raise VipdeskError.said(
                "The placement is '{status}': move it to 'Preparing' before sending the agreement.",
                status=Label(placement.status.label),
            )
        row.pdf = render_document(session, row)
        row.sign_order = ",".join(parties)
        row.state = DocumentState.SENT
        row.sent_at = _now()
        row.sent_by = user
        row.signatures = [
            AgreementSignature(party=party, position=n, state=SignatureState.PENDING)
            for n, party in enumerate(parties, 1)
        ]
        session.flush()
        if moves:  # the version now sent is the record "agreement sent" stands for
            move_status(session, placement, Status.AGREEMENT_SENT)
        return document_view(row, reference)


def _now() -> datetime:
    return utcnow()
