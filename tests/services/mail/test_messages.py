"""The messages made from the records: who gets them, with which file, in which words."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers.agreements import SENT_ON, ready_agreement, signed_agreement, typed_approval
from vipdesk.db import Database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.errors import VipdeskError
from vipdesk.models import Contact, ContactRole, Placement, ReadinessParty
from vipdesk.services.agreements.render import final_pdf
from vipdesk.services.agreements.workflow import send_for_signature
from vipdesk.services.evaluations.questionnaires import Kind
from vipdesk.services.mail.messages import (
    certificate_request,
    for_signature,
    questionnaire_request,
    report_message,
    signed_copy,
)
from vipdesk.services.mail.settings import MailSettings, make_address
from vipdesk.services.signatures.recording import record_approval

SETTINGS = MailSettings(
    host="smtp.uni.example", sender_name="Anna Nowak", sender_address="io@uni.example"
)


def test_hr_gets_the_agreement_with_the_mentor_in_copy(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    with db.session() as session:
        host_id = session.get(Placement, placement_id).host_id  # type: ignore[union-attr]
        session.add(
            Contact(
                name="Greta Personal",
                email="hr@nordlicht-hr.example",
                role=ContactRole.HR,
                timezone="Europe/Berlin",
                organisation_id=host_id,
            )
        )
    message = for_signature(db, sent.id, Party.HOST, SETTINGS, today=date(2026, 12, 4))
    assert [a.addr_spec for a in message.to] == ["hr@nordlicht-hr.example"]
    mentor = sent.agreement.receiving.mentor
    assert [a.addr_spec for a in message.cc] == [mentor.email]
    assert "return the signed agreement by 18 December 2026" in message.body
    assert message.body.rstrip().endswith("Anna Nowak\n" + sent.agreement.sending.name)
    with pytest.raises(VipdeskError, match="fillable PDF is the agreement for the host's HR"):
        for_signature(db, sent.id, Party.STUDENT, SETTINGS, fillable=True)


def test_a_draft_is_not_e_mailed_and_a_signed_party_is_not_asked_again(db: Database) -> None:
    _, draft = ready_agreement(db)
    with pytest.raises(VipdeskError, match="send it for signature first"):
        for_signature(db, draft.id, Party.HOST, SETTINGS)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    record_approval(db, sent.id, "student", typed_approval("student"), today=SENT_ON)
    with pytest.raises(VipdeskError, match="has signed the learning agreement 1 already"):
        for_signature(db, sent.id, Party.STUDENT, SETTINGS)


def test_the_signed_copy_goes_to_all_three_with_the_archived_pdf(db: Database) -> None:
    _, locked = signed_agreement(db)
    message = signed_copy(db, locked.id, SETTINGS)
    data = locked.agreement
    assert {a.addr_spec for a in message.to} == {
        data.trainee.email,
        data.sending.contact.email,
        data.receiving.mentor.email,
    }
    (attachment,) = message.attachments
    assert attachment.data == final_pdf(db, locked.id)
    assert locked.final_sha256 in message.body


def test_the_certificate_request_goes_to_the_host(db: Database) -> None:
    placement_id, locked = signed_agreement(db)
    message = certificate_request(db, placement_id, SETTINGS)
    assert [a.addr_spec for a in message.to] == [locked.agreement.receiving.mentor.email]
    assert message.template == "certificate_request"
    assert "traineeship certificate" in message.body


def test_a_questionnaire_goes_to_whoever_answers_it(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    for_student = questionnaire_request(
        db, placement_id, Kind.READINESS, ReadinessParty.STUDENT, SETTINGS
    )
    assert [a.addr_spec for a in for_student.to] == [draft.agreement.trainee.email]
    (attachment,) = for_student.attachments
    assert attachment.data.startswith(b"%PDF") and attachment.file_name.endswith(".pdf")
    for_mentor = questionnaire_request(
        db, placement_id, Kind.FINAL, ReadinessParty.COMPANY, SETTINGS
    )
    assert [a.addr_spec for a in for_mentor.to] == [draft.agreement.receiving.mentor.email]


def test_a_report_goes_with_its_workbook_to_whom_it_is_addressed(db: Database) -> None:
    ready_agreement(db)
    funder = make_address("Nationale Agentur", "na@daad.example")
    message = report_message(
        db, "Funding against budget", "funding.xlsx", b"PK\x03\x04", [funder], SETTINGS
    )
    assert message.to == [funder]
    assert message.subject.startswith("Funding against budget (")
    assert message.attachments[0].mime_type.endswith("spreadsheetml.sheet")
