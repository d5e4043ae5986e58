"""Answers to the readiness and evaluation questionnaires."""

from __future__ import annotations

from vipdesk.documents.questionnaire.content import QuestionnaireForm
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
