"""What the costs, funding, readiness and tools reports read in bulk: the same figures the
per-placement readers give, for the selected placements only, with shared costs still split
among everyone they are shared with."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import update

from tests.helpers.funding_world import add_cost, make_funding_world
from tests.helpers.questionnaires import best_answers, worst_answers
from vipdesk.db import Database
from vipdesk.models import (
    CostCategory,
    Mode,
    ProtocolActor,
    ReadinessParty,
    ReadinessResponse,
    ToolTestResult,
)
from vipdesk.services.jobs import CancelledError
from vipdesk.services.preparation.questionnaires import ReadinessLevel, default_library
from vipdesk.services.preparation.readiness import (
    complete_response,
    placement_readiness,
    save_progress,
    start_response,
)
from vipdesk.services.preparation.scores import COLUMNS as SCORE_COLUMNS
from vipdesk.services.preparation.scores import critical_answers, low_themes
from vipdesk.services.preparation.tools import (
    ToolTestState,
    load_test_plan,
    record_test,
    save_choices,
)
from vipdesk.services.reports.data import cost_data, funding_data, readiness_data, tools_data
from vipdesk.services.reports.filters import PlacementDetail, load_placement_details

D = Decimal


def only(details: list[PlacementDetail], *ids: int) -> list[PlacementDetail]:
    return [d for d in details if d.id in ids]


def test_costs_of_the_selection_keep_shared_items_split_among_all(db: Database) -> None:
    w = make_funding_world(db)
    add_cost(db, placement_id=w.virtual, amount=D("900.00"), source_id=w.erasmus)
    add_cost(db, category=CostCategory.SOFTWARE, amount=D("100.00"), share_year=2027)
    details = only(load_placement_details(db), w.virtual)
    data = cost_data(db, details)
    ((detail, cost),) = data.rows
    assert detail.id == w.virtual
    assert (cost.direct, cost.shared) == (D("900.00"), D("33.34"))  # a third of 100.00
    assert data.categories == [CostCategory.EQUIPMENT, CostCategory.SOFTWARE]
    assert data.by_category(cost) == [D("900.00"), D("33.34")]
    assert data.overall is not None
    assert (data.overall.participants, data.overall.total) == (1, D("933.34"))
    assert [a.label for a in data.by_mode] == [Mode.VIRTUAL.label]
    assert [(a.label, a.total) for a in data.by_source] == [
        ("Erasmus+ KA131 2026", D("900.00")),
        ("No funding source", D("33.34")),
    ]
    assert data.base == "EUR" and data.problems == []


def test_nothing_selected_is_no_figure(db: Database) -> None:
    make_funding_world(db)
    data = cost_data(db, [])
    assert (data.rows, data.overall, data.by_mode, data.categories) == ([], None, [], [])
    assert [s.selected_placements for s in funding_data(db, set()).sources] == [0]


def test_funding_shows_all_spent_and_what_the_selection_took(db: Database) -> None:
    w = make_funding_world(db)
    add_cost(db, placement_id=w.virtual, amount=D("900.00"), source_id=w.erasmus)
    add_cost(db, placement_id=w.physical, amount=D("4500.00"), source_id=w.erasmus)
    add_cost(db, placement_id=w.physical, amount=D("5.00"), currency="USD", source_id=w.erasmus)
    data = funding_data(db, [d.id for d in only(load_placement_details(db), w.virtual)])
    (source,) = data.sources
    assert (source.total.spent, source.total.overspent) == (D("5400.00"), True)
    assert (source.selected_spent, source.selected_placements) == (D("900.00"), 1)
    assert (source.period_start, source.period_end) == (date(2026, 6, 1), date(2028, 5, 31))
    assert [line.category for line in source.lines] == [CostCategory.EQUIPMENT]
    assert len(data.problems) == 2  # the USD item, in the budget and in the costs
    assert all("no exchange rate for USD" in p for p in data.problems)


def _complete(
    db: Database, placement_id: int, party: ReadinessParty, *, weak: bool = False
) -> None:
    state = start_response(db, placement_id, party, "Łukasz Żółć")
    questionnaire = default_library().for_party(party)
    # Weak: every answer at its weakest, so critical flags and low themes.
    answers = worst_answers(questionnaire) if weak else best_answers(questionnaire)
    complete_response(db, state.id, state.version, answers)


def _as_the_tab_reads_it(db: Database, placement_id: int) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for p in placement_readiness(db, placement_id):
        a, latest = p.assessment, p.latest
        out.append(
            (
                p.party,
                None if latest is None else p.level,
                None if latest is None else latest.respondent,
                None if latest is None else latest.completed_at,
                p.score,
                None if a is None else len(a.critical),
                None if a is None else critical_answers(a),
                None if a is None else low_themes(a),
                p.open is not None,
            )
        )
    return out


def test_readiness_in_bulk_equals_the_preparation_tabs_reading(any_db: Database) -> None:
    """On SQLite and PostgreSQL: the latest of each party is picked by a window function."""
    w = make_funding_world(any_db)
    _complete(any_db, w.virtual, ReadinessParty.STUDENT)
    _complete(any_db, w.virtual, ReadinessParty.STUDENT)  # reassessed: the latest counts
    _complete(any_db, w.blended, ReadinessParty.COMPANY, weak=True)
    started = start_response(any_db, w.blended, ReadinessParty.INSTITUTION, "محمد")
    save_progress(any_db, started.id, started.version, {"outcomes_defined": "yes"})
    _complete(any_db, w.physical, ReadinessParty.STUDENT)  # not selected
    details = only(load_placement_details(any_db), w.virtual, w.blended)
    bulk = readiness_data(any_db, details)
    assert [d.id for d, _ in bulk] == [d.id for d in details]
    for detail, parties in bulk:
        assert [tuple(p) for p in parties] == _as_the_tab_reads_it(any_db, detail.id)
    blended = dict(bulk[[d.id for d, _ in bulk].index(w.blended)][1][i][:2] for i in range(3))
    assert blended[ReadinessParty.COMPANY] is ReadinessLevel.BLOCKED
    assert blended[ReadinessParty.INSTITUTION] is None  # in progress only: not assessed


def test_a_response_stored_without_its_score_is_scored_from_its_answers(db: Database) -> None:
    """A completed response whose assessment was never stored (restored from before the
    columns existed, say) shows the same figures as the Preparation tab."""
    w = make_funding_world(db)
    _complete(db, w.virtual, ReadinessParty.COMPANY, weak=True)
    with db.session() as session:
        session.execute(update(ReadinessResponse).values(dict.fromkeys(SCORE_COLUMNS)))
    details = only(load_placement_details(db), w.virtual)
    ((_detail, parties),) = readiness_data(db, details)
    assert [tuple(p) for p in parties] == _as_the_tab_reads_it(db, w.virtual)
    assert parties[1].level is ReadinessLevel.BLOCKED and parties[1].critical_flags


def test_readiness_can_be_stopped(db: Database) -> None:
    w = make_funding_world(db)
    _complete(db, w.virtual, ReadinessParty.STUDENT)
    with pytest.raises(CancelledError):
        readiness_data(db, load_placement_details(db), should_cancel=lambda: True)


def test_tools_in_bulk_equal_the_test_plan(any_db: Database) -> None:
    w = make_funding_world(any_db)
    save_choices(any_db, w.virtual, {"social": "teams", "meetings": "teams", "fallback": "phone"})
    record_test(
        any_db,
        w.virtual,
        ToolTestState("teams", ProtocolActor.MENTOR, ToolTestResult.PASSED, date(2027, 1, 12)),
    )
    record_test(
        any_db,
        w.virtual,
        ToolTestState("teams", ProtocolActor.STUDENT, ToolTestResult.PASSED, date(2027, 1, 14)),
    )
    save_choices(any_db, w.physical, {"meetings": "zoom"})  # not selected
    details = only(load_placement_details(any_db), w.virtual, w.blended)
    bulk = dict((d.id, uses) for d, uses in tools_data(any_db, details))
    assert list(bulk) == [w.virtual, w.blended] and bulk[w.blended] == []
    teams, phone = bulk[w.virtual]
    assert (teams.name, teams.purposes) == (
        "Microsoft Teams",
        ("Meetings face to face", "Non-task talk"),
    )
    assert (teams.open, teams.last_tested) == (1, date(2027, 1, 14))  # the tutor is still open
    assert (phone.open, phone.last_tested) == (3, None)
    plan = {(s.tool_key, s.actor): s for s in load_test_plan(any_db, w.virtual)}
    for use in bulk[w.virtual]:
        for state in use.tests:
            assert (state.result, state.tested_on) == (
                plan[(use.tool_key, state.actor)].result,
                plan[(use.tool_key, state.actor)].tested_on,
            )
