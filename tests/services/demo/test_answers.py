"""Demo answers: a few dozen answer sets per kind of response, copied to each in SQL."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from sqlalchemy import select

from vipdesk.db import Database
from vipdesk.models import (
    EvaluationAnswer,
    EvaluationResponse,
    ReadinessAnswer,
    ReadinessResponse,
)
from vipdesk.services.demo.answers import SETS, AnswerSets, Pool
from vipdesk.services.demo.generate import generate_demo


def test_a_pool_draws_its_first_sets_then_reuses_them() -> None:
    made: list[int] = []

    def make() -> tuple[list[dict[str, object]], int]:
        made.append(len(made))
        return [{"item_key": "q1", "value_text": None, "value_number": len(made)}], len(made)

    pool: Pool[int] = Pool(AnswerSets())
    rng = random.Random(1)
    drawn = [pool.draw(rng, "kind", make) for _ in range(SETS * 4)]
    assert len(made) == SETS
    assert drawn[:SETS] == [(n + 1, n + 1) for n in range(SETS)]
    assert {number for number, _ in drawn[SETS:]} <= set(range(1, SETS + 1))
    assert pool.draw(rng, "other kind", make)[0] == SETS + 1  # each kind its own sets


def test_every_response_has_its_answer_set_copied(any_db: Database) -> None:
    generate_demo(any_db, 400, seed=4, today=date(2026, 12, 4))
    with any_db.session() as s:
        # Kinds of response: readiness by party and how far it got (done, flagged, open);
        # evaluation by stage, party and the outcomes asked (the agreement's, or none).
        for response, answer, kinds in (
            (ReadinessResponse, ReadinessAnswer, 3 * 3),
            (EvaluationResponse, EvaluationAnswer, 2 * 3 * 2),
        ):
            given: dict[int, set[tuple[object, ...]]] = defaultdict(set)
            for row in s.execute(
                select(answer.response_id, answer.item_key, answer.value_text,
                       answer.value_number)
            ):  # fmt: skip
                given[row[0]].add(tuple(row[1:]))
            responses = list(s.scalars(select(response.id)))
            assert sorted(given) == sorted(responses)  # every response has its answers
            sets = {frozenset(answers) for answers in given.values()}
            assert len(responses) > 2 * kinds * SETS >= 2 * len(sets)  # shared, not one each
