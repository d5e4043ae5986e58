"""What the tools report reads for selected placements: the chosen tools, what each serves,
and its test with each actor, as `preparation.tools.load_test_plan` gives them, read with two
queries for all placements (the tests pivoted by the database)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import Select, case, func, select

from vipdesk.db import Database
from vipdesk.models import ProtocolActor, ToolChoice, ToolTest, ToolTestResult
from vipdesk.services.jobs import paused_gc
from vipdesk.services.preparation.tool_catalogue import purposes, tool_name
from vipdesk.services.reports.filters import PlacementDetail

ACTORS = tuple(ProtocolActor)


class TestCell(NamedTuple):
    """A tool's test with one actor, as the report shows it (see `ToolTestState`)."""

    actor: ProtocolActor
    result: ToolTestResult = ToolTestResult.NOT_YET
    tested_on: date | None = None
    note: str = ""

    @property
    def open(self) -> bool:
        """Blocks the agreement: not tested, or failed without a reason written down."""
        return self.result is ToolTestResult.NOT_YET or (
            self.result is ToolTestResult.FAILED and not self.note.strip()
        )


NOT_TESTED = tuple(TestCell(actor) for actor in ACTORS)  # shared by every untested tool


@dataclass(frozen=True, slots=True)  # one per placement and chosen tool: 100,000s
class ToolUse:
    """One tool chosen for a placement: what it serves and its test with each actor."""

    tool_key: str
    name: str
    purposes: tuple[str, ...]  # labels, in the catalogue's order
    tests: tuple[TestCell, ...]  # one per actor, student, mentor, tutor

    @property
    def open(self) -> int:
        """Tests that block the agreement (see `ToolTestState.open`)."""
        return sum(t.open for t in self.tests)

    @property
    def last_tested(self) -> date | None:
        return max((t.tested_on for t in self.tests if t.tested_on), default=None)


def _uses(
    choices: Iterable[tuple[str, str]],
    tests: dict[str, tuple[TestCell, ...]],
    order: dict[str, int],
    labels: dict[str, str],
    names: dict[str, str],
) -> list[ToolUse]:
    """The test plan of one placement, as `tools.load_test_plan` builds it (`order`, `labels`:
    the catalogue's purposes; `names`: tool names found so far, filled as it goes)."""
    served: dict[str, list[str]] = {}
    for purpose, key in sorted(choices, key=lambda c: order.get(c[0], len(order))):
        served.setdefault(key, []).append(labels.get(purpose, purpose))
    uses = []
    for key, served_by in served.items():
        name = names.get(key)
        if name is None:
            name = names[key] = tool_name(key)
        uses.append(ToolUse(key, name, tuple(served_by), tests.get(key, NOT_TESTED)))
    return uses


def _tests_by_tool() -> Select[Any]:
    """Each chosen tool's three tests in one row (placement, tool, then result, date and note
    per actor): a pivot by GROUP BY, the same on SQLite and PostgreSQL."""
    t = ToolTest.__table__.c

    def of(actor: ProtocolActor, column: Any) -> Any:
        return func.max(case((t.actor == actor, column)), type_=column.type)

    return select(
        t.placement_id,
        t.tool_key,
        *(of(actor, column) for actor in ACTORS for column in (t.result, t.tested_on, t.note)),
    ).group_by(t.placement_id, t.tool_key)


def tools_data(
    db: Database, details: Sequence[PlacementDetail]
) -> list[tuple[PlacementDetail, list[ToolUse]]]:
    """The chosen tools of each selected placement with their tests, two queries for all."""
    wanted = {d.id for d in details}
    choices: dict[int, list[tuple[str, str]]] = {}
    tests: dict[int, dict[str, tuple[TestCell, ...]]] = {}
    c = ToolChoice.__table__.c
    # Test cells repeat: most are "passed" on some day with no note; one object each.
    cells: dict[tuple[object, ...], TestCell] = {}
    with db.session() as session, paused_gc():
        conn = session.connection().execution_options(stream_results=True, yield_per=10_000)
        for pid, purpose, key in conn.execute(select(c.placement_id, c.purpose, c.tool_key)):
            if pid in wanted:
                choices.setdefault(pid, []).append((purpose, key))
        for pid, key, *values in conn.execute(_tests_by_tool()):
            if pid not in choices:
                continue
            found = []
            for actor, (result, tested_on, note) in zip(
                ACTORS, (values[0:3], values[3:6], values[6:9]), strict=True
            ):
                found_key = (actor, result, tested_on, note)
                cell = cells.get(found_key)
                if cell is None:
                    cell = cells[found_key] = TestCell(
                        actor, result or ToolTestResult.NOT_YET, tested_on, note or ""
                    )
                found.append(cell)
            tests.setdefault(pid, {})[key] = tuple(found)
    order = {p.key: i for i, p in enumerate(purposes())}
    labels = {p.key: p.label for p in purposes()}
    names: dict[str, str] = {}
    with paused_gc():  # 100,000s of uses, which the cycle collector would pass over
        return [
            (d, _uses(choices[d.id], tests.get(d.id, {}), order, labels, names))
            if d.id in choices
            else (d, [])
            for d in details
        ]
