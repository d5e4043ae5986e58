"""Every message to the student in the student's language, to the host in the host's, to the
institution and the tutor in English: reminders, questionnaires, the certificate request."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from tests.helpers.agreements import ready_agreement, sent_earlier, signed_agreement
from vipdesk.db import Database
from vipdesk.models import Organisation, Placement, ReadinessParty, Student
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.services.mail.compose import Draft
from vipdesk.services.mail.languages import PlacementLanguages, languages_of, written_day
from vipdesk.services.mail.messages import certificate_request, questionnaire_request
from vipdesk.services.mail.reminders import plan_reminders
from vipdesk.services.mail.settings import MailSettings
from vipdesk.services.mail.templates import shipped_templates

SETTINGS = MailSettings(
    host="smtp.uni.example", sender_name="Anna Nowak", sender_address="io@uni.example"
)


def record_languages(db: Database, placement_id: int, student: str, host: str) -> None:
    with db.session() as session:
        placement = session.get(Placement, placement_id)
        assert placement is not None
        session.execute(
            update(Student)
            .where(Student.id == placement.student_id)
            .values(preferred_language=student)
        )
        session.execute(
            update(Organisation)
            .where(Organisation.id == placement.host_id)
            .values(document_language=host)
        )


def written_in(draft: Draft, language: str) -> bool:
    """Whether the words of the template's body around its placeholders are in the message."""
    shipped = shipped_templates(language)[draft.template].body
    fixed = [part.strip() for part in re.split(r"\{[a-z_]+\}", shipped) if len(part.strip()) > 12]
    assert fixed, draft.template
    return all(part in draft.body for part in fixed)


def test_each_party_is_written_to_in_its_recorded_language() -> None:
    languages = PlacementLanguages(student="pl", host="en+de")
    assert languages.of_respondent(ReadinessParty.STUDENT) == "pl"
    assert languages.of_respondent(ReadinessParty.COMPANY) == "de"  # a bilingual: the other
    assert languages.of_respondent(ReadinessParty.INSTITUTION) == "en"
    assert PlacementLanguages().of_respondent(ReadinessParty.COMPANY) == "en"


def test_a_questionnaire_goes_in_the_respondents_language(db: Database) -> None:
    placement_id, _ = ready_agreement(db)
    record_languages(db, placement_id, "pl", "en+de")
    assert languages_of(db, placement_id) == PlacementLanguages("pl", "en+de")
    student = questionnaire_request(
        db, placement_id, Kind.READINESS, ReadinessParty.STUDENT, SETTINGS
    )
    assert written_in(student, "pl") and not written_in(student, "en")
    mentor = questionnaire_request(db, placement_id, Kind.FINAL, ReadinessParty.COMPANY, SETTINGS)
    assert written_in(mentor, "de")
    chosen = questionnaire_request(
        db, placement_id, Kind.FINAL, ReadinessParty.COMPANY, SETTINGS, language="it"
    )
    assert written_in(chosen, "it")  # a language chosen by the coordinator wins


def test_the_certificate_request_goes_in_the_hosts_language(db: Database) -> None:
    placement_id, _ = signed_agreement(db)
    record_languages(db, placement_id, "pl", "fi")
    assert written_in(certificate_request(db, placement_id, SETTINGS), "fi")


def test_reminders_go_in_the_language_of_whom_they_remind(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    record_languages(db, placement_id, "pl", "de")
    weeks_ago = date.today() - timedelta(days=20)
    sent = send_for_signature(db, draft.id, draft.row_version, today=weeks_ago)
    sent_earlier(db, sent.id, weeks_ago)
    plan = plan_reminders(db, SETTINGS, date.today())
    reminders = [d for d in plan.drafts if d.placement_id == placement_id]
    by_address = {d.to[0].addr_spec: d for d in reminders}
    student = by_address[draft.agreement.trainee.email]
    host = by_address[draft.agreement.receiving.mentor.email]
    assert written_in(student, "pl") and written_in(host, "de")
    due = weeks_ago + timedelta(days=14)  # the rule's days for a signature
    assert written_day(due, "pl") in student.body and written_day(due, "de") in host.body
    assert written_day(due, "pl") != written_day(due, "de")


@pytest.mark.parametrize("language", ["da", "de", "fi", "it", "nl", "pl"])
def test_every_message_to_a_party_is_shipped_in_every_language(language: str) -> None:
    keys = {key for key in shipped_templates() if key.startswith("reminder_")}
    keys |= {"questionnaire_request", "certificate_request"}
    assert keys <= shipped_templates(language).keys()
