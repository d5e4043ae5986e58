"""What the records say about checklist items, worded by the interface: in English the same as
the command line words it, for every kind of finding and every one the demo's records give."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from tests.helpers.findings import SAMPLE_FINDINGS
from vipdesk.db import Database
from vipdesk.models import LIFECYCLE, Placement
from vipdesk.services.demo.fill import fill_demo
from vipdesk.services.placements.checklist import Basis, checklist_states
from vipdesk.services.placements.evidence_types import found
from vipdesk.services.placements.evidence_words import english
from vipdesk.services.placements.lifecycle import refusals
from vipdesk.ui.placements.evidence_texts import finding_text, refusal_text, state_text


def normal(text: str) -> str:
    """The interface writes "03 Dec 2026" where the command line writes "3 Dec 2026"."""
    return re.sub(r"\b0(\d) ", r"\1 ", text)


def test_every_kind_of_finding_reads_as_the_command_line_words_it() -> None:
    for finding in SAMPLE_FINDINGS:
        assert normal(finding_text(finding)) == english([finding]), finding


def test_a_finding_the_interface_does_not_know_shows_its_key_not_a_wrong_sentence() -> None:
    assert finding_text(found("something_new", day=date(2026, 1, 1))) == "something_new"


def test_the_demo_records_give_only_findings_the_interface_words(db: Database) -> None:
    fill_demo(db, 80, seed=3, agreements=2, today=date(2026, 12, 4))
    sample_keys = {f.key for f in SAMPLE_FINDINGS}
    seen: set[str] = set()
    with db.session() as session:
        ids = list(session.scalars(select(Placement.id)))
        states = checklist_states(session, ids)
        for pid in ids:
            for state in states[pid]:
                if state.basis is Basis.HAND:
                    continue
                seen |= {f.key for f in state.findings}
                assert normal(state_text(state)) == state.detail, (pid, state.item.key)
            for target in LIFECYCLE:
                for refusal in refusals(session, pid, target, states[pid]):
                    assert normal(refusal_text(refusal)) == refusal.text
    assert seen <= sample_keys, seen - sample_keys
    assert len(seen) >= 15  # the demo shows most of them
