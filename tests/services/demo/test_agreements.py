"""Demo placements that reached "agreement sent" or later carry a stored agreement."""

from __future__ import annotations

import hashlib
from datetime import date

from vipdesk.db import Database
from vipdesk.documents.agreement.content import content_hash
from vipdesk.models import DocumentState, SignatureState, Status
from vipdesk.services.agreements.queries import document_pdf, documents_of, final_pdf
from vipdesk.services.demo.agreements import add_demo_agreements
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.placements.catalogue import load_rows

TODAY = date(2026, 11, 26)


def test_demo_agreements_match_their_placements_status(any_db: Database) -> None:
    generate_demo(any_db, 80, seed=1, today=TODAY)
    assert add_demo_agreements(any_db, limit=12, today=TODAY) == 12
    statuses = {row.id: row.status for row in load_rows(any_db)}
    stored = [(pid, documents_of(any_db, pid)) for pid in statuses]
    with_agreement = [(pid, docs[0]) for pid, docs in stored if docs]
    assert len(with_agreement) == 12
    seen = set()
    for placement_id, document in with_agreement:
        status = statuses[placement_id]
        signed = [s for s in document.signatures if s.state is SignatureState.SIGNED]
        assert document.content_hash == content_hash(document.agreement)
        assert document_pdf(any_db, document.id).startswith(b"%PDF")
        if status is Status.AGREEMENT_SENT:
            assert document.state is DocumentState.SENT and len(signed) < 3
        else:
            assert document.state is DocumentState.SIGNED and len(signed) == 3
            final = final_pdf(any_db, document.id)
            assert hashlib.sha256(final).hexdigest() == document.final_sha256
        assert all(s.signed_on is not None and s.signed_on <= TODAY for s in signed)
        seen.add(document.state)
    assert seen == {DocumentState.SENT, DocumentState.SIGNED}
