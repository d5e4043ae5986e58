"""Demo answers: a few dozen answer sets per questionnaire, copied to every response in SQL.

Readiness and evaluation answers are most of the demo's rows (8 million of 13 at 100,000
placements). Drawing each of them in Python, scoring each response and sending every row to
the database took most of a minute; here each kind of response (questionnaire, party, how far
it got) draws its first `SETS` answer sets as before and then reuses one of them at random,
scored once. The sets go into a temporary table, each response names its set, and one
`INSERT … SELECT` per answer table writes the answers, inside the demo's transaction.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert, select
from sqlalchemy.orm import Session

from vipdesk.models import Base
from vipdesk.services.demo.parties import Row

SETS = 32  # answer sets per kind of response: enough for the spread a report shows
ANSWER_TABLES = ("readiness_answer", "evaluation_answer")
_CHUNK = 20_000  # responses named per insert into the temporary table

Facts = TypeVar("Facts")  # what a set says about itself (its score, its questionnaire)

_TEMPORARY = MetaData()
_SETS = Table(
    "demo_answer_set",
    _TEMPORARY,
    Column("answer_set", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("item_key", String(60), nullable=False),
    Column("value_text", Text),
    Column("value_number", Integer),
    prefixes=["TEMPORARY"],
    sqlite_with_rowid=False,
)
_USES = Table(
    "demo_answer_use",
    _TEMPORARY,
    Column("answer_table", Integer, primary_key=True),
    Column("response_id", Integer, primary_key=True),
    Column("answer_set", Integer, nullable=False),
    prefixes=["TEMPORARY"],
    sqlite_with_rowid=False,
)


class AnswerSets:
    """The answer sets drawn so far and the responses that use them, until `write`."""

    def __init__(self) -> None:
        self._rows: list[Row] = []
        self._count = 0
        self._uses = _no_uses()

    def add(self, answers: list[Row]) -> int:
        """Keep `answers` (item_key, value_text, value_number each) as a new set; its number."""
        self._count += 1
        self._rows += [
            {"answer_set": self._count, "position": n} | answer for n, answer in enumerate(answers)
        ]
        return self._count

    def use(self, table: str, response_id: int, answer_set: int) -> None:
        """The response `response_id` answered as `answer_set` says (rows of `table`)."""
        responses, sets = self._uses[table]
        responses.append(response_id)
        sets.append(answer_set)

    def write(self, session: Session) -> None:
        """Insert every response's answers, in the order of the responses."""
        if not self._rows:
            return
        connection = session.connection()
        for table in (_SETS, _USES):
            table.create(connection)
        connection.execute(insert(_SETS), self._rows)
        for number, (responses, sets) in enumerate(self._uses.values()):
            for at in range(0, len(responses), _CHUNK):
                uses = zip(responses[at : at + _CHUNK], sets[at : at + _CHUNK], strict=True)
                connection.execute(
                    insert(_USES),
                    [
                        {"answer_table": number, "response_id": response, "answer_set": used}
                        for response, used in uses
                    ],
                )
        columns = ("response_id", "item_key", "value_text", "value_number")
        for number, name in enumerate(ANSWER_TABLES):
            answers = Base.metadata.tables[name]
            chosen = (
                select(_USES.c.response_id, _SETS.c.item_key, _SETS.c.value_text,
                       _SETS.c.value_number)
                .join(_SETS, _SETS.c.answer_set == _USES.c.answer_set)
                .where(_USES.c.answer_table == number)
                .order_by(_USES.c.response_id, _SETS.c.position)
            )  # fmt: skip
            connection.execute(insert(answers).from_select(columns, chosen))
        for table in (_USES, _SETS):
            table.drop(connection)
        self._rows, self._uses = [], _no_uses()


def _no_uses() -> dict[str, tuple[array[int], array[int]]]:
    """Each response's id and its set, by answer table: a million pairs in a few megabytes."""
    return {table: (array("q"), array("q")) for table in ANSWER_TABLES}


class Pool(Generic[Facts]):
    """Answer sets by kind of response: the first `SETS` of a kind drawn, then one reused."""

    def __init__(self, sets: AnswerSets) -> None:
        self._sets = sets
        self._drawn: dict[Hashable, list[tuple[int, Facts]]] = {}

    def draw(
        self,
        rng: random.Random,
        kind: Hashable,
        make: Callable[[], tuple[list[Row], Facts]],
    ) -> tuple[int, Facts]:
        """A set for a response of `kind`: new from `make` (answers, facts) or one of before."""
        drawn = self._drawn.setdefault(kind, [])
        if len(drawn) < SETS:
            answers, facts = make()
            drawn.append((self._sets.add(answers), facts))
            return drawn[-1]
        return drawn[int(rng.random() * SETS)]
