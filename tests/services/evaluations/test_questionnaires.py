"""Evaluation questionnaires: the shipped files, the agreement's outcomes asked one by one,
and the scoring of each evaluation."""

from __future__ import annotations

import pytest

from tests.helpers.questionnaires import best_answers, required_texts, worst_answers
from vipdesk.errors import VipdeskError
from vipdesk.models import ReadinessParty
from vipdesk.services.evaluations.questionnaires import (
    Kind,
    kind_and_party,
    outcome_keys,
    outcomes_reached,
    party_named,
    questionnaire_for,
    questionnaire_id,
)
from vipdesk.services.preparation.questionnaires import ItemType, assess, validate_answers

OUTCOMES = ("Analyses customer data with Python", "Présente des résultats en français", "数据")
EVALUATIONS = [(k, p) for k in (Kind.MIDTERM, Kind.FINAL) for p in ReadinessParty]


@pytest.mark.parametrize(("kind", "party"), EVALUATIONS)
def test_each_evaluation_asks_every_planned_outcome_and_keeps_free_text(
    kind: Kind, party: ReadinessParty
) -> None:
    questionnaire = questionnaire_for(kind, party, OUTCOMES)
    assert questionnaire.id == questionnaire_id(kind, party)
    assert kind_and_party(questionnaire.id) == (kind, party)
    asked = [questionnaire.item(key) for key in outcome_keys(questionnaire)]
    assert [i.text for i in asked] == list(OUTCOMES)
    assert {i.theme for i in asked} == {"outcomes"} and all(i.scored for i in asked)
    assert any(i.type is ItemType.TEXT for i in questionnaire.items)  # what to change
    themes = {t.key for t in questionnaire.themes}
    assert {"outcomes", "mentoring", "communication", "workload", "intercultural"} <= themes


@pytest.mark.parametrize(("kind", "party"), EVALUATIONS)
def test_each_evaluation_scores_from_0_to_100_and_flags_weak_answers(
    kind: Kind, party: ReadinessParty
) -> None:
    questionnaire = questionnaire_for(kind, party, OUTCOMES)
    texts = required_texts(questionnaire, "Solid work on the churn model.")
    best = best_answers(questionnaire) | texts
    worst = worst_answers(questionnaire) | texts
    assert validate_answers(questionnaire, best) == []
    high, low = assess(questionnaire, best), assess(questionnaire, worst)
    assert high.overall == 100 and high.flags == () and high.unanswered == ()
    assert low.overall == 0
    assert {f.item_key for f in low.flags} == {i.key for i in questionnaire.items if i.scored}
    assert all(t.low for t in low.themes)
    assert outcomes_reached(questionnaire, best) == len(OUTCOMES)
    assert outcomes_reached(questionnaire, worst) == 0


def test_a_mid_term_student_evaluation_is_weighted_by_its_items() -> None:
    questionnaire = questionnaire_for(Kind.MIDTERM, ReadinessParty.STUDENT, OUTCOMES[:1])
    answers = best_answers(questionnaire) | {
        "outcome_1": 3,  # partly reached: 50, weight 2
        "tasks_lead_to_outcomes": 4,  # 75, weight 2
        "meetings_held": "no",  # 0, weight 2
        "change_second_half": "Fewer meetings, more written feedback.",
    }
    assessment = assess(questionnaire, answers)
    outcomes = next(t for t in assessment.themes if t.key == "outcomes")
    assert outcomes.score == 63  # (50 * 2 + 75 * 2) / 4 = 62.5, rounded half up
    communication = next(t for t in assessment.themes if t.key == "communication")
    assert communication.score == 50 and communication.low  # (100 + 100 + 0 * 2) / 4
    # Every item weighs in once: 15 weight points, three of them below the best.
    assert assessment.overall == 77  # (1500 - 50 * 2 - 25 * 2 - 100 * 2) / 15 = 76.7
    assert [f.item_key for f in assessment.flags] == ["meetings_held"]
    assert outcomes_reached(questionnaire, answers) == 0  # 3 of 5 is not "mostly"


def test_an_evaluation_without_planned_outcomes_asks_none() -> None:
    questionnaire = questionnaire_for(Kind.FINAL, ReadinessParty.COMPANY, ())
    assert outcome_keys(questionnaire) == ()
    assert "planned_outcome" not in {i.key for i in questionnaire.items}
    assert questionnaire.item("final_assessment").required


def test_readiness_is_the_questionnaire_about_the_party() -> None:
    assert questionnaire_for(Kind.READINESS, ReadinessParty.COMPANY).id == "company"
    assert kind_and_party("institution") == (Kind.READINESS, ReadinessParty.INSTITUTION)
    assert kind_and_party("evaluation_yearly_host") is None


def test_parties_are_named_as_on_the_command_line() -> None:
    assert party_named(" Host ") is ReadinessParty.COMPANY
    assert party_named("tutor") is ReadinessParty.INSTITUTION
    with pytest.raises(VipdeskError, match="no party 'mentor'; choose one of student, host, tutor"):
        party_named("mentor")
