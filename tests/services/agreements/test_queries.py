"""Reading a placement's agreement documents: rows in order, the latest, what was agreed, PDFs."""

from __future__ import annotations

import pytest

from tests.helpers.agreements import SENT_ON, document_row, ready_agreement, signed_agreement
from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.models import DocumentKind, DocumentState
from vipdesk.services.agreements.changes import start_amendment
from vipdesk.services.agreements.queries import (
    agreed_content,
    documents_of,
    get_document,
    latest,
    load_row,
    locked_agreement,
    reference_of,
    rows_of,
)
from vipdesk.services.agreements.render import document_pdf, final_pdf
from vipdesk.services.agreements.workflow import send_for_signature

AGREEMENT, AMENDMENT = DocumentKind.AGREEMENT, DocumentKind.AMENDMENT
SIGNED, SENT, SUPERSEDED = DocumentState.SIGNED, DocumentState.SENT, DocumentState.SUPERSEDED


def test_latest_is_the_highest_number_of_its_kind() -> None:
    rows = [document_row(AGREEMENT, 1), document_row(AGREEMENT, 3), document_row(AMENDMENT, 2)]
    assert latest(rows, AGREEMENT) is rows[1]
    assert latest(rows, AMENDMENT) is rows[2]
    assert latest(rows, DocumentKind.CERTIFICATE) is None
    assert latest([], AGREEMENT) is None


def test_the_locked_agreement_is_the_signed_version() -> None:
    superseded, signed = document_row(state=SUPERSEDED), document_row(number=2, state=SIGNED)
    assert locked_agreement([superseded, signed]) is signed
    assert locked_agreement([superseded, document_row(number=2, state=SENT)]) is None
    assert locked_agreement([document_row(AMENDMENT, state=SIGNED)]) is None


def test_agreed_content_is_the_latest_signed_amendment_or_the_agreement() -> None:
    rows = [
        document_row(AGREEMENT, 1, SIGNED, {"text": "Łukasz Żółć"}),
        document_row(AMENDMENT, 1, SIGNED, {"text": "李小龙"}),
        document_row(AMENDMENT, 2, SIGNED, {"text": "محمد"}),
        document_row(AMENDMENT, 3, SENT, {"text": "not agreed yet"}),
    ]
    assert agreed_content(rows) == {"text": "محمد"}
    assert agreed_content(rows, before_amendment=2) == {"text": "李小龙"}
    assert agreed_content(rows, before_amendment=1) == {"text": "Łukasz Żółć"}


def test_nothing_is_agreed_before_the_agreement_is_locked() -> None:
    with pytest.raises(VipdeskError, match="not signed by all parties yet"):
        agreed_content([document_row(AGREEMENT, 1, SENT), document_row(AMENDMENT, 1, SIGNED)])
    with pytest.raises(VipdeskError):
        agreed_content([])


def test_a_placement_without_documents_has_none(db: Database) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    assert documents_of(db, placement.id) == []
    with db.session() as session:
        assert reference_of(session, placement.id) == placement.reference


def test_missing_placements_and_documents_are_not_found(db: Database) -> None:
    with pytest.raises(NotFoundError, match="This placement no longer exists"):
        documents_of(db, 404)
    with pytest.raises(NotFoundError, match="This agreement document no longer exists"):
        get_document(db, 404)
    with db.session() as session, pytest.raises(NotFoundError):
        load_row(session, 404)


def test_rows_come_by_kind_then_number_with_their_signatures(any_db: Database) -> None:
    placement_id, signed = signed_agreement(any_db)
    start_amendment(any_db, placement_id, "Hours change.")
    with any_db.session() as session:
        rows = rows_of(session, placement_id)
        assert [(r.kind, r.number) for r in rows] == [(AGREEMENT, 1), (AMENDMENT, 1)]
        assert [s.party for s in rows[0].signatures] == ["student", "sending", "host"]
    views = documents_of(any_db, placement_id)
    assert [v.title for v in views] == ["Learning agreement version 1", "Amendment 1"]
    assert get_document(any_db, signed.id) == views[0]


def test_a_draft_has_no_pdf_to_send_and_a_sent_one_no_final(db: Database) -> None:
    _, draft = ready_agreement(db)
    with pytest.raises(VipdeskError) as caught:
        document_pdf(db, draft.id)
    assert str(caught.value) == (
        "The learning agreement 1 has not been sent for signature yet: no PDF to send."
    )
    sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
    assert document_pdf(db, sent.id).startswith(b"%PDF")
    with pytest.raises(VipdeskError) as caught:
        final_pdf(db, sent.id)
    assert str(caught.value) == "The learning agreement 1 is not signed by every party yet."


def test_a_locked_agreement_has_its_final_pdf(db: Database) -> None:
    _, signed = signed_agreement(db)
    assert final_pdf(db, signed.id).startswith(b"%PDF")
    assert document_pdf(db, signed.id).startswith(b"%PDF")  # the copy as sent stays readable
