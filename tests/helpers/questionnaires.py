"""Answers to the readiness and evaluation questionnaires."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.documents.questionnaire.content import Question, QuestionnaireForm
from vipdesk.models import ReadinessResponse
from vipdesk.services.preparation.questionnaires import AnswerValue, ItemType, Questionnaire
from vipdesk.services.preparation.readiness import assess_response, load_response
from vipdesk.services.preparation.scores import COLUMNS as SCORE_COLUMNS
from vipdesk.services.preparation.scores import assessment_columns


def best_answers(questionnaire: Questionnaire) -> dict[str, AnswerValue]:
    """The strongest answer to every closed question."""
    out: dict[str, AnswerValue] = {}
    for item in questionnaire.items:
        if item.type is ItemType.TEXT:
            continue
        best = max(item.options, key=lambda o: o.score)
        out[item.key] = int(best.key) if item.type is ItemType.SCALE else best.key
    return out


def worst_answers(questionnaire: Questionnaire) -> dict[str, AnswerValue]:
    """The weakest answer to every closed question."""
    out: dict[str, AnswerValue] = {}
    for item in questionnaire.items:
        if item.type is ItemType.TEXT:
            continue
        worst = min(item.options, key=lambda o: o.score)
        out[item.key] = int(worst.key) if item.type is ItemType.SCALE else worst.key
    return out


def required_texts(questionnaire: Questionnaire, text: str) -> dict[str, AnswerValue]:
    """`text` as the answer to every required free-text question."""
    return {i.key: text for i in questionnaire.items if i.type is ItemType.TEXT and i.required}


TEXTS = ("Ελένη хорошо 很好 — نعم, mentoring on Fridays.", "Çok iyi; 좋아요; שלום")


def filled_values(
    form: QuestionnaireForm, respondent: str = "Zoë Ødegård-Nakamura"
) -> dict[str, str]:
    """A different answer to each question, the way a respondent fills the PDF."""
    values = {"respondent": respondent}
    for n, question in enumerate(form.questions):
        if question.kind == "text":
            values[question.field] = TEXTS[n % 2]
        else:
            values[question.field] = question.options[n % len(question.options)][0]
    return values


def sample_questionnaire_form(name: str = "Ana Horvat") -> QuestionnaireForm:
    """A short final evaluation for the host mentor, made without a database: `name` is the
    student and the respondent it suggests."""
    scale = tuple((str(n), label) for n, label in enumerate(("Poor", "Fair", "Good"), start=1))
    return QuestionnaireForm(
        questionnaire_id="evaluation_final_host",
        version=1,
        title="Final evaluation by the host mentor",
        intro="At the end of the placement.",
        respondent_hint="The host mentor answers.",
        party="Host mentor",
        reference="VIP-2026-00042",
        placement_id=42,
        placement_line=f"{name} at Nordlicht Analytics GmbH, 1 February 2027 to 31 May 2027",
        institution="KU Leuven",
        contact="international@kuleuven.example",
        respondent=name,
        themes=(("work", "The trainee's work"),),
        questions=(
            Question("work_quality", "work", "How good was the work?", "", "scale", scale, True),
            Question("change", "work", "What would you change?", "", "text", (), False),
        ),
        generated_on=date(2027, 6, 1),
    )


def check_stored_scores(db: Database) -> int:
    """Every completed readiness response holds the assessment the Preparation tab computes
    from its answers, every response in progress none; how many completed ones there are."""
    columns = [getattr(ReadinessResponse, name) for name in SCORE_COLUMNS]
    with db.session() as session:
        stored = {
            rid: dict(zip(SCORE_COLUMNS, values, strict=True))
            for rid, *values in session.execute(select(ReadinessResponse.id, *columns))
        }
    completed = 0
    for rid, values in stored.items():
        state = load_response(db, rid)
        if state.completed:
            completed += 1
            assert values == assessment_columns(assess_response(state)), rid
        else:
            assert values == dict.fromkeys(SCORE_COLUMNS), rid
    return completed
