"""Recording a placement's evaluations, reading them back scored, and the certificate's rule.

An evaluation is stored whole (`record_evaluation`), typed in by the coordinator or read back
from a returned PDF, and scored then: its overall score and the planned learning outcomes it
says were reached are kept with it for the reports. The answers are always scored again
against the questionnaire version they answered, with the outcomes as they were asked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from vipdesk.db import Database
from vipdesk.errors import NotFoundError, ValidationError
from vipdesk.models import (
    AnswerSource,
    EvaluationAnswer,
    EvaluationResponse,
    EvaluationStage,
    Placement,
    ReadinessParty,
)
from vipdesk.models.base import utcnow
from vipdesk.phrase import Count
from vipdesk.services.agreements.batch import agreement_for_export
from vipdesk.services.evaluations.questionnaires import (
    Kind,
    outcome_keys,
    outcomes_reached,
    questionnaire_for,
)
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    Assessment,
    Questionnaire,
    QuestionnaireLibrary,
    assess,
    validate_answers,
)
from vipdesk.services.preparation.readiness import check_respondent


@dataclass(frozen=True)
class EvaluationView:
    """One stored evaluation, scored against the questions it answered."""

    id: int
    placement_id: int
    stage: EvaluationStage
    party: ReadinessParty
    respondent: str
    source: AnswerSource
    recorded_at: datetime
    recorded_by: str
    questionnaire: Questionnaire
    answers: dict[str, AnswerValue]
    assessment: Assessment
    outcomes_planned: int
    outcomes_reached: int

    @property
    def score(self) -> int | None:
        return self.assessment.overall


def planned_outcomes(db: Database, placement_id: int) -> tuple[str, ...]:
    """The learning outcomes the placement's agreement plans (its Table A), as exported.

    Raises:
        NotFoundError: the placement does not exist (any more).
    """
    return tuple(agreement_for_export(db, placement_id).programme.learning_outcomes)


def check_answers(questionnaire: Questionnaire, answers: Mapping[str, AnswerValue]) -> None:
    """Every answer one the questionnaire offers, every required question answered.

    Raises:
        ValidationError: with the question(s) and what is wrong.
    """
    problems = validate_answers(questionnaire, answers)
    if problems:
        raise ValidationError(problems)
    missing = questionnaire.missing(answers)
    if missing:
        raise ValidationError.on(
            missing[0].key,
            "{count} question(s) still need an answer, the first: “{question}”",
            count=Count(len(missing)),
            question=missing[0].text,
        )


def record_evaluation(
    db: Database,
    placement_id: int,
    stage: EvaluationStage,
    party: ReadinessParty,
    respondent: str,
    answers: Mapping[str, AnswerValue | None],
    *,
    outcomes: Sequence[str] | None = None,
    source: AnswerSource = AnswerSource.TYPED,
    user: str | None = None,
    library: QuestionnaireLibrary | None = None,
    version: int | None = None,
) -> EvaluationView:
    """Store one complete evaluation; `outcomes` are the planned outcomes it was asked about
    (by default the agreement's as they are now).

    Raises:
        ValidationError: no respondent, an answer not offered, a required question unanswered.
        NotFoundError: the placement was deleted.
    """
    name = check_respondent(respondent)
    asked = tuple(planned_outcomes(db, placement_id) if outcomes is None else outcomes)
    kind = Kind(stage.value)
    questionnaire = questionnaire_for(kind, party, asked, version=version, library=library)
    given = {k: v for k, v in answers.items() if v is not None and v != ""}
    check_answers(questionnaire, given)
    assessment = assess(questionnaire, given)
    with db.session(user) as session:
        if session.get(Placement, placement_id) is None:
            raise NotFoundError.said("This placement no longer exists.")
        response = EvaluationResponse(
            placement_id=placement_id,
            stage=stage,
            party=party,
            questionnaire_id=questionnaire.id,
            questionnaire_version=questionnaire.version,
            respondent=name,
            source=source,
            recorded_at=utcnow(),
            recorded_by=user or "",
            planned_outcomes=json.dumps(list(asked), ensure_ascii=False),
            score=assessment.overall,
            outcomes_planned=len(outcome_keys(questionnaire)),
            outcomes_reached=outcomes_reached(questionnaire, given),
            answers=[
                EvaluationAnswer(
                    item_key=key,
                    value_number=value if isinstance(value, int) else None,
                    value_text=value if isinstance(value, str) else None,
                )
                for key, value in given.items()
            ],
        )
        session.add(response)
        session.flush()
        return _view(response, library)


def _view(response: EvaluationResponse, library: QuestionnaireLibrary | None) -> EvaluationView:
    outcomes = json.loads(response.planned_outcomes)
    questionnaire = questionnaire_for(
        Kind(response.stage.value),
        response.party,
        outcomes,
        version=response.questionnaire_version,
        library=library,
    )
    answers: dict[str, AnswerValue] = {
        a.item_key: a.value_number if a.value_number is not None else (a.value_text or "")
        for a in response.answers
    }
    return EvaluationView(
        id=response.id,
        placement_id=response.placement_id,
        stage=response.stage,
        party=response.party,
        respondent=response.respondent,
        source=response.source,
        recorded_at=response.recorded_at,
        recorded_by=response.recorded_by,
        questionnaire=questionnaire,
        answers=answers,
        assessment=assess(questionnaire, answers),
        outcomes_planned=response.outcomes_planned,
        outcomes_reached=response.outcomes_reached,
    )


def placement_evaluations(
    db: Database, placement_id: int, library: QuestionnaireLibrary | None = None
) -> list[EvaluationView]:
    """Every evaluation of a placement, newest first."""
    with db.session() as session:
        rows = session.scalars(
            select(EvaluationResponse)
            .options(selectinload(EvaluationResponse.answers))
            .where(EvaluationResponse.placement_id == placement_id)
            .order_by(EvaluationResponse.recorded_at.desc(), EvaluationResponse.id.desc())
        )
        return [_view(row, library) for row in rows]


def has_evaluation(
    session: Session, placement_id: int, stage: EvaluationStage, party: ReadinessParty
) -> bool:
    """Whether `party` has given its `stage` evaluation of the placement (the certificate
    needs the host mentor's final one)."""
    found = session.scalar(
        select(EvaluationResponse.id)
        .where(
            EvaluationResponse.placement_id == placement_id,
            EvaluationResponse.stage == stage,
            EvaluationResponse.party == party,
        )
        .limit(1)
    )
    return found is not None
