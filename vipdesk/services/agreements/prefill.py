"""A first draft of a placement's agreement, filled from its records.

What the records hold (student, host, institution, mentor, tutor, dates, mode and periods,
hours, credits, title, description) is taken as it is, and so are the communication protocol
and the tools chosen in preparation, where there are any (worded by `agreement_protocol`);
what they do not hold yet (tasks, learning outcomes, monitoring, roles, host commitments, a
protocol) comes from the default texts in `resources/agreement/`, ready for the coordinator to
edit.

Everything is read in a fixed number of statements per chunk of placements, so that exporting
500 agreements costs about as many queries as exporting one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.documents.agreement.content import (
    AgreementData,
    HostCommitments,
    Period,
    Person,
    Programme,
    ReceivingOrganisation,
    Recognition,
    RecognitionKind,
    Role,
    SendingInstitution,
    Task,
    Tool,
    Trainee,
)
from vipdesk.documents.agreement.texts import (
    agreement_language,
    agreement_texts,
    document_language,
    label_once,
)
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
from vipdesk.resources import load_json
from vipdesk.services.agreements.protocol_text import protocol_lines, tool_rows
from vipdesk.services.refdata import country_name, postcode_after_city


def default_roles(language: str = ENGLISH) -> list[dict[str, Any]]:
    """Title and duties per actor in `language` (a document language: "de" or "en+de" give
    the German): resources/agreement/roles.json, or roles.<language>.json."""
    code = document_language(language).split("+")[-1]
    name = "agreement/roles.json" if code == ENGLISH else f"agreement/roles.{code}.json"
    roles: list[dict[str, Any]] = load_json(name)["roles"]
    return roles


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
        raise NotFoundError(f"There is no placement '{text}' in this database.")
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
        raise NotFoundError("This placement no longer exists: someone may have deleted it.")
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
    texts = agreement_texts(language.split("+")[-1])
    roles = default_roles(language)
    out: dict[int, AgreementData] = {}
    with agreement_language(language):  # the protocol's and tools' sentences too
        for p in placements:
            chosen = choices.get(p.id, {})
            protocol = protocols.get(p.id)
            out[p.id] = _build(
                p,
                coordinators.get(p.institution_id),
                hrs.get(p.host_id),
                version,
                today,
                protocol=(
                    tuple(texts["protocol"])
                    if protocol is None
                    else protocol_lines(
                        protocol, (p.planned_start, p.planned_end), chosen, texts["protocol"]
                    )
                ),
                tools=tool_rows(chosen, tests.get(p.id, ())),
                texts=texts,
                roles=roles,
                written_in=language,
            )
    return out


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


def _person(contact: Contact | None, fallback_position: str = "") -> Person:
    if contact is None:
        return Person()
    return Person(
        name=contact.name,
        position=contact.position or fallback_position,
        email=contact.email,
        phone=contact.phone or "",
    )


def _build(
    p: Placement,
    coordinator: Contact | None,
    hr: Contact | None,
    version: int,
    today: date,
    *,
    protocol: tuple[str, ...],
    tools: tuple[Tool, ...],
    texts: dict[str, Any],
    roles: list[dict[str, Any]],
    written_in: str,
) -> AgreementData:
    student, host, inst = p.student, p.host, p.institution
    mentor = _person(p.mentor, label_once("position.host"))
    tutor = _person(p.tutor, label_once("label.tutor"))
    contact = _person(coordinator, label_once("position.sending"))
    trainee = Trainee(
        name=student.full_name,
        email=student.email,
        date_of_birth=student.date_of_birth,
        nationality=country_name(student.nationality, written_in),
        study_cycle=student.study_cycle,
        field_of_education=student.field_of_education or "",
    )
    sending = SendingInstitution(
        name=inst.name,
        faculty=inst.faculty or "",
        erasmus_code=inst.erasmus_code or "",
        address=_address(inst.address, inst.city),
        country=country_name(inst.country, written_in),
        contact=contact,
        tutor=tutor,
    )
    receiving = ReceivingOrganisation(
        name=host.name,
        address=postal_address(host.street, host.postcode, host.city, host.country),
        website=host.website or "",
        country=country_name(host.country, written_in),
        size=label_once(f"size.{host.size.value}") if host.size else "",
        sector=host.sector or "",
        contact=_person(hr) if hr is not None else mentor,
        mentor=mentor,
    )
    language, level = _working_language(student, texts["default_language"])
    programme = Programme(
        title=p.title,
        start=p.planned_start,
        end=p.planned_end,
        hours_per_week=p.hours_per_week,
        mode=p.mode,
        periods=tuple(Period(x.kind, x.start, x.end) for x in p.periods),
        description=p.description or "",
        tasks=_default_tasks(texts["tasks"], p.title, p.planned_start, p.planned_end),
        learning_outcomes=tuple(texts["learning_outcomes"]),
        monitoring_plan=texts["monitoring_plan"],
        evaluation_plan=texts["evaluation_plan"],
        evaluation_criteria=tuple(texts["evaluation_criteria"]),
        language=language,
        language_level=level,
    )
    names = {
        "student": trainee.name,
        "mentor": mentor.name,
        "tutor": tutor.name,
        "coordinator": contact.name,
    }
    filled = tuple(
        Role(r["actor"], r["title"], names.get(r["actor"], ""), tuple(r["duties"])) for r in roles
    )
    return AgreementData(
        reference=p.reference,
        version=version,
        generated_at=today,
        placement_id=p.id,
        trainee=trainee,
        sending=sending,
        receiving=receiving,
        programme=programme,
        recognition=_recognition(p.ects_credits, texts["recognition"]),
        host=HostCommitments(
            in_kind=texts["host"]["in_kind"], insurance=texts["host"]["insurance"]
        ),
        protocol=protocol,
        roles=filled,
        tools=tools,
        document_language=written_in,
    )


def postal_address(
    street: str | None, postcode: str | None, city: str | None, country: str | None = None
) -> str:
    """ "Torstraße 1, 10119 Berlin": street, then postcode and city, the parts there are; the
    postcode after the city where the country writes it so ("1 High Street, London EC1V 9HX")."""
    order = (city, postcode) if postcode_after_city(country) else (postcode, city)
    place = " ".join(part.strip() for part in order if part and part.strip())
    return ", ".join(part for part in ((street or "").strip(), place) if part)


def _address(address: str | None, city: str | None) -> str:
    parts = [part.strip() for part in (address or "", city or "") if part and part.strip()]
    if len(parts) == 2 and parts[1].lower() in parts[0].lower():
        return parts[0]  # the address already names the city
    return ", ".join(parts)


def _working_language(student: Student, default: str) -> tuple[str, str]:
    """The default working language, and the student's level in it when recorded."""
    levels = {lang.language.strip().lower(): lang.level for lang in student.languages}
    return default, levels.get(default.lower(), "")


def _default_tasks(
    templates: list[dict[str, Any]], title: str, start: date, end: date
) -> tuple[Task, ...]:
    days = (end - start).days
    return tuple(
        Task(
            description=t["description"].replace("{title}", title),
            deliverable=t["deliverable"],
            deadline=start + timedelta(days=round(days * float(t["at"]))),
        )
        for t in templates
    )


def _recognition(credits: Decimal | None, texts: dict[str, str]) -> Recognition:
    if credits:
        return Recognition(
            kind=RecognitionKind.CURRICULUM,
            credits=credits,
            grade=texts["grade"],
            transcript=texts["transcript"],
            insurance=texts["insurance"],
        )
    return Recognition(
        kind=RecognitionKind.VOLUNTARY,
        credits=None,
        grade="",
        transcript=texts["transcript_voluntary"],
        insurance=texts["insurance"],
    )
