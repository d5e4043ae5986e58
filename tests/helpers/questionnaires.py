"""Answers to the readiness questionnaires."""

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
