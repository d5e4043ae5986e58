"""Which agreement a placement's export is: the stored version when there is one.

- No version stored yet: the agreement as the records say it (version 1, not stored).
- A draft: its content as edited so far.
- Out for signature: the PDF as sent, with the digital signatures added so far.
- Signed by every party: the archived final PDF, byte for byte.

A fillable PDF for HR is made from the current content; a locked agreement has none (its
changes are amendments).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import undefer

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData, agreement_from_dict
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.agreement.texts import document_language
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.languages import ENGLISH
from vipdesk.models import AgreementDocument, DocumentKind, DocumentState, Organisation, Placement
from vipdesk.services.agreements.prefill import agreement_from_placement
from vipdesk.services.agreements.render import signed_records, stored_or_rendered


@dataclass(frozen=True)
class ExportedAgreement:
    data: AgreementData
    pdf: bytes
    state: str  # "not stored yet", "draft", "out for signature", "signed and locked"


_CHUNK = 500  # placement ids per query
_CURRENT = tuple(state for state in DocumentState if state is not DocumentState.SUPERSEDED)


def _current_versions(
    db: Database,
    placement_ids: Iterable[int],
    columns: tuple[Any, ...],
    states: Iterable[DocumentState],
) -> Iterator[Any]:
    """(placement id, *columns) of the placements' agreement versions in `states`, oldest
    version first, a chunk of placements per query."""
    ids, wanted = list(placement_ids), list(states)
    with db.session() as session:
        for start in range(0, len(ids), _CHUNK):
            yield from session.execute(
                select(AgreementDocument.placement_id, *columns)
                .where(
                    AgreementDocument.placement_id.in_(ids[start : start + _CHUNK]),
                    AgreementDocument.kind == DocumentKind.AGREEMENT,
                    AgreementDocument.state.in_(wanted),
                )
                .order_by(AgreementDocument.number)
            )


def with_agreement(db: Database, placement_ids: Iterable[int]) -> list[int]:
    """Those of the placements, in their order, with an agreement on file (draft, sent, signed)."""
    ids = list(placement_ids)
    filed = {row[0] for row in _current_versions(db, ids, (), _CURRENT)}
    return [placement_id for placement_id in ids if placement_id in filed]


def sent_or_signed(db: Database, placement_ids: Iterable[int]) -> set[int]:
    """Those of the placements whose current agreement version went out for signature (or is
    signed): the others export as a DRAFT."""
    states = (DocumentState.SENT, DocumentState.SIGNED)
    return {row[0] for row in _current_versions(db, placement_ids, (), states)}


def stored_agreements(db: Database, placement_ids: Iterable[int]) -> dict[int, AgreementData]:
    """The content of each placement's current agreement version, for those that have one."""
    rows = _current_versions(db, placement_ids, (AgreementDocument.content,), _CURRENT)
    return {
        placement_id: agreement_from_dict(json.loads(content)) for placement_id, content in rows
    }


def stored_pdfs(
    db: Database, placement_ids: Iterable[int], *, sent_too: bool = True
) -> dict[int, bytes]:
    """The PDF bytes to export as they are: the final PDF of a locked agreement, and (with
    `sent_too`) the PDF of a version out for signature, with its digital signatures."""
    states = [DocumentState.SIGNED, DocumentState.SENT] if sent_too else [DocumentState.SIGNED]
    columns = (AgreementDocument.final_pdf, AgreementDocument.signed_pdf, AgreementDocument.pdf)
    found: dict[int, bytes] = {}
    for placement_id, final, signed, sent in _current_versions(db, placement_ids, columns, states):
        pdf = final or signed or sent
        if pdf is not None:
            found[placement_id] = pdf
    return found


def remembered_language(db: Database, placement_id: int) -> str:
    """The language the placement's host organisation's agreements were last exported in,
    English if none yet: the language to offer first.

    Raises:
        NotFoundError: no such placement.
    """
    with db.session() as session:
        found = session.execute(
            select(Organisation.document_language)
            .join(Placement, Placement.host_id == Organisation.id)
            .where(Placement.id == placement_id)
        ).first()
    if found is None:
        raise NotFoundError.said("There is no placement with id {id}.", id=placement_id)
    return found[0] or ENGLISH


