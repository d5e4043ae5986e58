"""A small known data set for the cost tests: three placements, one of each mode."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tests.helpers.factories import make_placement, make_student, make_world
from vipdesk.db import Database
from vipdesk.models import AllocationRule, CostCategory, FundingKind, Mode, PeriodKind
from vipdesk.services.funding.currency import set_rates
from vipdesk.services.funding.sources import CostForm, SourceForm, save_cost, save_source
from vipdesk.services.placements.records import PeriodForm


@dataclass
class FundingWorld:
    virtual: int
    blended: int
    physical: int
    erasmus: int


def make_funding_world(db: Database) -> FundingWorld:
    world = make_world(db)
    virtual = make_placement(db, world, ects_credits=Decimal(6))
    world.student_id = make_student(db)
    blended = make_placement(
        db,
        world,
        mode=Mode.BLENDED,
        ects_credits=Decimal(12),
        periods=[
            PeriodForm(PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 3, 31)),
            PeriodForm(PeriodKind.PHYSICAL, date(2027, 4, 1), date(2027, 5, 31)),
        ],
    )
    world.student_id = make_student(db)
    physical = make_placement(db, world, mode=Mode.PHYSICAL, ects_credits=Decimal(0))
    source = save_source(
        db,
        SourceForm(
            name="Erasmus+ KA131 2026",
            kind=FundingKind.PROGRAMME,
            currency="EUR",
            amount_awarded=Decimal("5000.00"),
            period_start=date(2026, 6, 1),
            period_end=date(2028, 5, 31),
            budget={CostCategory.EQUIPMENT: Decimal("1000.00")},
        ),
        "tester",
    )
    assert virtual.id and blended.id and physical.id and source.id
    return FundingWorld(virtual.id, blended.id, physical.id, source.id)


def cost(**changes: object) -> CostForm:
    form = CostForm(
        category=CostCategory.EQUIPMENT,
        description="Laptop",
        amount=Decimal("900.00"),
        currency="EUR",
        spent_on=date(2027, 1, 15),
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def add_cost(db: Database, **changes: object) -> int:
    saved = save_cost(db, cost(**changes), "tester")
    assert saved.id is not None
    return saved.id


def add_mixed_costs(db: Database, w: FundingWorld) -> int:
    """Costs that trip a sum made the wrong way: cents that floats do not hold (0.10, 0.20…),
    two currencies charged to each of two sources (EUR and GBP), an item without a rate (USD),
    and shared items (a year, a year and mode, a list) with and without a source. Returns the
    GBP source's id."""
    set_rates(
        db,
        [
            ("GBP", date(2026, 12, 1), Decimal("0.85")),
            ("GBP", date(2027, 1, 10), Decimal("0.87")),
            ("CHF", date(2027, 1, 1), Decimal("0.93")),
        ],
    )
    gbp = save_source(
        db,
        SourceForm(
            name="Turing Scheme",
            kind=FundingKind.GOVERNMENT,
            currency="GBP",
            amount_awarded=Decimal("900.00"),
            period_start=date(2026, 6, 1),
            period_end=date(2028, 5, 31),
            budget={CostCategory.TRAVEL: Decimal("400.00")},
        ),
        "tester",
    ).id
    assert gbp is not None
    placements = (w.virtual, w.blended, w.physical)
    for n in range(30):
        add_cost(
            db,
            placement_id=placements[n % 3],
            amount=Decimal("0.10") * (n % 4 + 1) + Decimal("0.01") * (n % 7),
            currency=("EUR", "GBP", "CHF")[n % 3 if n % 5 else 0],
            source_id=(w.erasmus, gbp, None)[n % 3],
            category=(CostCategory.EQUIPMENT, CostCategory.TRAVEL)[n % 2],
            spent_on=date(2027, 1, 1 + n % 28),
        )
    for _ in range(10):  # 0.1 added ten times is 0.9999999999999999 in floats
        add_cost(db, placement_id=w.blended, amount=Decimal("0.10"), source_id=w.erasmus,
                 category=CostCategory.MATERIALS)  # fmt: skip
    add_cost(db, placement_id=w.virtual, amount=Decimal("3.33"), currency="USD", source_id=gbp)
    add_cost(db, amount=Decimal("100.00"), share_year=2027, source_id=w.erasmus)
    add_cost(db, amount=Decimal("10.01"), currency="GBP", share_year=2027, source_id=gbp,
             share_mode=Mode.VIRTUAL)  # fmt: skip
    add_cost(db, amount=Decimal("7.00"), share_year=2027, rule=AllocationRule.CREDITS)
    add_cost(db, amount=Decimal("1.01"), currency="CHF", shared_with=[w.virtual, w.physical],
             source_id=gbp, rule=AllocationRule.FUNDED_DAYS)  # fmt: skip
    add_cost(db, amount=Decimal("5.00"), share_year=2031, source_id=w.erasmus)  # nobody
    return gbp
