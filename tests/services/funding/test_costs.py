"""What placements cost: direct items and shares in the base currency, averages per group, and
budget against actual per funding source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.funding_world import add_cost, make_funding_world
from vipdesk.db import Database
from vipdesk.models import AllocationRule, CostCategory, Mode, Status
from vipdesk.services.funding.budget import BudgetRow, budget_report
from vipdesk.services.funding.costs import (
    Average,
    CostPart,
    CostReport,
    PlacementCost,
    PlacementFacts,
    average_by,
    by_country,
    by_mode,
    by_source,
    by_year,
    cost_report,
    weights_for,
)
from vipdesk.services.funding.currency import set_rates

D = Decimal


def facts(pid: int, **changes: object) -> PlacementFacts:
    values: dict[str, object] = {
        "id": pid,
        "reference": f"VIP-2027-{pid:05d}",
        "mode": Mode.VIRTUAL,
        "status": Status.ONGOING,
        "start": date(2027, 2, 1),
        "end": date(2027, 2, 28),
        "country": "PL",
        "credits": D(6),
    }
    values.update(changes)
    return PlacementFacts(**values)  # type: ignore[arg-type]


def part(pid: int, amount: str, shared: bool = False, source_id: int | None = None) -> CostPart:
    return CostPart(
        1, pid, D(amount), shared, CostCategory.EQUIPMENT, "Laptop", source_id, date(2027, 1, 5)
    )


def report(*costs: PlacementCost) -> CostReport:
    return CostReport(
        "EUR", {c.facts.id: c for c in costs}, [p for c in costs for p in c.parts], []
    )


# --- the pure figures ----------------------------------------------------------------------


def test_facts_count_days_inclusively_and_cancelled_is_no_participant() -> None:
    one = facts(1, start=date(2027, 2, 1), end=date(2027, 2, 1))
    assert (one.days, one.year, one.participant) == (1, 2027, True)
    assert facts(2).days == 28
    assert not facts(3, status=Status.CANCELLED).participant


@pytest.mark.parametrize(
    ("rule", "weights"),
    [
        (AllocationRule.EQUALLY, [D(1), D(1)]),
        (AllocationRule.FUNDED_DAYS, [D(28), D(1)]),
        (AllocationRule.CREDITS, [D(6), D("7.5")]),
    ],
)
def test_weights_by_rule(rule: AllocationRule, weights: list[Decimal]) -> None:
    two = [facts(1), facts(2, end=date(2027, 2, 1), credits=D("7.5"))]
    assert weights_for(rule, two) == weights
    assert weights_for(rule, []) == []


def test_a_placement_cost_is_direct_plus_shared() -> None:
    cost = PlacementCost(facts(1), [part(1, "900.00"), part(1, "33.34", shared=True)])
    assert (cost.direct, cost.shared, cost.total) == (D("900.00"), D("33.34"), D("933.34"))
    empty = PlacementCost(facts(2))
    assert (empty.direct, empty.shared, empty.total) == (D("0.00"), D("0.00"), D("0.00"))


def test_an_average_of_nobody_is_zero_and_rounds_to_the_cent() -> None:
    assert Average("Virtual", 0, D("0.00"), ()).average == D("0.00")
    assert Average("Virtual", 3, D("100.00"), (1, 2, 3)).average == D("33.33")


def test_groups_leave_cancelled_placements_out_and_keep_the_order_given() -> None:
    costs = report(
        PlacementCost(facts(1, country="PL"), [part(1, "100.00")]),
        PlacementCost(facts(2, country="SA", mode=Mode.PHYSICAL), [part(2, "300.00")]),
        PlacementCost(facts(3, country="CN", status=Status.CANCELLED), [part(3, "999.00")]),
        PlacementCost(facts(4, start=date(2028, 1, 3), end=date(2028, 2, 3)), []),
    )
    assert [(a.label, a.participants, a.total) for a in by_mode(costs)] == [
        ("Virtual", 2, D("100.00")),
        ("Physical", 1, D("300.00")),
    ]
    assert [a.label for a in by_country(costs)] == ["Poland", "Saudi Arabia"]
    assert [(a.label, a.placement_ids) for a in by_year(costs)] == [
        ("2027", (1, 2)),
        ("2028", (4,)),
    ]
    assert average_by(costs, lambda f: f.reference, ["nobody"]) == []


def test_sources_count_the_placements_they_paid_for() -> None:
    costs = report(
        PlacementCost(facts(1), [part(1, "100.00", source_id=9), part(1, "50.00", True)]),
        PlacementCost(facts(2), [part(2, "20.00", source_id=9)]),
    )
    rows = by_source(costs, {9: "Erasmus+ Łódź", 10: "Unused"})
    assert [(r.label, r.participants, r.total, r.source_id) for r in rows] == [
        ("Erasmus+ Łódź", 2, D("120.00"), 9),
        ("No funding source", 1, D("50.00"), None),
    ]
    assert costs.parts_behind([1], source_id=None) == [part(1, "50.00", True)]
    assert len(costs.parts_behind([1, 2])) == 3


@pytest.mark.parametrize(
    ("spent", "remaining", "overspent"),
    [("999.99", "0.01", False), ("1000.00", "0.00", False), ("1000.01", "-0.01", True)],
)
def test_budget_rows_overspent_only_beyond_the_budget(
    spent: str, remaining: str, overspent: bool
) -> None:
    row = BudgetRow("Equipment", "EUR", D("1000.00"), D(spent), 1)
    assert (row.remaining, row.overspent) == (D(remaining), overspent)


# --- from the database ---------------------------------------------------------------------


def test_cost_per_participant_by_mode_on_a_known_data_set(any_db: Database) -> None:
    w = make_funding_world(any_db)
    set_rates(any_db, [("PLN", date(2027, 1, 1), D("4.00"))])
    add_cost(any_db, placement_id=w.virtual, amount=D("400.00"), currency="PLN")  # 100 EUR
    add_cost(any_db, placement_id=w.physical, amount=D("2000.00"), source_id=w.erasmus)
    add_cost(any_db, amount=D("100.00"), share_year=2027)  # 33.34 + 33.33 + 33.33
    add_cost(any_db, amount=D("60.00"), share_year=2027, rule=AllocationRule.CREDITS)
    report = cost_report(any_db)
    assert report.problems == []
    assert report.placements[w.virtual].total == D("100.00") + D("33.34") + D("20.00")
    assert report.placements[w.physical].total == D("2000.00") + D("33.33")  # 0 credits
    modes = {a.label: a for a in by_mode(report)}
    assert list(modes) == ["Virtual", "Blended", "Physical"]
    assert modes["Blended"].average == D("73.33")  # 33.33 + 40.00
    assert sum(a.total for a in modes.values()) == D("2260.00")
    behind = report.parts_behind(modes["Physical"].placement_ids)
    assert sorted(p.amount for p in behind) == [D("0.00"), D("33.33"), D("2000.00")]
    sources = by_source(report, {w.erasmus: "Erasmus"})
    assert (sources[0].label, sources[0].total, sources[0].participants) == (
        "Erasmus",
        D("2000.00"),
        1,
    )
    assert Mode.VIRTUAL.label in modes


def test_budget_against_actual_warns_when_overspent(any_db: Database) -> None:
    w = make_funding_world(any_db)
    add_cost(any_db, placement_id=w.physical, amount=D("5200.00"), source_id=w.erasmus)
    budget = budget_report(any_db)
    row = budget.sources[0]
    assert (row.spent, row.remaining, row.overspent) == (D("5200.00"), D("-200.00"), True)
    line = budget.lines[w.erasmus][0]
    assert (line.category, line.budget, line.overspent) == (
        CostCategory.EQUIPMENT,
        D("1000.00"),
        True,
    )


def test_a_missing_rate_is_reported_not_guessed(db: Database) -> None:
    w = make_funding_world(db)
    add_cost(db, placement_id=w.virtual, amount=D("10.00"), currency="USD")
    report = cost_report(db)
    assert report.placements[w.virtual].total == 0
    assert report.problems == [
        "Laptop (15 Jan 2027): There is no exchange rate for USD on or before 15 Jan 2027 "
        "(against EUR). Enter one, or import them from a CSV file."
    ]


def test_a_cost_shared_in_a_year_without_placements_is_a_problem(db: Database) -> None:
    make_funding_world(db)
    add_cost(db, description="Licence 李", amount=D("100.00"), share_year=2030)
    report = cost_report(db)
    assert report.parts == []
    assert report.problems == [
        "Licence 李 (15 Jan 2027): There is nobody to share this cost among."
    ]


def test_a_year_share_by_mode_reaches_only_that_mode(db: Database) -> None:
    w = make_funding_world(db)
    add_cost(db, amount=D("90.00"), share_year=2027, share_mode=Mode.BLENDED)
    report = cost_report(db)
    assert [(p.placement_id, p.amount, p.shared) for p in report.parts] == [
        (w.blended, D("90.00"), True)
    ]


def test_without_sources_the_budget_is_empty(db: Database) -> None:
    assert budget_report(db).sources == [] and cost_report(db).placements == {}


def test_spending_without_a_budget_line_is_not_overspent(any_db: Database) -> None:
    """Issue 16: a category the source has no budget line for was flagged "overspent"."""
    w = make_funding_world(any_db)
    add_cost(
        any_db,
        placement_id=w.physical,
        amount=D("50.00"),
        source_id=w.erasmus,
        category=CostCategory.SOFTWARE,
    )
    lines = {line.category: line for line in budget_report(any_db).lines[w.erasmus]}
    software = lines[CostCategory.SOFTWARE]
    assert (software.budgeted, software.overspent, software.state) == (
        False,
        False,
        "no budget line",
    )
    assert lines[CostCategory.EQUIPMENT].state == ""  # within its budget
