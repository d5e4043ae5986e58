"""After the agreement is locked: amendments during the placement, the certificate after it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers.agreements import (
    SENT_ON,
    ready_agreement,
    signed_agreement,
    typed_approval,
)
from tests.helpers.pdf_tools import pdf_text
from vipdesk.db import Database
from vipdesk.documents.agreement.certificate_content import (
    certificate_from_dict,
    certificate_to_dict,
)
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.models import DocumentKind, DocumentState
from vipdesk.services.agreements.changes import start_amendment, start_certificate
from vipdesk.services.agreements.queries import documents_of
from vipdesk.services.agreements.render import document_pdf
from vipdesk.services.agreements.workflow import (
    save_agreement_draft,
    save_draft,
    send_for_signature,
)
from vipdesk.services.placements.records import load_placement
from vipdesk.services.signatures.recording import record_approval


def test_an_amendment_has_its_own_round_and_keeps_the_original(
    any_db: Database, tmp_path: Path
) -> None:
    placement_id, draft = ready_agreement(any_db)
    sent = send_for_signature(any_db, draft.id, draft.row_version, today=SENT_ON)
    for party in ("student", "sending", "host"):
        record_approval(any_db, sent.id, party, typed_approval(party), today=SENT_ON)
    with pytest.raises(ValidationError):
        start_amendment(any_db, placement_id, "")
    amendment = start_amendment(any_db, placement_id, "The project moved to a new team.", "anna")
    assert (amendment.kind, amendment.number) == (DocumentKind.AMENDMENT, 1)
    programme = amendment.agreement.programme
    changed = replace(amendment.agreement, programme=replace(programme, hours_per_week=25))
    amendment = save_agreement_draft(any_db, amendment.id, changed, amendment.row_version, "anna")
    amendment = send_for_signature(any_db, amendment.id, amendment.row_version, today=date.today())
    text = pdf_text(document_pdf(any_db, amendment.id), tmp_path)
    assert "Amendment 1" in text and "25" in text and "20" in text
    for party in ("student", "sending", "host"):
        amendment = record_approval(
            any_db, amendment.id, party, typed_approval(party), today=date.today()
        )
    assert amendment.state is DocumentState.SIGNED
    original = documents_of(any_db, placement_id)[0]
    assert original.agreement.programme.hours_per_week == 20  # Table A unchanged
    assert original.state is DocumentState.SIGNED


def test_the_certificate_follows_the_signed_agreement(db: Database, tmp_path: Path) -> None:
    placement_id, draft = ready_agreement(db)
    with pytest.raises(VipdeskError, match="not signed"):
        start_certificate(
            db, placement_id, actual_start=date(2027, 2, 1), actual_end=date(2027, 5, 31)
        )
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    for party in ("student", "sending", "host"):
        record_approval(db, sent.id, party, typed_approval(party), today=SENT_ON)
    certificate = start_certificate(
        db, placement_id, actual_start=date(2027, 2, 3), actual_end=date(2027, 5, 28)
    )
    assert certificate.kind is DocumentKind.CERTIFICATE and certificate.order == ("host",)
    with pytest.raises(ValidationError) as refused:  # no mentor's evaluation yet
        send_for_signature(db, certificate.id, certificate.row_version)
    assert [p.field for p in refused.value.problems] == ["evaluation"]
    content = {**certificate_to_dict(certificate_from_dict(certificate.content))}
    content["evaluation"] = "Reliable and curious."
    certificate = save_draft(db, certificate.id, content, certificate.row_version)
    certificate = send_for_signature(db, certificate.id, certificate.row_version)
    assert "certificate" in pdf_text(document_pdf(db, certificate.id), tmp_path).lower()
    signed = record_approval(
        db, certificate.id, "host", typed_approval("Jürgen Weiß", date.today())
    )
    assert signed.state is DocumentState.SIGNED and signed.final_sha256


def test_an_amendment_may_extend_the_period_beyond_the_planned_one(db: Database) -> None:
    placement_id, draft = ready_agreement(db)
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    for party in ("student", "sending", "host"):
        record_approval(db, sent.id, party, typed_approval(party), today=SENT_ON)
    amendment = start_amendment(db, placement_id, "Extended by two weeks at the host's request.")
    programme = amendment.agreement.programme
    longer = replace(programme, end=programme.end + timedelta(days=14))
    changed = replace(amendment.agreement, programme=longer)
    amendment = save_agreement_draft(db, amendment.id, changed, amendment.row_version, "anna")
    planned_end = load_placement(db, placement_id).planned_end
    assert planned_end is not None and planned_end < longer.end
    sent_amendment = send_for_signature(db, amendment.id, amendment.row_version)
    assert sent_amendment.state is DocumentState.SENT


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_amendment_needs_a_reason(db: Database, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        start_amendment(db, 404, reason)  # checked before the database is asked
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("reason", "Say why the agreement is amended.")
    ]


def test_no_amendment_before_the_agreement_is_locked(db: Database) -> None:
    placement_id, _ = ready_agreement(db)
    with pytest.raises(VipdeskError) as caught:
        start_amendment(db, placement_id, "Hours change.")
    assert str(caught.value).startswith("The agreement is not signed by every party yet: change")
    assert [d.kind for d in documents_of(db, placement_id)] == [DocumentKind.AGREEMENT]


def test_starting_again_opens_the_same_draft_with_its_trimmed_reason(db: Database) -> None:
    placement_id, signed = signed_agreement(db)
    first = start_amendment(db, placement_id, "  Mentor Jürgen Weiß → 李小龙  ", "anna")
    again = start_amendment(db, placement_id, "another reason")
    assert again.id == first.id and again.note == "Mentor Jürgen Weiß → 李小龙"
    assert first.order == ("student", "sending", "host") and first.signatures == ()
    assert first.agreement == signed.agreement  # starts from what was agreed


def test_an_amendment_out_for_signature_blocks_the_next_which_starts_from_it(
    db: Database,
) -> None:
    placement_id, _ = signed_agreement(db)
    first = start_amendment(db, placement_id, "More hours.")
    more = replace(first.agreement.programme, hours_per_week=30)
    first = save_agreement_draft(
        db, first.id, replace(first.agreement, programme=more), first.row_version, "anna"
    )
    sent = send_for_signature(db, first.id, first.row_version, today=date.today())
    with pytest.raises(VipdeskError) as caught:
        start_amendment(db, placement_id, "Another change.")
    assert str(caught.value) == (
        "Amendment 1 is out for signature: record the signatures or a decline before "
        "starting another."
    )
    for party in sent.order:
        record_approval(db, sent.id, party, typed_approval(party), today=date.today())
    second = start_amendment(db, placement_id, "A new mentor.")
    assert (second.number, second.state) == (2, DocumentState.DRAFT)
    assert second.agreement.programme.hours_per_week == 30  # as amended, not as first agreed


def test_a_certificate_ending_before_it_starts_is_refused_and_a_draft_reopened(
    db: Database,
) -> None:
    placement_id, _ = signed_agreement(db)
    with pytest.raises(ValidationError):
        start_certificate(
            db, placement_id, actual_start=date(2027, 5, 1), actual_end=date(2027, 4, 30)
        )
    assert [d.kind for d in documents_of(db, placement_id)] == [DocumentKind.AGREEMENT]
    start, end = date(2027, 2, 1), date(2027, 5, 31)
    first = start_certificate(
        db, placement_id, actual_start=start, actual_end=end, today=date(2027, 6, 2)
    )
    assert first.content["version"] == 1 and first.content["placement_id"] == placement_id
    again = start_certificate(db, placement_id, actual_start=start, actual_end=end)
    assert again.id == first.id
