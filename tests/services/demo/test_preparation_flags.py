"""Demo readiness: placements still being prepared show some critical answers to deal with;
from "agreement sent" on, none is left open (the lifecycle would not allow the move)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tests.helpers.questionnaires import check_stored_scores
from vipdesk.db import Database
from vipdesk.models import LIFECYCLE, Placement, Status
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.preparation.readiness import placement_readiness


def test_some_placements_in_preparation_have_critical_flags(db: Database) -> None:
    generate_demo(db, 300, seed=6, today=date(2026, 12, 4))
    with db.session() as s:
        placements = [
            (pid, status) for pid, status in s.execute(select(Placement.id, Placement.status))
        ]
    flagged: dict[Status, int] = {}
    for pid, status in placements:
        parties = placement_readiness(db, pid)
        if any(p.assessment is not None and p.assessment.critical for p in parties):
            flagged[status] = flagged.get(status, 0) + 1
    assert flagged.get(Status.PREPARING, 0) >= 3
    sent = LIFECYCLE.index(Status.AGREEMENT_SENT)
    assert not [s for s in flagged if s in LIFECYCLE and LIFECYCLE.index(s) >= sent]


def test_completed_demo_questionnaires_store_their_assessment(db: Database) -> None:
    """As completing one in the wizard does: the readiness report reads what is stored."""
    generate_demo(db, 60, seed=6, today=date(2026, 12, 4))
    assert check_stored_scores(db) > 60
