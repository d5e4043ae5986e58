from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.funding_world import add_cost, cost, make_funding_world
from vipdesk.db import Database
from vipdesk.errors import ConflictError, ValidationError
from vipdesk.models import AllocationRule, CostCategory
from vipdesk.services.funding.sources import (
    SourceForm,
    delete_cost,
    delete_source,
    list_costs,
    list_sources,
    load_cost,
    load_source,
    save_cost,
    save_source,
    validate_cost,
    validate_source,
)

D = Decimal


def _messages(problems: list) -> dict[str, str]:  # type: ignore[type-arg]
    return {p.field: p.message for p in problems}


def test_validation_explains_negative_amounts_and_unknown_currencies() -> None:
    problems = _messages(validate_cost(cost(amount=D("-1.00"), currency="EUX", placement_id=1)))
    assert problems["amount"].startswith("The amount cannot be negative")
    assert problems["currency"] == "'EUX' is not an ISO 4217 currency code (e.g. EUR)."
    source = _messages(validate_source(SourceForm(name="X", amount_awarded=D("-5"))))
    assert source["amount_awarded"] == "The amount awarded cannot be negative."
    assert "period_start" in source


def test_staff_time_is_hours_times_rate() -> None:
    form = cost(
        category=CostCategory.STAFF_TIME, amount=None, hours=D("12.5"), hourly_rate=D("41.20")
    )
    form.placement_id = 1
    assert validate_cost(form) == []


def test_a_direct_cost_names_one_placement_or_is_shared() -> None:
    assert "shared_with" in _messages(validate_cost(cost()))
    both = cost(placement_id=1, shared_with=[2])
    assert "placement_id" in _messages(validate_cost(both))


def test_sources_and_costs_round_trip(any_db: Database) -> None:
    w = make_funding_world(any_db)
    source = load_source(any_db, w.erasmus)
    assert source.budget == {CostCategory.EQUIPMENT: D("1000.00")}
    source.budget[CostCategory.TRAVEL] = D("250.50")
    saved = save_source(any_db, source, "tester")
    assert saved.version == 2 and [s.name for s in list_sources(any_db)] == [source.name]
    with pytest.raises(ConflictError):
        save_source(any_db, source)  # still version 1
    item = add_cost(any_db, placement_id=w.virtual, source_id=w.erasmus, invoice_reference="INV-7")
    shared = add_cost(any_db, shared_with=[w.virtual, w.blended], rule=AllocationRule.CREDITS)
    form = load_cost(any_db, shared)
    assert form.shared and form.shared_with == [w.virtual, w.blended]
    assert [c.id for c in list_costs(any_db, placement_id=w.virtual)] == [item]
    with pytest.raises(ValidationError, match="pays for cost items"):
        delete_source(any_db, w.erasmus)
    delete_cost(any_db, item)
    delete_source(any_db, w.erasmus)
    assert len(list_costs(any_db)) == 1


def test_a_cost_outside_its_sources_period_is_refused(db: Database) -> None:
    w = make_funding_world(db)
    late = cost(placement_id=w.virtual, source_id=w.erasmus, spent_on=date(2028, 6, 1))
    with pytest.raises(ValidationError, match="outside the period of Erasmus"):
        save_cost(db, late)


def test_shares_changed_meanwhile_are_a_conflict_also_for_one_shared_login(
    any_db: Database,
) -> None:
    """Issue 19: a change of the placements a cost is shared among did not move its version."""
    world = make_funding_world(any_db)
    cost_id = add_cost(any_db, shared_with=[world.virtual, world.blended])
    before = load_cost(any_db, cost_id)
    before.description = "Laptops"
    save_cost(any_db, before, "office")  # the last save was this login's
    first, second = load_cost(any_db, cost_id), load_cost(any_db, cost_id)
    first.shared_with = [world.virtual, world.physical]
    save_cost(any_db, first, "office")
    second.shared_with = [world.blended, world.physical]
    with pytest.raises(ConflictError):
        save_cost(any_db, second, "office")
    assert load_cost(any_db, cost_id).shared_with == sorted([world.virtual, world.physical])


def test_over_long_references_and_notes_are_named_with_their_limits() -> None:
    """Issue 19: a reference over String(100) reached PostgreSQL as a raw DataError."""
    item = cost(placement_id=1, invoice_reference="r" * 101, notes="n" * 2_001)
    assert _messages(validate_cost(item)) == {
        "invoice_reference": "The invoice reference is longer than 100 characters.",
        "notes": "The notes are longer than 2,000 characters.",
    }
    source = SourceForm(
        name="Erasmus+",
        amount_awarded=D("1.00"),
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        reference="r" * 101,
    )
    assert _messages(validate_source(source)) == {
        "reference": "The reference is longer than 100 characters."
    }
