"""Readiness responses in the database: progress, resume, completion, history, party status."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.factories import make_placement, make_world
from tests.helpers.questionnaires import best_answers
from vipdesk.db import Database
from vipdesk.errors import ConflictError, NotFoundError, ValidationError
from vipdesk.models import ReadinessParty, ResponseStatus
from vipdesk.resources import resources_dir
from vipdesk.services.preparation.questionnaires import (
    QuestionnaireLibrary,
    ReadinessLevel,
    default_library,
)
from vipdesk.services.preparation.readiness import (
    ResponseClosedError,
    assess_response,
    complete_response,
    discard_response,
    load_response,
    open_response,
    placement_readiness,
    response_history,
    save_progress,
    start_response,
)

STUDENT = ReadinessParty.STUDENT
FIXTURES = Path(__file__).parents[2] / "fixtures" / "questionnaires"


def new_placement(db: Database) -> int:
    placement_id = make_placement(db, make_world(db)).id
    assert placement_id is not None
    return placement_id


def test_progress_is_saved_and_resumed(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    started = start_response(any_db, placement_id, STUDENT, "  Łukasz Żółć ", "anna")
    assert started.status is ResponseStatus.IN_PROGRESS
    assert (started.questionnaire_id, started.questionnaire_version) == ("student", 1)
    assert started.respondent == "Łukasz Żółć"
    saved = save_progress(
        any_db, started.id, started.version, {"plans_own_work": 4, "motivated": 5, "own_goals": 2}
    )
    assert saved.version > started.version
    saved = save_progress(any_db, saved.id, saved.version, {"own_goals": None, "remarks": "Ça va"})
    again = start_response(any_db, placement_id, STUDENT, "someone else")  # resumes, not a new one
    assert again.id == started.id
    assert again.respondent == "Łukasz Żółć"
    assert again.answers == {"plans_own_work": 4, "motivated": 5, "remarks": "Ça va"}
    assert open_response(any_db, placement_id, STUDENT) == again
    assert open_response(any_db, placement_id, ReadinessParty.COMPANY) is None


def test_a_stale_save_is_a_conflict(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    started = start_response(any_db, placement_id, STUDENT, "Ana")
    save_progress(any_db, started.id, started.version, {"motivated": 5}, user="anna")
    with pytest.raises(ConflictError) as caught:
        save_progress(any_db, started.id, started.version, {"motivated": 1}, user="ben")
    assert caught.value.changed_by == "anna"
    assert load_response(any_db, started.id).answers == {"motivated": 5}


def test_answers_that_are_not_offered_are_refused(any_db: Database) -> None:
    started = start_response(any_db, new_placement(any_db), STUDENT, "Ana")
    with pytest.raises(ValidationError) as caught:
        save_progress(any_db, started.id, started.version, {"reliable_internet": "maybe"})
    assert caught.value.problems[0].field == "reliable_internet"
    with pytest.raises(ValidationError):
        start_response(any_db, started.placement_id, ReadinessParty.COMPANY, "   ")
    with pytest.raises(NotFoundError):
        start_response(any_db, 999_999, STUDENT, "Ana")


def test_completion_needs_every_required_answer_and_then_closes(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    started = start_response(any_db, placement_id, STUDENT, "Ana")
    answers = best_answers(default_library().get("student", 1))
    missing_one = {k: v for k, v in answers.items() if k != "quiet_place"}
    with pytest.raises(ValidationError, match="1 question"):
        complete_response(any_db, started.id, started.version, missing_one)
    current = load_response(any_db, started.id)
    assert current.status is ResponseStatus.IN_PROGRESS and not current.answers  # rolled back
    done = complete_response(any_db, started.id, current.version, answers)
    assert done.completed and done.completed_at is not None
    assert "remarks" not in done.answers  # free text is optional
    with pytest.raises(ResponseClosedError):
        save_progress(any_db, done.id, done.version, {"motivated": 1})
    with pytest.raises(ResponseClosedError):
        discard_response(any_db, done.id)


def test_reassessing_keeps_the_history_and_the_latest_counts(any_db: Database) -> None:
    placement_id = new_placement(any_db)
    answers = best_answers(default_library().get("student", 1))
    first = start_response(any_db, placement_id, STUDENT, "Ana")
    complete_response(any_db, first.id, first.version, {**answers, "reliable_internet": "no"})
    [student, company, institution] = placement_readiness(any_db, placement_id)
    assert student.level is ReadinessLevel.BLOCKED
    assert any("internet connection" in r for r in student.reasons)
    assert company.level is institution.level is ReadinessLevel.NEEDS_ATTENTION
    assert company.reasons == ("Not assessed yet.",)

    second = start_response(any_db, placement_id, STUDENT, "Ana")
    assert second.id != first.id
    second = save_progress(any_db, second.id, second.version, {"motivated": 5})
    status = placement_readiness(any_db, placement_id)[0]
    assert status.level is ReadinessLevel.BLOCKED  # still the completed one
    assert status.open is not None and status.open.id == second.id
    assert "A re-assessment is in progress." in status.reasons
    complete_response(any_db, second.id, second.version, answers)
    status = placement_readiness(any_db, placement_id)[0]
    assert status.level is ReadinessLevel.READY
    assert (status.score, status.earlier, status.reasons) == (100, 1, ())
    assert status.latest is not None and status.latest.id == second.id
    assert [r.id for r in response_history(any_db, placement_id, STUDENT)] == [second.id, first.id]


def test_a_low_theme_needs_attention(db: Database) -> None:
    placement_id = new_placement(db)
    answers = best_answers(default_library().get("company", 1))
    started = start_response(db, placement_id, ReadinessParty.COMPANY, "Jürgen Weiß")
    complete_response(
        db,
        started.id,
        started.version,
        {**answers, "coworkers": "mentor_only", "team_meetings": "no"},
    )
    company = placement_readiness(db, placement_id)[1]
    assert company.level is ReadinessLevel.NEEDS_ATTENTION
    assert company.reasons == ("Low score: Team and informal contact (35)",)  # (20·2 + 0 + 100) / 4


def test_a_half_filled_response_can_be_discarded(db: Database) -> None:
    placement_id = new_placement(db)
    started = start_response(db, placement_id, STUDENT, "Ana")
    discard_response(db, started.id)
    assert response_history(db, placement_id) == []
    discard_response(db, started.id)  # already gone: fine


def test_an_old_response_is_scored_with_the_version_it_answered(db: Database) -> None:
    placement_id = new_placement(db)
    old = start_response(db, placement_id, STUDENT, "Ana")  # while only v1 is installed
    old = complete_response(db, old.id, old.version, best_answers(default_library().get("student")))
    library = QuestionnaireLibrary(resources_dir() / "questionnaires", FIXTURES)  # v2 appears
    assert assess_response(old, library).questionnaire_version == 1
    assert placement_readiness(db, placement_id, library)[0].level is ReadinessLevel.READY

    new = start_response(db, placement_id, STUDENT, "Ana", library=library)
    assert new.questionnaire_version == 2
    with pytest.raises(ValidationError):  # a v1 question is not in v2
        save_progress(db, new.id, new.version, {"plans_own_work": 5}, library=library)
    new = complete_response(
        db,
        new.id,
        new.version,
        {"reliable_internet": "yes", "backup_power": "no", "hours_available": 5},
        library=library,
    )
    status = placement_readiness(db, placement_id, library)[0]
    assert status.latest is not None and status.latest.id == new.id
    assert status.assessment is not None
    assert status.assessment.questionnaire_version == 2
    assert status.score == 83  # (100·3 + 0·1 + 100·2) / 6
    assert [t.score for t in status.assessment.themes] == [75, 100]
