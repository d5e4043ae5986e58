"""What the costs, funding, readiness and tools reports read, in bulk, for selected placements.

The placements come from `reporting.load_placement_details`, so every report holds the rows the
user saw in the list. The figures are those of the services that own them — cost shares as
`funding_costs` splits them, budget against actual from `budget_report`, readiness scores as
`preparation.scores` stored them when each questionnaire was completed, test states from
`tools` — but read with a few queries for all placements at once: their per-placement readers
would run 100,000 queries. Money is summed by the database where it can be (`reports.costs`:
whole cents with GROUP BY), not part by part.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Connection, Select, func, select

from vipdesk.db import Database
from vipdesk.models import (
    CostCategory,
    FundingKind,
    Mode,
    ProtocolActor,
    ReadinessAnswer,
    ReadinessParty,
    ReadinessResponse,
    ResponseStatus,
    Status,
    ToolChoice,
    ToolTest,
    ToolTestResult,
)
from vipdesk.services.funding.budget import BudgetRow, budget_report
from vipdesk.services.funding.costs import (
    ZERO,
    Average,
)
from vipdesk.services.funding.currency import base_currency
from vipdesk.services.funding.sources import list_sources
from vipdesk.services.jobs import ShouldCancel, Steps, paused_gc
from vipdesk.services.preparation.questionnaires import (
    AnswerValue,
    QuestionnaireLibrary,
    ReadinessLevel,
    default_library,
)
from vipdesk.services.preparation.scores import score_columns
from vipdesk.services.preparation.tool_catalogue import purposes, tool_name
from vipdesk.services.preparation.tools import ToolTestState
from vipdesk.services.reports.costs import PlacementSums, paid_by_source, selected_costs
from vipdesk.services.reports.filters import PlacementDetail

# --- costs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostData:
    """Cost per participant of the selected placements, in the base currency."""

    base: str
    rows: list[tuple[PlacementDetail, PlacementSums]]
    overall: Average | None  # every selected participant (cancelled placements left out)
    by_mode: list[Average]
    by_year: list[Average]
    by_country: list[Average]
    by_source: list[Average]
    categories: list[CostCategory]  # those with any amount, in the enum's order
    problems: list[str]  # cost items that could not be converted or shared

    def by_category(self, cost: PlacementSums) -> list[Decimal]:
        """The placement's costs in each of `categories`."""
        return [cost.categories.get(c, ZERO) for c in self.categories]


def source_names(db: Database) -> dict[int, str]:
    return {s.id: s.name for s in list_sources(db) if s.id is not None}


Rows = list[tuple[PlacementDetail, PlacementSums]]


def _averages(
    rows: Rows, key: Callable[[PlacementDetail], str], order: list[str] | None = None
) -> list[Average]:
    """Average total cost per participant (cancelled placements left out) in each group, as
    `funding_costs.average_by` makes them."""
    groups: dict[str, list[tuple[int, Decimal]]] = {}
    for d, sums in rows:
        if sums.participant:
            groups.setdefault(key(d), []).append((d.id, sums.total))
    labels = [label for label in order if label in groups] if order else sorted(groups)
    return [
        Average(
            label,
            len(groups[label]),
            sum((total for _, total in groups[label]), ZERO),
            tuple(sorted(pid for pid, _ in groups[label])),
        )
        for label in labels
    ]


def cost_data(db: Database, details: Sequence[PlacementDetail]) -> CostData:
    """The costs of the selected placements: summed by the database where they are direct and
    in the base currency, converted or split one item at a time otherwise (`selected_costs`),
    and averaged per group over those sums."""
    with paused_gc():  # 100,000s of sums: the cycle collector would pass over them again
        costs = selected_costs(db, {d.id: d.status is not Status.CANCELLED for d in details})
        rows = [(d, costs.sums[d.id]) for d in details]
        overall = _averages(rows, lambda _d: "All placements")
        names: list[tuple[int | None, str]] = [*source_names(db).items()]
        by_source = [
            Average(name, paid.placements, paid.total, tuple(sorted(costs.funded[sid])), sid)
            for sid, name in [*names, (None, "No funding source")]
            if (paid := costs.paid.get(sid)) is not None
        ]
        return CostData(
            base=base_currency(db),
            rows=rows,
            overall=overall[0] if overall else None,
            by_mode=_averages(rows, lambda d: d.mode.label, [m.label for m in Mode]),
            by_year=_averages(rows, lambda d: str(d.start.year)),
            by_country=_averages(rows, lambda d: d.country),
            by_source=by_source,
            categories=[c for c in CostCategory if c in costs.categories],
            problems=costs.problems,
        )


