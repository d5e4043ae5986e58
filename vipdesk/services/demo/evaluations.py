"""Demo data, part five: the evaluations of placements under way or finished.

An ongoing placement past its midpoint has its mid-term evaluations; one being evaluated has
them and some final ones (always the host mentor's, which the certificate needs); a completed
one has all six. Answers lean to the good side, as real ones do, with a weak answer now and
then, and each planned learning outcome of the stored agreement is asked. Rows are plain dicts
for bulk inserts, scored as `services.evaluations.records` scores them.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from vipdesk.models import (
    AnswerSource,
    Contact,
    EvaluationStage,
    Placement,
    ReadinessParty,
    Status,
    Student,
)
from vipdesk.services.demo.answers import AnswerSets, Pool
from vipdesk.services.demo.parties import DEMO_USER, Row, office_time
from vipdesk.services.evaluations.questionnaires import (
    Kind,
    outcome_keys,
    outcomes_reached,
    questionnaire_for,
)
from vipdesk.services.preparation.questionnaires import AnswerValue, ItemType, Questionnaire, assess

BATCH = 2000  # placements whose evaluations are inserted together
_SCALE = (5, 5, 4, 4, 4, 3, 2)  # mostly good, now and then weak
_TEXTS = {
    "final_assessment": (
        "Delivered every agreed task on time and worked independently; the dashboard is in use.",
        "Reliable and curious; needed more support with the written reports at the start.",
        "Strong analytical work and clear communication in the weekly meetings.",
    ),
    "change": (
        "Agree the weekly meeting slot before the start, not in the first week.",
        "More written feedback on deliverables, and a buddy in the team from day one.",
        "Fewer tools: one chat channel instead of three.",
        "",
    ),
}
_SOURCES = tuple(source.value for source in AnswerSource)
_FINAL_SHARE = {ReadinessParty.COMPANY: 1.0, ReadinessParty.STUDENT: 0.85,
                ReadinessParty.INSTITUTION: 0.4}  # fmt: skip  # of placements being evaluated


def _answers(rng: random.Random, questionnaire: Questionnaire) -> dict[str, AnswerValue]:
    answers: dict[str, AnswerValue] = {}
    for item in questionnaire.items:
        if item.type is ItemType.SCALE:
            answers[item.key] = rng.choice(_SCALE)
        elif item.type is ItemType.TEXT:
            pool = _TEXTS["final_assessment" if item.key == "final_assessment" else "change"]
            text = rng.choice(pool)
            if text or item.required:
                answers[item.key] = text or pool[0]
        else:
            ranked = sorted(item.options, key=lambda o: -o.score)
            answers[item.key] = ranked[0 if rng.random() < 0.8 else 1].key
    return answers


def add_demo_evaluations(
    session: Session,
    new_ids: Callable[[str, int], list[int]],
    insert: Callable[[str, list[Row]], None],
    rng: random.Random,
    today: date,
    answers: AnswerSets,
    outcomes: Mapping[int, tuple[str, ...]],
) -> int:
    """Write the evaluations of every placement that has reached them, their answers named in
    `answers` (written later, in SQL); returns how many.

    Args:
        outcomes: the planned learning outcomes of each placement's agreement (each evaluation
            asks them), by placement id.
    """
    mentor, tutor = aliased(Contact), aliased(Contact)
    query = (
        select(Placement.id, Placement.status, Placement.planned_start, Placement.planned_end,
               Student.given_name, Student.family_name, mentor.name, tutor.name)
        .join(Student, Student.id == Placement.student_id)
        .outerjoin(mentor, mentor.id == Placement.mentor_id)
        .outerjoin(tutor, tutor.id == Placement.tutor_id)
        .where(Placement.status.in_([Status.ONGOING, Status.EVALUATING, Status.COMPLETED]))
        .order_by(Placement.id)
    )  # fmt: skip
    placed = list(session.execute(query))
    pool: Pool[Row] = Pool(answers)
    responses: list[Row] = []
    answer_sets: list[int] = []  # each response's, in order
    now = datetime.now(UTC)
    written = 0
    for number, (pid, status, start, end, given, family, mentor_name, tutor_name) in enumerate(
        placed
    ):
        if number and number % BATCH == 0:  # written as it goes: memory stays flat at 100k
            written += _write(new_ids, insert, answers, responses, answer_sets)
        names = {ReadinessParty.STUDENT: f"{given} {family}",
                 ReadinessParty.COMPANY: mentor_name or "Host mentor",
                 ReadinessParty.INSTITUTION: tutor_name or "Academic tutor"}  # fmt: skip
        middle = start + (end - start) / 2
        for stage in EvaluationStage:
            day = middle if stage is EvaluationStage.MIDTERM else end
            day += timedelta(days=rng.randint(0, 6))
            if day >= today or (stage is EvaluationStage.FINAL and status is Status.ONGOING):
                continue
            for party in ReadinessParty:
                final = stage is EvaluationStage.FINAL
                if final and status is Status.EVALUATING and rng.random() >= _FINAL_SHARE[party]:
                    continue
                asked = outcomes.get(pid, ())
                answer_set, scored = pool.draw(
                    rng, (stage, party, asked), partial(_scored, rng, stage, party, asked)
                )
                responses.append(
                    {
                        "placement_id": pid,
                        "stage": stage.value,
                        "party": party.value,
                        "respondent": names[party],
                        "source": rng.choice(_SOURCES),
                        "recorded_at": min(office_time(rng, day), now),
                        "recorded_by": DEMO_USER,
                    }
                    | scored
                )
                answer_sets.append(answer_set)
    written += _write(new_ids, insert, answers, responses, answer_sets)
    return written


def _scored(
    rng: random.Random, stage: EvaluationStage, party: ReadinessParty, asked: tuple[str, ...]
) -> tuple[list[Row], Row]:
    """A set of answers to the questionnaire of `stage` and `party` asking `asked`, and the
    response columns that follow from them (scored as `services.evaluations.records` does)."""
    questionnaire = questionnaire_for(Kind(stage.value), party, asked)
    given = _answers(rng, questionnaire)
    rows: list[Row] = [
        {
            "item_key": key,
            "value_number": value if isinstance(value, int) else None,
            "value_text": value if isinstance(value, str) else None,
        }
        for key, value in given.items()
    ]
    return rows, {
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "planned_outcomes": json.dumps(list(asked), ensure_ascii=False),
        "score": assess(questionnaire, given).overall,
        "outcomes_planned": len(outcome_keys(questionnaire)),
        "outcomes_reached": outcomes_reached(questionnaire, given),
    }


def _write(
    new_ids: Callable[[str, int], list[int]],
    insert: Callable[[str, list[Row]], None],
    answers: AnswerSets,
    responses: list[Row],
    answer_sets: list[int],
) -> int:
    """Insert a batch of responses, name their answer sets, then empty the lists."""
    ids = new_ids("evaluation_response", len(responses))
    for response, response_id, answer_set in zip(responses, ids, answer_sets, strict=True):
        response["id"] = response_id
        answers.use("evaluation_answer", response_id, answer_set)
    insert("evaluation_response", responses)
    count = len(responses)
    responses.clear()
    answer_sets.clear()
    return count
