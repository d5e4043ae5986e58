"""A completed readiness questionnaire stores its assessment for the reports, as the
Preparation tab computes it from the answers; one in progress stores none."""

from __future__ import annotations

from tests.helpers.factories import make_placement, make_world
from tests.helpers.questionnaires import best_answers, check_stored_scores, worst_answers
from vipdesk.db import Database
from vipdesk.models import ReadinessParty, ReadinessResponse
from vipdesk.services.preparation.questionnaires import ReadinessLevel, default_library
from vipdesk.services.preparation.readiness import (
    complete_response,
    save_progress,
    start_response,
)


def test_completing_stores_the_assessment_and_saving_progress_does_not(any_db: Database) -> None:
    placement = make_placement(any_db, make_world(any_db))
    assert placement.id is not None
    company = default_library().for_party(ReadinessParty.COMPANY)
    weak = start_response(any_db, placement.id, ReadinessParty.COMPANY, "Ελένη Παπαδοπούλου")
    weak = save_progress(any_db, weak.id, weak.version, worst_answers(company))
    assert check_stored_scores(any_db) == 0  # in progress: nothing stored yet
    complete_response(any_db, weak.id, weak.version)
    student = default_library().for_party(ReadinessParty.STUDENT)
    good = start_response(any_db, placement.id, ReadinessParty.STUDENT, "李俊杰")
    complete_response(any_db, good.id, good.version, best_answers(student))
    assert check_stored_scores(any_db) == 2
    with any_db.session() as session:
        stored = session.get(ReadinessResponse, weak.id)
        assert stored is not None
        assert stored.level == ReadinessLevel.BLOCKED.value
        assert stored.critical_flags and stored.critical_answers and stored.low_themes
        best = session.get(ReadinessResponse, good.id)
        assert best is not None
        assert (best.score, best.level, best.critical_flags) == (100, "ready", 0)
        assert (best.critical_answers, best.low_themes) == (None, None)
