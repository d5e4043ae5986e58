"""The content of a traineeship certificate (Table D), as a plain frozen dataclass.

After the traineeship the receiving organisation certifies what really happened: the actual
start and end, the tasks carried out, the learning outcomes achieved and the mentor's
evaluation. `certificate_from_agreement` pre-fills one from the signed agreement, so the
coordinator only corrects what went differently; the documents layer prints it.

Like `AgreementData` it holds values, never rows, and has one exact JSON form (the agreement's
helpers, so both documents are stored and hashed the same way); `certificate_hash` leaves out
`generated_at`, so the same certificate hashes the same on another day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from vipdesk.documents.agreement.content import (
    AgreementData,
    Person,
    _plain,
    _revive,
    canonical_json_of,
    hash_of,
)
from vipdesk.enums import Mode
from vipdesk.errors import ValidationError
from vipdesk.languages import ENGLISH

# `_plain`, `_revive` and `hash_of` are the agreement's canonical-form helpers: shared on
# purpose, so an agreement and its certificate are stored and hashed by the same rules.


@dataclass(frozen=True)
class CertificateData:
    """One traineeship certificate: everything its PDF shows."""

    reference: str  # the placement's reference, e.g. VIP-2026-00042
    version: int  # 1 for the first certificate; a corrected reissue counts up
    generated_at: date
    issued_on: date
    trainee_name: str
    host_name: str
    sending_name: str
    planned_start: date
    planned_end: date
    actual_start: date
    actual_end: date
    hours_per_week: int
    mode: Mode
    trainee_email: str = ""
    host_department: str = ""
    host_country: str = ""
    mentor: Person = field(default_factory=Person)  # the supervisor, who signs the certificate
    sending_contact: Person = field(
        default_factory=Person
    )  # acknowledges receipt for the sending institution
    tasks: tuple[str, ...] = ()  # tasks carried out
    learning_outcomes: tuple[str, ...] = ()  # knowledge, skills and competences achieved
    evaluation: str = ""  # the mentor's evaluation of the trainee
    assessment: str = ""  # overall assessment or grade suggestion; "" when none is given
    placement_id: int | None = None
    document_language: str = ENGLISH  # as the agreement's: "de", or "en+de" for bilingual


def certificate_from_agreement(
    data: AgreementData, *, actual_start: date, actual_end: date, today: date
) -> CertificateData:
    """A first certificate from the signed agreement: what was planned, as carried out.

    The tasks are the agreement's task descriptions and the outcomes its learning outcomes,
    ready to be struck or reworded; the evaluation is left for the mentor to write.

    Raises:
        ValidationError: the actual end is before the actual start.
    """
    if actual_end < actual_start:
        raise ValidationError.single(
            "actual_end", "The actual end of the traineeship is before its actual start."
        )
    p = data.programme
    return CertificateData(
        reference=data.reference,
        version=1,
        generated_at=today,
        issued_on=today,
        trainee_name=data.trainee.name,
        trainee_email=data.trainee.email,
        host_name=data.receiving.name,
        host_department=data.receiving.department,
        host_country=data.receiving.country,
        sending_name=data.sending.name,
        mentor=data.receiving.mentor,
        sending_contact=data.sending.contact,
        planned_start=p.start,
        planned_end=p.end,
        actual_start=actual_start,
        actual_end=actual_end,
        hours_per_week=p.hours_per_week,
        mode=p.mode,
        tasks=tuple(t.description for t in p.tasks if t.description.strip()),
        learning_outcomes=tuple(o for o in p.learning_outcomes if o.strip()),
        placement_id=data.placement_id,
        document_language=data.document_language,
    )


def certificate_to_dict(data: CertificateData) -> dict[str, Any]:
    """JSON-ready values: dates as ISO text, enums as their values."""
    result: dict[str, Any] = _plain(data)
    return result


def certificate_from_dict(values: dict[str, Any]) -> CertificateData:
    """The inverse of `certificate_to_dict` (for certificates stored as JSON)."""
    revived: CertificateData = _revive(CertificateData, values)
    return revived


def certificate_json(data: CertificateData) -> str:
    """One exact text for the content (without `generated_at`; English, the language of every
    certificate stored before languages, left out): sorted keys, no spaces. The agreement's
    canonical form (`content.canonical_json_of`), so that the two are hashed alike."""
    return canonical_json_of(certificate_to_dict(data))


def certificate_hash(data: CertificateData) -> str:
    """SHA-256 (hex) of `certificate_json`: equal content, equal hash (`content.hash_of` of
    content already made plain by `certificate_to_dict`)."""
    return hash_of(certificate_to_dict(data))
