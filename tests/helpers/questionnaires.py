"""Answers to the readiness and evaluation questionnaires."""

from __future__ import annotations

from datetime import date

from vipdesk.documents.questionnaire.content import Question, QuestionnaireForm
from vipdesk.services.preparation.questionnaires import AnswerValue, ItemType, Questionnaire


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
