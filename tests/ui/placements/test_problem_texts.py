"""What the services find wrong with a placement, worded by the interface: every template of
the services is in the catalogue, and in English each problem reads as the service says it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import vipdesk.services.placements.records as records
from tests.helpers.phrases import templates_in
from vipdesk.models import Mode, PeriodKind
from vipdesk.services.placements.records import PeriodForm, PlacementForm, validate
from vipdesk.ui.phrases import problem_text
from vipdesk.ui.placements.problem_texts import TEMPLATES


def service_templates() -> set[str]:
    said = templates_in((records,), {"said": 1, "on": 1, "problem": 1})
    return said | set(records._DELETED.values())


def test_the_interface_knows_every_problem_the_placement_service_says() -> None:
    assert service_templates() == set(TEMPLATES)


def test_each_problem_reads_in_english_as_the_service_says_it() -> None:
    forms = [
        PlacementForm(),  # nothing chosen or entered
        PlacementForm(
            title="x" * 201,
            description="d" * 20_000,
            notes="n" * 20_000,
            planned_start=date(2027, 3, 1),
            planned_end=date(2027, 2, 1),
            hours_per_week=80,
            ects_credits=Decimal("7.55"),
        ),
        PlacementForm(ects_credits=Decimal(61)),
        PlacementForm(
            mode=Mode.BLENDED,
            planned_start=date(2027, 2, 1),
            planned_end=date(2027, 5, 31),
            periods=[
                PeriodForm(PeriodKind.PHYSICAL, date(2027, 1, 1), date(2027, 2, 10)),
                PeriodForm(PeriodKind.PHYSICAL, date(2027, 2, 5), date(2027, 2, 20)),
                PeriodForm(PeriodKind.PHYSICAL, date(2027, 3, 5), date(2027, 3, 1)),
                PeriodForm(PeriodKind.PHYSICAL, None, None),
            ],
        ),
    ]
    said = [problem for form in forms for problem in validate(form)]
    assert len({p.phrase.template for p in said if p.phrase}) >= 15
    for problem in said:
        assert problem.phrase is not None
        assert problem_text(problem) == problem.message
