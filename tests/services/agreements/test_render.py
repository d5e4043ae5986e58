"""The PDF of a stored document: each kind from its frozen content, and the executed copy with
each party's signature record in its box."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from tests.helpers.agreements import ready_agreement, signed_agreement
from tests.helpers.pdf_tools import pdf_text
from vipdesk.db import Database
from vipdesk.services.agreements.changes import start_amendment, start_certificate
from vipdesk.services.agreements.queries import load_row
from vipdesk.services.agreements.render import executed_copy, render_document
from vipdesk.services.agreements.workflow import save_agreement_draft


def test_a_draft_renders_from_its_content_without_records(db: Database, tmp_path: Path) -> None:
    _, draft = ready_agreement(db)
    with db.session() as session:
        text = pdf_text(render_document(session, load_row(session, draft.id)), tmp_path)
    assert "Łukasz Żółć" in text and "Version 1" in text
    assert "Approved in writing" not in text


def test_the_executed_copy_prints_each_signature_record(db: Database, tmp_path: Path) -> None:
    _, signed = signed_agreement(db)
    with db.session() as session:
        text = pdf_text(executed_copy(session, load_row(session, signed.id)), tmp_path)
    assert text.count("Approved in writing") == 3
    assert all(party in text for party in ("student", "sending", "host"))  # the typed names


def test_an_amendment_beside_the_agreement_and_a_certificate(db: Database, tmp_path: Path) -> None:
    placement_id, _ = signed_agreement(db)
    amendment = start_amendment(db, placement_id, "Ελένη joins as co-mentor.")
    programme = replace(amendment.agreement.programme, hours_per_week=32)
    changed = replace(amendment.agreement, programme=programme)
    amendment = save_agreement_draft(db, amendment.id, changed, amendment.row_version, "anna")
    certificate = start_certificate(
        db, placement_id, actual_start=date(2027, 2, 3), actual_end=date(2027, 5, 28)
    )
    with db.session() as session:
        amended = pdf_text(render_document(session, load_row(session, amendment.id)), tmp_path)
        issued = pdf_text(render_document(session, load_row(session, certificate.id)), tmp_path)
    assert "Amendment 1" in amended and "Ελένη joins as co-mentor." in amended
    assert "32" in amended and "20" in amended  # as amended, beside what was agreed
    assert "certificate" in issued.lower() and "Łukasz Żółć" in issued