# --- funding -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFigures:
    """A funding source: awarded against spent in its own currency (all its costs), and what
    it paid for the selected placements in the base currency."""

    total: BudgetRow
    lines: list[BudgetRow]
    kind: FundingKind
    reference: str
    period_start: date
    period_end: date
    selected_spent: Decimal
    selected_placements: int


@dataclass(frozen=True)
class FundingData:
    base: str
    sources: list[SourceFigures]
    problems: list[str]


def funding_data(db: Database, placement_ids: Collection[int]) -> FundingData:
    """Every source's budget against actual, and what it paid for the selected placements
    (ids); summed by the database (`budget_report`, `paid_by_source`), not item by item."""
    budget = budget_report(db)
    paid, problems = paid_by_source(db, set(placement_ids))
    forms = {s.id: s for s in list_sources(db)}
    sources = []
    for row in budget.sources:
        form = forms[row.source_id]
        assert form.period_start is not None and form.period_end is not None  # NOT NULL
        share = paid.get(row.source_id)
        sources.append(
            SourceFigures(
                total=row,
                lines=budget.lines.get(row.source_id, []),
                kind=form.kind,
                reference=form.reference,
                period_start=form.period_start,
                period_end=form.period_end,
                selected_spent=share.total if share else ZERO,
                selected_placements=share.placements if share else 0,
            )
        )
    return FundingData(base_currency(db), sources, [*budget.problems, *problems])


# --- readiness -----------------------------------------------------------------------------


PARTIES = tuple(ReadinessParty)


class PartyScore(NamedTuple):
    """A party's readiness as the report shows it: its latest completed questionnaire's stored
    assessment (`preparation.scores`), and whether a questionnaire is in progress."""

    party: ReadinessParty
    level: ReadinessLevel | None  # None: not assessed yet
    respondent: str | None = None
    completed_at: datetime | None = None
    score: int | None = None
    critical_flags: int | None = None
    critical_answers: str | None = None
    low_themes: str | None = None
    open: bool = False


def _latest_responses() -> Select[Any]:
    """Each party's latest completed response and its response in progress (at most one), by
    a window over every placement's responses, the same on SQLite and PostgreSQL."""
    r = ReadinessResponse.__table__.c
    rank = func.row_number().over(
        partition_by=(r.placement_id, r.party, r.status),
        order_by=(r.completed_at.desc(), r.id.desc()),
    )
    ranked = select(
        r.placement_id, r.party, r.status, r.id, r.respondent, r.completed_at, r.level, r.score,
        r.critical_flags, r.critical_answers, r.low_themes, rank.label("rank"),
    ).subquery()  # fmt: skip
    return select(*(c for c in ranked.c if c.name != "rank")).where(ranked.c.rank == 1)


def _scored_now(
    conn: Connection, ids: Collection[int], lib: QuestionnaireLibrary
) -> dict[int, Any]:
    """The assessment columns of completed responses stored without them (one restored from
    before they were stored, say), scored from their answers as the Preparation tab does."""
    out: dict[int, Any] = {}
    r, a = ReadinessResponse.__table__.c, ReadinessAnswer.__table__.c
    for first in range(0, len(ids), ANSWER_BATCH):
        batch = sorted(ids)[first : first + ANSWER_BATCH]
        answers: dict[int, dict[str, AnswerValue]] = {rid: {} for rid in batch}
        for rid, key, text, number in conn.execute(
            select(a.response_id, a.item_key, a.value_text, a.value_number).where(
                a.response_id.in_(batch)
            )
        ):
            answers[rid][key] = number if number is not None else (text or "")
        for rid, qid, version in conn.execute(
            select(r.id, r.questionnaire_id, r.questionnaire_version).where(r.id.in_(batch))
        ):
            out[rid] = score_columns(lib.get(qid, version), answers[rid])
    return out


ANSWER_BATCH = 500  # responses scored from their answers at once (IN lists stay short)


