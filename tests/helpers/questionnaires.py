"""Answers to the readiness and evaluation questionnaires."""

from __future__ import annotations

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
