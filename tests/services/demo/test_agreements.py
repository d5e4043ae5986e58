"""Demo agreements: every one on file, a bounded number of them with their PDFs rendered."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.documents.agreement.certificate_content import (
    certificate_from_dict,
    certificate_hash,
)
from vipdesk.documents.agreement.content import agreement_to_dict, content_hash
from vipdesk.models import AgreementDocument, DocumentKind, DocumentState, SignatureState, Status
from vipdesk.services.agreements.prefill import agreements_from_placements
from vipdesk.services.agreements.queries import documents_of
from vipdesk.services.agreements.render import document_pdf, final_pdf
from vipdesk.services.demo.agreements import add_demo_agreements
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.placements.catalogue import load_rows

TODAY = date(2026, 11, 26)


def test_a_bounded_number_of_demo_agreements_get_their_pdfs(any_db: Database) -> None:
    summary = generate_demo(any_db, 80, seed=1, today=TODAY)
    out = sum(  # agreements out for signature: a third of each batch while there are some
        1
        for pid in {row.id for row in load_rows(any_db)}
        for doc in documents_of(any_db, pid)
        if doc.kind is DocumentKind.AGREEMENT and doc.state is DocumentState.SENT
    )
    assert 2 <= out <= 4
    assert add_demo_agreements(any_db, limit=12) == out + 8
    # The next ones, none rendered twice: the agreements out for signature had theirs.
    assert add_demo_agreements(any_db, limit=12) == 8
    statuses = {row.id: row.status for row in load_rows(any_db)}
    agreements = [
        (pid, doc)
        for pid in statuses
        for doc in documents_of(any_db, pid)
        if doc.kind is DocumentKind.AGREEMENT
    ]
    assert summary.agreements >= len(agreements) > 24
    rendered = seen = 0
    for placement_id, document in agreements:
        status = statuses[placement_id]
        signed = [s for s in document.signatures if s.state is SignatureState.SIGNED]
        assert document.content_hash == content_hash(document.agreement)
        assert all(s.signed_on is not None and s.signed_on <= TODAY for s in signed)
        if status is Status.AGREEMENT_SENT:
            assert document.state is DocumentState.SENT and len(signed) < 3
        elif status is not Status.CANCELLED:  # cancelled: as far as it had come
            assert document.state is DocumentState.SIGNED and len(signed) == 3
        if document.state is DocumentState.SIGNED:
            final = final_pdf(any_db, document.id)  # archived, or rendered from the content
            if document.final_sha256:
                assert hashlib.sha256(final).hexdigest() == document.final_sha256
                rendered += 1
            assert final.startswith(b"%PDF")
        else:
            assert document_pdf(any_db, document.id).startswith(b"%PDF")
            seen += 1
    assert rendered == 16  # two thirds of those rendered are locked ones
    assert seen == out


def test_some_agreements_are_amended_after_they_were_signed(db: Database) -> None:
    generate_demo(db, 600, seed=2, today=TODAY)
    statuses = {row.id: row.status for row in load_rows(db)}
    amended = {pid: documents_of(db, pid) for pid in statuses}
    amendments = [
        (pid, doc)
        for pid, docs in amended.items()
        for doc in docs
        if doc.kind is DocumentKind.AMENDMENT
    ]
    assert {doc.state for _pid, doc in amendments} == {DocumentState.SIGNED, DocumentState.SENT}
    for pid, doc in amendments:
        # after the start (a placement cancelled later keeps what was signed)
        assert statuses[pid] in (
            Status.ONGOING,
            Status.EVALUATING,
            Status.COMPLETED,
            Status.CANCELLED,
        )
        (agreement,) = [d for d in amended[pid] if d.kind is DocumentKind.AGREEMENT]
        assert agreement.state is DocumentState.SIGNED
        assert doc.note and "hours" in doc.note
        assert doc.agreement.programme.hours_per_week < agreement.agreement.programme.hours_per_week
        if doc.state is DocumentState.SENT:
            assert statuses[pid] in (Status.ONGOING, Status.CANCELLED)


def test_each_agreement_says_what_the_stored_records_say(any_db: Database) -> None:
    """Drafted from the rows as they were made, each is the draft the app makes from the
    records it reads back (the date it went out apart)."""
    generate_demo(any_db, 300, seed=8, today=TODAY)
    with any_db.session() as session:
        stored = session.execute(
            select(AgreementDocument.placement_id, AgreementDocument.content).where(
                AgreementDocument.kind == DocumentKind.AGREEMENT
            )
        ).all()
        certificates = session.execute(
            select(AgreementDocument.content, AgreementDocument.content_hash).where(
                AgreementDocument.kind == DocumentKind.CERTIFICATE
            )
        ).all()
    assert certificates and all(  # hashed as the app hashes a certificate
        certificate_hash(certificate_from_dict(json.loads(content))) == digest
        for content, digest in certificates
    )
    drafted = agreements_from_placements(any_db, [pid for pid, _ in stored], today=TODAY)
    assert len(stored) > 100
    for pid, content in stored:
        on_file = json.loads(content)
        draft = replace(drafted[pid], generated_at=date.fromisoformat(on_file["generated_at"]))
        assert agreement_to_dict(draft) == on_file, pid
