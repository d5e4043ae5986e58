"""A first draft of a placement's agreement, filled from its stored records (`drafting`).

Everything is read in a fixed number of statements per chunk of placements, so that exporting
500 agreements costs about as many queries as exporting one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData
from vipdesk.documents.agreement.texts import document_language
from vipdesk.errors import NotFoundError
from vipdesk.languages import ENGLISH
from vipdesk.models import (
    CommunicationProtocol,
    Contact,
    ContactRole,
    Placement,
    Student,
    ToolChoice,
    ToolTest,
)
from vipdesk.services.agreements.drafting import drafts
from vipdesk.services.agreements.records import Sources

# Ids are INTEGER columns: a larger number cannot be one (and SQLite and psycopg refuse to
# send it: OverflowError, "integer out of range").
MAX_RECORD_ID = 2**31 - 1


def record_id(text: str) -> int | None:
    """The record id a user typed, or None if `text` cannot be one (not plain digits 0-9, or
    beyond any id's range: "99999999999999999999", "²")."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_RECORD_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_RECORD_ID else None


def find_placement(db: Database, ref: str) -> int:
    """The id of the placement a user means by `ref`: its reference or its numeric id.

    Raises:
        NotFoundError: no such placement in this database.
    """
    text = ref.strip()
    with db.session() as session:
        number = record_id(text)
        if number is not None:
            found = session.get(Placement, number)
            if found is not None:
                return found.id
        placement_id = session.scalar(
            select(Placement.id).where(Placement.reference == text.upper())
        )
    if placement_id is None:
        raise NotFoundError.said("There is no placement '{text}' in this database.", text=text)
    return placement_id


def agreement_from_placement(
    db: Database,
    placement_id: int,
    *,
    version: int = 1,
    today: date | None = None,
    language: str = ENGLISH,
) -> AgreementData:
    """The agreement as the records say it now, with default texts where they say nothing,
    written in `language` (its default texts in that language, or in the other than English
    of a bilingual one).

    Raises:
        NotFoundError: the placement does not exist (any more).
        VipdeskError: vipdesk has no such language.
    """
    found = agreements_from_placements(
        db, [placement_id], version=version, today=today, language=language
    )
    if placement_id not in found:
        raise NotFoundError.said("This placement no longer exists: someone may have deleted it.")
    return found[placement_id]


def agreements_from_placements(
    db: Database,
    placement_ids: Iterable[int],
    *,
    version: int = 1,
    today: date | None = None,
    language: str = ENGLISH,
) -> dict[int, AgreementData]:
    """`agreement_from_placement` for many placements, in a fixed number of queries per
    chunk of `CHUNK` placements (not a dozen per placement). Placements that no longer exist
    are simply absent from the result; the order is that of `placement_ids`."""
    with db.session() as session:
        return load_agreements(
            session, placement_ids, version=version, today=today, language=language
        )


def load_agreements(
    session: Session,
    placement_ids: Iterable[int],
    *,
    version: int = 1,
    today: date | None = None,
    language: str = ENGLISH,
) -> dict[int, AgreementData]:
    """`agreements_from_placements` inside a session the caller holds (and may be writing in)."""
    ids = list(dict.fromkeys(placement_ids))
    day = today or date.today()
    code = document_language(language)
    found: dict[int, AgreementData] = {}
    for at in range(0, len(ids), CHUNK):
        found.update(_load(session, ids[at : at + CHUNK], version, day, code))
    return {pid: found[pid] for pid in ids if pid in found}


CHUNK = 500  # ids per IN (...): well inside SQLite's limit on bound parameters


def _load(
    session: Session, ids: list[int], version: int, today: date, language: str
) -> dict[int, AgreementData]:
    placements = session.scalars(
        select(Placement)
        .where(Placement.id.in_(ids))
        .options(
            selectinload(Placement.student).selectinload(Student.languages),
            selectinload(Placement.host),
            selectinload(Placement.institution),
            selectinload(Placement.mentor),
            selectinload(Placement.tutor),
            selectinload(Placement.periods),
        )
    ).all()
    if not placements:
        return {}
    coordinators = _first_contacts(
        session,
        ContactRole.COORDINATOR,
        Contact.institution_id,
        {p.institution_id for p in placements},
    )
    hrs = _first_contacts(
        session, ContactRole.HR, Contact.organisation_id, {p.host_id for p in placements}
    )
    protocols = {
        row.placement_id: row
        for row in session.scalars(
            select(CommunicationProtocol)
            .where(CommunicationProtocol.placement_id.in_(ids))
            .options(selectinload(CommunicationProtocol.availability))
        )
    }
    choices: dict[int, dict[str, str]] = {}
    for choice in session.scalars(select(ToolChoice).where(ToolChoice.placement_id.in_(ids))):
        choices.setdefault(choice.placement_id, {})[choice.purpose] = choice.tool_key
    tests: dict[int, list[ToolTest]] = {}
    for test in session.scalars(select(ToolTest).where(ToolTest.placement_id.in_(ids))):
        tests.setdefault(test.placement_id, []).append(test)
    return drafts(
        (
            Sources(
                p,
                coordinators.get(p.institution_id),
                hrs.get(p.host_id),
                protocols.get(p.id),
                choices.get(p.id, {}),
                tests.get(p.id, []),
            )
            for p in placements
        ),
        version=version,
        today=today,
        language=language,
    )


def _first_contacts(
    session: Session, role: ContactRole, employer: Any, employer_ids: set[int]
) -> dict[int, Contact]:
    """Per employer, the longest-known contact in `role` (the placement names no other)."""
    first: dict[int, Contact] = {}
    for contact in session.scalars(
        select(Contact).where(Contact.role == role, employer.in_(employer_ids)).order_by(Contact.id)
    ):
        first.setdefault(getattr(contact, employer.key), contact)
    return first
