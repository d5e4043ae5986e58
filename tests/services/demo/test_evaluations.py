"""Demo evaluations: the placements under way and finished have theirs, scored as recorded."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.models import EvaluationResponse, EvaluationStage, Placement, ReadinessParty, Status
from vipdesk.services.agreements.batch import agreement_for_export
from vipdesk.services.demo.generate import generate_demo
from vipdesk.services.evaluations.records import placement_evaluations

TODAY = date(2026, 12, 4)


def test_placements_under_way_and_finished_have_their_evaluations(db: Database) -> None:
    generate_demo(db, 160, seed=3, today=TODAY)
    with db.session() as session:
        status = {pid: s for pid, s in session.execute(select(Placement.id, Placement.status))}
        given: dict[int, set[tuple[EvaluationStage, ReadinessParty]]] = defaultdict(set)
        for pid, stage, party in session.execute(
            select(EvaluationResponse.placement_id, EvaluationResponse.stage,
                   EvaluationResponse.party)
        ):  # fmt: skip
            given[pid].add((stage, party))
    every = {(stage, party) for stage in EvaluationStage for party in ReadinessParty}
    completed = [pid for pid, s in status.items() if s is Status.COMPLETED]
    evaluating = [pid for pid, s in status.items() if s is Status.EVALUATING]
    assert completed and evaluating
    assert all(given[pid] == every for pid in completed)
    assert all((EvaluationStage.FINAL, ReadinessParty.COMPANY) in given[pid] for pid in evaluating)
    assert all(s in (Status.ONGOING, Status.EVALUATING, Status.COMPLETED)
               for pid, s in status.items() if given[pid])  # fmt: skip
    ongoing = [pid for pid, s in status.items() if s is Status.ONGOING and given[pid]]
    assert ongoing  # past their midpoint
    assert all(stage is EvaluationStage.MIDTERM for pid in ongoing for stage, _ in given[pid])

    # Scored and counted as the service scores them, asking the agreement's outcomes.
    for pid in completed[:5]:
        outcomes = agreement_for_export(db, pid).programme.learning_outcomes
        for view in placement_evaluations(db, pid):
            assert view.recorded_at <= datetime.now(UTC)
            assert view.assessment.unanswered == ()
            assert view.outcomes_planned == len(outcomes) > 0
            assert [view.questionnaire.item(f"outcome_{n}").text
                    for n in range(1, len(outcomes) + 1)] == list(outcomes)  # fmt: skip
            with db.session() as session:
                stored = session.get(EvaluationResponse, view.id)
                assert stored is not None and stored.score == view.score
