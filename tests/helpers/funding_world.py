"""A small known data set for the cost tests: three placements, one of each mode."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tests.helpers.factories import make_placement, make_student, make_world
from vipdesk.db import Database
from vipdesk.models import CostCategory, FundingKind, Mode, PeriodKind
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
