"""The readiness report's reading in bulk: the figures the Preparation tab shows, from the
assessment stored with each response, for the selected placements only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import update

from tests.helpers.funding_world import make_funding_world
from tests.helpers.questionnaires import best_answers, worst_answers
from tests.helpers.report_world import only
from vipdesk.db import Database
from vipdesk.models import (
    ReadinessParty,
    ReadinessResponse,
)
from vipdesk.services.jobs import CancelledError
from vipdesk.services.preparation.questionnaires import ReadinessLevel, default_library
from vipdesk.services.preparation.readiness import (
    complete_response,
    placement_readiness,
    save_progress,
    start_response,
)
from vipdesk.services.preparation.scores import COLUMNS as SCORE_COLUMNS
from vipdesk.services.preparation.scores import critical_answers, low_themes
from vipdesk.services.reports.filters import load_placement_details
from vipdesk.services.reports.readiness import readiness_data

D = Decimal


def _complete(
    db: Database, placement_id: int, party: ReadinessParty, *, weak: bool = False
) -> None:
    state = start_response(db, placement_id, party, "Łukasz Żółć")
    questionnaire = default_library().for_party(party)
    # Weak: every answer at its weakest, so critical flags and low themes.
    answers = worst_answers(questionnaire) if weak else best_answers(questionnaire)
    complete_response(db, state.id, state.version, answers)


def _as_the_tab_reads_it(db: Database, placement_id: int) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for p in placement_readiness(db, placement_id):
        a, latest = p.assessment, p.latest
        out.append(
            (
                p.party,
                None if latest is None else p.level,
                None if latest is None else latest.respondent,
                None if latest is None else latest.completed_at,
                p.score,
                None if a is None else len(a.critical),
                None if a is None else critical_answers(a),
                None if a is None else low_themes(a),
                p.open is not None,
            )
        )
    return out


def test_readiness_in_bulk_equals_the_preparation_tabs_reading(any_db: Database) -> None:
    """On SQLite and PostgreSQL: the latest of each party is picked by a window function."""
    w = make_funding_world(any_db)
    _complete(any_db, w.virtual, ReadinessParty.STUDENT)
    _complete(any_db, w.virtual, ReadinessParty.STUDENT)  # reassessed: the latest counts
    _complete(any_db, w.blended, ReadinessParty.COMPANY, weak=True)
    started = start_response(any_db, w.blended, ReadinessParty.INSTITUTION, "محمد")
    save_progress(any_db, started.id, started.version, {"outcomes_defined": "yes"})
    _complete(any_db, w.physical, ReadinessParty.STUDENT)  # not selected
    details = only(load_placement_details(any_db), w.virtual, w.blended)
    bulk = readiness_data(any_db, details)
    assert [d.id for d, _ in bulk] == [d.id for d in details]
    for detail, parties in bulk:
        assert [tuple(p) for p in parties] == _as_the_tab_reads_it(any_db, detail.id)
    blended = dict(bulk[[d.id for d, _ in bulk].index(w.blended)][1][i][:2] for i in range(3))
    assert blended[ReadinessParty.COMPANY] is ReadinessLevel.BLOCKED
    assert blended[ReadinessParty.INSTITUTION] is None  # in progress only: not assessed


def test_a_response_stored_without_its_score_is_scored_from_its_answers(db: Database) -> None:
    """A completed response whose assessment was never stored (restored from before the
    columns existed, say) shows the same figures as the Preparation tab."""
    w = make_funding_world(db)
    _complete(db, w.virtual, ReadinessParty.COMPANY, weak=True)
    with db.session() as session:
        session.execute(update(ReadinessResponse).values(dict.fromkeys(SCORE_COLUMNS)))
    details = only(load_placement_details(db), w.virtual)
    ((_detail, parties),) = readiness_data(db, details)
    assert [tuple(p) for p in parties] == _as_the_tab_reads_it(db, w.virtual)
    assert parties[1].level is ReadinessLevel.BLOCKED and parties[1].critical_flags


def test_readiness_can_be_stopped(db: Database) -> None:
    w = make_funding_world(db)
    _complete(db, w.virtual, ReadinessParty.STUDENT)
    with pytest.raises(CancelledError):
        readiness_data(db, load_placement_details(db), should_cancel=lambda: True)
