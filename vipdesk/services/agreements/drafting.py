"""A first draft of an agreement from the fields of its records (`records`), without a session.

What the records hold (student, host, institution, mentor, tutor, dates, mode and periods,
hours, credits, title, description) is taken as it is, and so are the communication protocol
and the tools chosen in preparation, where there are any (worded by `protocol_text`); what
they do not hold yet (tasks, learning outcomes, monitoring, roles, host commitments, a
protocol) comes from the default texts in `resources/agreement/`, ready for the coordinator to
edit. `prefill` reads the records from the database; the demo passes the rows it has made.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

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
from vipdesk.languages import ENGLISH
from vipdesk.resources import load_json
from vipdesk.services.agreements.protocol_text import protocol_lines, tool_rows
from vipdesk.services.agreements.records import (
    PersonRecord,
    PlacementRecord,
    Sources,
    StudentRecord,
)
from vipdesk.services.refdata import country_name, postcode_after_city


def default_roles(language: str = ENGLISH) -> list[dict[str, Any]]:
    """Title and duties per actor in `language` (a document language: "de" or "en+de" give
    the German): resources/agreement/roles.json, or roles.<language>.json."""
    code = document_language(language).split("+")[-1]
    name = "agreement/roles.json" if code == ENGLISH else f"agreement/roles.{code}.json"
    roles: list[dict[str, Any]] = load_json(name)["roles"]
    return roles


def drafts(
    sources: Iterable[Sources], *, version: int, today: date, language: str
) -> dict[int, AgreementData]:
    """The draft of each placement from what it is made of, by placement id; `language` is a
    document language ("en", "de", "en+de")."""
    texts = agreement_texts(language.split("+")[-1])
    roles = default_roles(language)
    out: dict[int, AgreementData] = {}
    with agreement_language(language):  # the protocol's and tools' sentences too
        for source in sources:
            p, protocol = source.placement, source.protocol
            out[p.id] = _build(
                p,
                source.coordinator,
                source.hr,
                version,
                today,
                protocol=(
                    tuple(texts["protocol"])
                    if protocol is None
                    else protocol_lines(
                        protocol,
                        (p.planned_start, p.planned_end),
                        source.choices,
                        texts["protocol"],
                    )
                ),
                tools=tool_rows(source.choices, source.tests),
                texts=texts,
                roles=roles,
                written_in=language,
            )
    return out


def _person(contact: PersonRecord | None, fallback_position: str = "") -> Person:
    if contact is None:
        return Person()
    return Person(
        name=contact.name,
        position=contact.position or fallback_position,
        email=contact.email,
        phone=contact.phone or "",
    )


def _build(
    p: PlacementRecord,
    coordinator: PersonRecord | None,
    hr: PersonRecord | None,
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


def _working_language(student: StudentRecord, default: str) -> tuple[str, str]:
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
