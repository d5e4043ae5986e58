"""Recording evaluations: stored whole and scored, refused whole when anything is wrong."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.helpers.factories import make_placement, make_world
from tests.helpers.questionnaires import best_answers, required_texts, worst_answers
from vipdesk.db import Database
from vipdesk.errors import NotFoundError, ValidationError
from vipdesk.models import AnswerSource, EvaluationResponse, EvaluationStage, ReadinessParty
from vipdesk.services.evaluations.questionnaires import Kind, questionnaire_for
from vipdesk.services.evaluations.records import (
    has_evaluation,
    placement_evaluations,
    planned_outcomes,
    record_evaluation,
)

HOST, FINAL = ReadinessParty.COMPANY, EvaluationStage.FINAL


def stored(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(EvaluationResponse)) or 0


def test_an_evaluation_is_stored_with_its_score_and_outcomes_reached(any_db: Database) -> None:
    placement = make_placement(any_db, make_world(any_db))
    assert placement.id is not None
    outcomes = planned_outcomes(any_db, placement.id)
    assert outcomes  # the agreement's Table A, as exported
    questionnaire = questionnaire_for(Kind.FINAL, HOST, outcomes)
    answers = best_answers(questionnaire) | required_texts(questionnaire, "Ελένη: ausgezeichnet")
    answers["outcome_1"] = 2  # hardly reached
    view = record_evaluation(any_db, placement.id, FINAL, HOST, " Jürgen Weiß ", answers,
                             user="coordinator")  # fmt: skip
    assert view.respondent == "Jürgen Weiß" and view.source is AnswerSource.TYPED
    assert view.answers == answers
    assert (view.outcomes_planned, view.outcomes_reached) == (len(outcomes), len(outcomes) - 1)
    assert view.score is not None and 80 < view.score < 100
    [again] = placement_evaluations(any_db, placement.id)
    assert again.answers == answers and again.score == view.score
    with any_db.session() as session:
        row = session.scalars(select(EvaluationResponse)).one()
        assert (row.score, row.outcomes_reached, row.recorded_by) == (
            view.score, len(outcomes) - 1, "coordinator")  # fmt: skip
        assert has_evaluation(session, placement.id, FINAL, HOST)
        assert not has_evaluation(session, placement.id, EvaluationStage.MIDTERM, HOST)
        assert not has_evaluation(session, placement.id, FINAL, ReadinessParty.STUDENT)


def test_a_later_evaluation_supersedes_and_keeps_the_first(db: Database) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    questionnaire = questionnaire_for(Kind.MIDTERM, ReadinessParty.STUDENT, ("Outcome",))
    record_evaluation(db, placement.id, EvaluationStage.MIDTERM, ReadinessParty.STUDENT, "Ana",
                      worst_answers(questionnaire), outcomes=("Outcome",))  # fmt: skip
    record_evaluation(db, placement.id, EvaluationStage.MIDTERM, ReadinessParty.STUDENT, "Ana",
                      best_answers(questionnaire), outcomes=("Outcome",))  # fmt: skip
    newest, first = placement_evaluations(db, placement.id)
    assert (newest.score, first.score) == (100, 0)


@pytest.mark.parametrize(
    ("respondent", "change", "message"),
    [
        ("", {}, "Enter the name of the person who answers."),
        ("Ana", {"workload": "sometimes"}, "Choose one of the answers offered."),
        ("Ana", {"tools_worked": 6}, "Choose one of the answers offered."),
        ("Ana", {"final_assessment": None}, "1 question(s) still need an answer, the first: "),
        ("Ana", {"no_such_question": "x"}, "There is no question 'no_such_question'"),
    ],
)
def test_a_wrong_evaluation_is_refused_whole(
    db: Database, respondent: str, change: dict[str, object], message: str
) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    questionnaire = questionnaire_for(Kind.FINAL, HOST, ())
    answers = best_answers(questionnaire) | required_texts(questionnaire, "Good.") | change
    with pytest.raises(ValidationError, match=re.escape(message)):
        record_evaluation(db, placement.id, FINAL, HOST, respondent, answers, outcomes=())  # type: ignore[arg-type]
    assert stored(db) == 0


def test_an_evaluation_of_a_deleted_placement_is_refused(db: Database) -> None:
    questionnaire = questionnaire_for(Kind.FINAL, HOST, ())
    answers = best_answers(questionnaire) | required_texts(questionnaire, "Good.")
    with pytest.raises(NotFoundError):
        record_evaluation(db, 4242, FINAL, HOST, "Ana", answers, outcomes=())
    assert stored(db) == 0
