"""The demo tells the truth: each placement's records back its status, and today has work.

These are the checks a coordinator would make by opening every placement: a status the records
do not back, a tick where vipdesk holds the evidence, or a work list of hundreds of items (or
none) would each fail here.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from vipdesk.db import Database, open_database
from vipdesk.documents.agreement.certificate_content import certificate_from_dict
from vipdesk.models import (
    LIFECYCLE,
    AgreementDocument,
    AgreementSignature,
    Base,
    ChecklistTick,
    DocumentKind,
    DocumentState,
    Placement,
    ReadinessResponse,
    SignatureState,
    Status,
)
from vipdesk.services.agreements.checks.validation import certificate_problems
from vipdesk.services.demo.fill import fill_demo
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.demo.parties import DEMO_USER
from vipdesk.services.placements.checklist import checklist_states
from vipdesk.services.placements.evidence import EVIDENCE_ITEMS, evidence_for
from vipdesk.services.placements.lifecycle import refusals
from vipdesk.services.worklist.due import work_list

TODAY = date(2026, 12, 4)
_SENT = LIFECYCLE.index(Status.AGREEMENT_SENT)
_SIGNED = LIFECYCLE.index(Status.SIGNED)
_PREPARATION = ("readiness_student", "readiness_company", "readiness_institution")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('truth') / 'demo.db'}")
    generate_demo(db, 200, seed=5, today=TODAY)
    return db


def _documents(db: Database) -> dict[tuple[int, DocumentKind], tuple[AgreementDocument, list]]:  # type: ignore[type-arg]
    with db.session() as s:
        signatures: dict[int, list[AgreementSignature]] = {}
        for sig in s.scalars(select(AgreementSignature)):
            signatures.setdefault(sig.document_id, []).append(sig)
        return {
            (d.placement_id, d.kind): (d, signatures.get(d.id, []))
            for d in s.scalars(select(AgreementDocument))
        }


def test_every_placements_records_back_its_status(demo: Database) -> None:
    with demo.session() as s:
        placements = s.execute(select(Placement.id, Placement.status)).all()
        ids = [pid for pid, _ in placements]
        states = checklist_states(s, ids)
        evidence = evidence_for(s, ids)
        unbacked = {
            (pid, status.value): [r.text for r in refusals(s, pid, status, states[pid])]
            for pid, status in placements
            if status in LIFECYCLE and status is not Status.DRAFT
        }
    assert {k: v for k, v in unbacked.items() if v} == {}
    documents = _documents(demo)
    seen: Counter[Status] = Counter()
    for pid, status in placements:
        seen[status] += 1
        if status not in LIFECYCLE:
            continue
        rank = LIFECYCLE.index(status)
        agreement = documents.get((pid, DocumentKind.AGREEMENT))
        certificate = documents.get((pid, DocumentKind.CERTIFICATE))
        if rank < _SENT:
            assert agreement is None and certificate is None, pid
            continue
        found = evidence[pid]
        assert all(found[key].done for key in (*_PREPARATION, "protocol", "tools_tested")), pid
        assert agreement is not None, pid
        document, signatures = agreement
        signed = [g for g in signatures if g.state is SignatureState.SIGNED]
        assert len(signatures) == 3 and all(g.signed_on <= TODAY for g in signed)
        if rank < _SIGNED:
            assert document.state is DocumentState.SENT and len(signed) < 3, pid
        else:
            assert document.state is DocumentState.SIGNED and len(signed) == 3, pid
            assert document.locked_at is not None and document.locked_at.date() <= TODAY
            assert found["agreement_signed"].done
        if status is Status.COMPLETED:
            assert certificate is not None and certificate[0].state is DocumentState.SIGNED
            assert found["certificate"].done
        if certificate is not None:  # as sending one requires: the mentor's evaluation
            content = certificate_from_dict(json.loads(certificate[0].content))
            assert certificate_problems(content) == [], pid
    assert all(seen[status] for status in Status)  # every status shows


def test_preparation_comes_before_sending_and_ticks_only_where_vipdesk_has_no_evidence(
    demo: Database,
) -> None:
    documents = _documents(demo)
    with demo.session() as s:
        completed: dict[int, datetime] = {}
        for response in s.scalars(select(ReadinessResponse)):
            if response.completed_at is not None:
                pid, at = response.placement_id, response.completed_at
                completed[pid] = max(at, completed.get(pid, at))
        ticks = list(s.scalars(select(ChecklistTick)))
    for (pid, kind), (document, _) in documents.items():
        if kind is DocumentKind.AGREEMENT:
            assert document.sent_at is not None and completed[pid] < document.sent_at, pid
    assert ticks
    assert not [t.item_key for t in ticks if t.item_key in EVIDENCE_ITEMS]
    assert all(t.done_at.date() < TODAY and t.done_by != DEMO_USER for t in ticks)


def _content(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.session() as s:
        return {
            name: sorted(tuple(map(str, row)) for row in s.execute(select(table)))
            for name, table in Base.metadata.tables.items()
            if name != "alembic_version"
        }


def test_the_same_seed_gives_the_same_records(tmp_path: Path) -> None:
    first, second = (open_database(f"sqlite:///{tmp_path / f'{n}.db'}") for n in (1, 2))
    for db in (first, second):
        generate_demo(db, 120, seed=9, today=TODAY)
    assert _content(first) == _content(second)
    assert _content(first)["readiness_answer"] and _content(first)["agreement_signature"]


def test_rendering_pdfs_is_nobodys_edit(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'pdfs.db'}")
    assert fill_demo(db, 40, seed=2, agreements=3, today=TODAY).rendered == 3
    # The only audit entries are the placements' stories (demo/history.py), not the PDFs.
    entries = _content(db)["audit_entry"]
    assert entries and {(e[3], e[5]) for e in entries} <= {
        ("placement", "create"),
        ("placement", "update"),
    }
    assert not any("pdf" in str(e[7]) for e in entries)


def test_today_shows_a_realistic_work_list(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'work.db'}")
    generate_demo(db, 1000, seed=3, today=TODAY)
    items = work_list(db, as_of=TODAY).items
    # About 4 % of 1,000: what an office of that size sees on a Monday morning.
    assert 10 <= len(items) <= 45, Counter(i.rule_key for i in items)
    kinds = {i.rule_key for i in items}
    assert {"start_blocked", "agreement_unsigned", "past_end"} <= kinds