def readiness_data(
    db: Database,
    details: Sequence[PlacementDetail],
    library: QuestionnaireLibrary | None = None,
    should_cancel: ShouldCancel | None = None,
) -> list[tuple[PlacementDetail, list[PartyScore]]]:
    """Student, host and institution of each selected placement: the band, score and flags
    of each party's latest completed questionnaire, as stored when it was completed, and
    whether one is in progress; one query for all, streamed from the cursor."""
    wanted = {d.id for d in details}
    found: dict[tuple[int, ReadinessParty], PartyScore] = {}
    open_: set[tuple[int, ReadinessParty]] = set()
    unscored: list[tuple[int, ReadinessParty, int]] = []
    steps = Steps(len(details), "Reading readiness", should_cancel=should_cancel, every=2000)
    levels = {level.value: level for level in ReadinessLevel}
    with db.session() as session, paused_gc():
        conn = session.connection().execution_options(stream_results=True, yield_per=10_000)
        for count, row in enumerate(conn.execute(_latest_responses()), start=1):
            if count % 20_000 == 0:
                steps.check()
            pid, party = row.placement_id, row.party
            if pid not in wanted:
                continue
            if row.status is not ResponseStatus.COMPLETED:
                open_.add((pid, party))
                continue
            if row.level is None:
                unscored.append((pid, party, row.id))
            found[pid, party] = PartyScore(
                party, levels.get(row.level), row.respondent, row.completed_at, row.score,
                row.critical_flags, row.critical_answers, row.low_themes,
            )  # fmt: skip
        if unscored:
            stored = _scored_now(conn, [rid for *_, rid in unscored], library or default_library())
            for pid, party, rid in unscored:
                columns = stored[rid]
                found[pid, party] = found[pid, party]._replace(
                    level=levels[columns.pop("level")], **columns
                )
    out = []
    for d in details:
        parties = []
        for party in PARTIES:
            key = (d.id, party)
            score = found.get(key) or PartyScore(party, None)
            parties.append(score._replace(open=True) if key in open_ else score)
        out.append((d, parties))
        steps.step()
    return out


# --- tools ---------------------------------------------------------------------------------

ACTORS = tuple(ProtocolActor)


@dataclass(frozen=True)
class ToolUse:
    """One tool chosen for a placement: what it serves and its test with each actor."""

    tool_key: str
    name: str
    purposes: tuple[str, ...]  # labels, in the catalogue's order
    tests: tuple[ToolTestState, ...]  # one per actor, student, mentor, tutor

    @property
    def open(self) -> int:
        """Tests that block the agreement (see `ToolTestState.open`)."""
        return sum(t.open for t in self.tests)

    @property
    def last_tested(self) -> date | None:
        return max((t.tested_on for t in self.tests if t.tested_on), default=None)


def _uses(
    choices: Iterable[tuple[str, str]],
    tests: dict[tuple[str, ProtocolActor], ToolTestState],
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
        uses.append(
            ToolUse(
                key,
                name,
                tuple(served_by),
                tuple(tests.get((key, actor)) or ToolTestState(key, actor) for actor in ACTORS),
            )
        )
    return uses


def tools_data(
    db: Database, details: Sequence[PlacementDetail]
) -> list[tuple[PlacementDetail, list[ToolUse]]]:
    """The chosen tools of each selected placement with their tests, two queries for all."""
    wanted = {d.id for d in details}
    choices: dict[int, list[tuple[str, str]]] = {}
    tests: dict[int, dict[tuple[str, ProtocolActor], ToolTestState]] = {}
    c, t = ToolChoice.__table__.c, ToolTest.__table__.c
    with db.session() as session, paused_gc():
        conn = session.connection()
        for pid, purpose, key in conn.execute(select(c.placement_id, c.purpose, c.tool_key)):
            if pid in wanted:
                choices.setdefault(pid, []).append((purpose, key))
        query = select(
            t.placement_id, t.tool_key, t.actor, t.result, t.tested_on, t.note, t.version,
            t.updated_by,
        )  # fmt: skip
        for pid, key, actor, result, tested_on, note, version, user in conn.execute(query):
            if pid in choices:
                tests.setdefault(pid, {})[(key, actor)] = ToolTestState(
                    key, actor, ToolTestResult(result), tested_on, note or "", version, user
                )
    order = {p.key: i for i, p in enumerate(purposes())}
    labels = {p.key: p.label for p in purposes()}
    names: dict[str, str] = {}
    with paused_gc():  # 100,000s of test states, which the cycle collector would pass over
        return [
            (d, _uses(choices.get(d.id, ()), tests.get(d.id, {}), order, labels, names))
            if d.id in choices
            else (d, [])
            for d in details
        ]
