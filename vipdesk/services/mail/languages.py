"""The language each message is written in: the recipient's.

The student reads the language recorded for the student (`Student.preferred_language`); the
host the language its agreements are written in (`Organisation.document_language`, or the
agreement's own for a message about one; of a bilingual agreement, the other than English);
the sending institution and the academic tutor English. A message to all three parties at
once stays English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.report_language import day, report_language
from vipdesk.languages import ENGLISH
from vipdesk.models import Organisation, Placement, ReadinessParty, Student
from vipdesk.services.agreements.checks.problems import long_date

# The party of the agreement that answers each readiness or evaluation questionnaire.
RESPONDENT_PARTY = {
    ReadinessParty.STUDENT: Party.STUDENT,
    ReadinessParty.COMPANY: Party.HOST,
    ReadinessParty.INSTITUTION: Party.SENDING,
}


def message_language(
    document_language: str, party: Party, student_language: str | None = None
) -> str:
    """The language to write to `party` about a document written in `document_language`
    ("de", or "en+de"): the host's in the document's own language (of a bilingual one, the
    other than English), since it was chosen for the host; the student's in the language
    recorded for the student; the sending institution's in English."""
    if party is Party.STUDENT:
        return student_language or ENGLISH
    if party is not Party.HOST:
        return ENGLISH
    return document_language.split("+")[-1]


@dataclass(frozen=True)
class PlacementLanguages:
    """The languages recorded for a placement's student and host; None where none is."""

    student: str | None = None
    host: str | None = None

    def of(self, party: Party) -> str:
        """The language to write to `party` in about the placement (not about one document)."""
        return message_language(self.host or ENGLISH, party, self.student)

    def of_respondent(self, respondent: ReadinessParty) -> str:
        """The language of the person who answers `respondent`'s questionnaire (the tutor
        answers the institution's)."""
        return self.of(RESPONDENT_PARTY[respondent])


def placement_languages(session: Session, placement_id: int) -> PlacementLanguages:
    row = session.execute(
        select(Student.preferred_language, Organisation.document_language)
        .select_from(Placement)
        .join(Student, Student.id == Placement.student_id)
        .join(Organisation, Organisation.id == Placement.host_id)
        .where(Placement.id == placement_id)
    ).one_or_none()
    return PlacementLanguages() if row is None else PlacementLanguages(*row)


def languages_of(db: Database, placement_id: int) -> PlacementLanguages:
    """The languages recorded for the placement's student and host."""
    with db.session() as session:
        return placement_languages(session, placement_id)


def student_language(db: Database, placement_id: int) -> str | None:
    """The language recorded for the placement's student, None if none is."""
    return languages_of(db, placement_id).student


def written_day(value: date, language: str) -> str:
    """A date as the message's language writes it: "4 December 2026", "4. Dezember 2026"."""
    if language == ENGLISH:
        return long_date(value)
    with report_language(language):
        return day(value)