def remember_language(db: Database, placement_id: int, language: str) -> str:
    """Remember `language` for the placement's host organisation; returns its code.

    The organisation's version counter is left alone: the language is no edit of its record,
    and must not make someone's open organisation editor fail with a conflict.

    Raises:
        VipdeskError: vipdesk has no such language.
    """
    code = document_language(language)
    with db.session() as session:
        host = select(Placement.host_id).where(Placement.id == placement_id).scalar_subquery()
        session.execute(
            update(Organisation).where(Organisation.id == host).values(document_language=code)
        )
    return code


def export_agreement(
    db: Database,
    placement_id: int,
    *,
    fillable: bool = False,
    version: int | None = None,
    language: str | None = None,
) -> ExportedAgreement:
    """The agreement PDF of a placement, as described above.

    An agreement not stored yet is written in `language`, which is remembered for the host
    organisation (without `language`: the one remembered, else English); a stored version
    keeps the language it was stored in (part of its content and its hash), whatever
    `language` says, so that what a party signed or was sent never changes.

    With `version` (a document id), that agreement version, which must still be the
    placement's current one: a window showing an older state gets no stale PDF.

    Raises:
        NotFoundError: no such placement; `version` is not its current agreement version.
        VipdeskError: a fillable PDF of a locked agreement was asked for; no such language.
    """
    if language is None:
        language = remembered_language(db, placement_id)
    else:
        language = remember_language(db, placement_id, language)
    query = (
        select(AgreementDocument)
        .where(
            AgreementDocument.placement_id == placement_id,
            AgreementDocument.kind == DocumentKind.AGREEMENT,
            AgreementDocument.state != DocumentState.SUPERSEDED,
        )
        .options(undefer(AgreementDocument.pdf), undefer(AgreementDocument.signed_pdf))
        .options(undefer(AgreementDocument.final_pdf))
        .order_by(AgreementDocument.number.desc())
        .limit(1)
    )
    if version is not None:
        query = query.where(AgreementDocument.id == version)
    with db.session() as session:
        row = session.scalar(query)
        if row is None:
            stored = None
        else:
            # A demo agreement may be stored without its PDF: rendered from its content.
            final = (
                stored_or_rendered(session, row, final=True)
                if row.state is DocumentState.SIGNED
                else None
            )
            sent = (
                stored_or_rendered(session, row, final=False)
                if row.state is DocumentState.SENT
                else None
            )
            # A fillable copy for HR while out for signature shows who has signed already.
            given = signed_records(row) if row.state is DocumentState.SENT else []
            stored = (row.state, json.loads(row.content), final, sent, given)
    if stored is None and version is not None:
        raise NotFoundError.said(
            "This agreement version is no longer the current one: a later version replaced "
            "it, or it was deleted."
        )
    if stored is None:
        data = agreement_from_placement(db, placement_id, language=language)
        pdf = render_agreement(data, fillable=fillable, draft=True)
        return ExportedAgreement(data, pdf, "not stored yet")
    state, content, final, sent, given = stored
    data = agreement_from_dict(content)
    if state is DocumentState.SIGNED:
        if fillable:
            raise VipdeskError.said(
                "Agreement {reference} is signed by every party and locked: changes are "
                "amendments, so there is no fillable version to send.",
                reference=data.reference,
            )
        assert final is not None
        return ExportedAgreement(data, final, "signed and locked")
    if state is DocumentState.SENT and not fillable:
        assert sent is not None
        return ExportedAgreement(data, sent, "out for signature")
    draft = state is DocumentState.DRAFT
    pdf = render_agreement(data, fillable=fillable, draft=draft, records=given or None)
    return ExportedAgreement(data, pdf, "draft" if draft else "out for signature")
