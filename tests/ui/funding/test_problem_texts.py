"""What the funding services refuse or cannot count, worded by the interface: every template of
the services is in the catalogue, in English each reads as the service says it, and in German
no English is left."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import vipdesk.services.funding.allocation as allocation
import vipdesk.services.funding.budget as budget
import vipdesk.services.funding.costs as costs
import vipdesk.services.funding.currency as currency
import vipdesk.services.funding.placement_grant as placement_grant
import vipdesk.services.funding.sources as sources
from tests.helpers.phrases import templates_in
from tests.helpers.translations import interface_in
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.models import CostCategory
from vipdesk.services.funding.allocation import allocate
from vipdesk.services.funding.currency import RateTable, parse_rates_csv
from vipdesk.services.funding.sources import CostForm, SourcePeriod, validate_cost
from vipdesk.ui.funding.problem_texts import TEMPLATES
from vipdesk.ui.phrases import error_text, problem_text

MODULES = (allocation, budget, costs, currency, placement_grant, sources)
CALLS = {"said": 0, "FieldProblem.said": 1, "Phrase": 0, "on": 1, "problem": 1}


def test_the_interface_knows_every_template_of_the_funding_services() -> None:
    assert templates_in(MODULES, CALLS) == set(TEMPLATES)


def refusals() -> list[VipdeskError]:
    found: list[VipdeskError] = []
    with pytest.raises(VipdeskError) as missing:
        RateTable.of("EUR", []).rate("USD", date(2027, 1, 15))
    found.append(missing.value)
    with pytest.raises(VipdeskError) as nobody:
        allocate(Decimal("10.00"), [])
    found.append(nobody.value)
    with pytest.raises(ValidationError) as lines:
        parse_rates_csv("date,currency,rate\n2027-01-15,XYZ,1.1\nyesterday,USD,x\n")
    found.append(lines.value)
    return found


def test_a_refusal_reads_in_english_as_the_service_says_it() -> None:
    missing, nobody, lines = refusals()
    assert str(missing) == (
        "There is no exchange rate for USD on or before 15 Jan 2027 (against EUR). Enter one, "
        "or import them from a CSV file."
    )
    assert str(nobody) == "There is nobody to share this cost among."
    assert str(lines) == (
        "Line 2: 'XYZ' is not an ISO 4217 code.; "
        "Line 3: write the date as YYYY-MM-DD and the rate as 1.0825."
    )
    for error in (missing, nobody, lines):
        assert error_text(error) == str(error)


def late_cost() -> ValidationError:
    form = CostForm(
        category=CostCategory.MATERIALS,
        description="Laptop",
        amount=Decimal("-1"),
        spent_on=date(2027, 3, 1),
        placement_id=1,
    )
    period = SourcePeriod("Erasmus+ KA131 2026", date(2026, 6, 1), date(2027, 2, 28))
    return ValidationError(validate_cost(form, period))


def test_a_cost_s_problems_read_in_english_as_the_check_says_them() -> None:
    problems = late_cost().problems
    assert [problem_text(p) for p in problems] == [
        "The amount cannot be negative; enter a refund as its own note.",
        "01 Mar 2027 is outside the period of Erasmus+ KA131 2026 (01 Jun 2026 to 28 Feb 2027).",
    ]
    assert all(p.phrase is not None for p in problems)


def test_in_german_a_refusal_and_a_problem_keep_no_english(qapp: object, tmp_path: Path) -> None:
    nobody = refusals()[1]
    negative = late_cost().problems[0]
    with interface_in("de", tmp_path):
        worded = error_text(nobody), problem_text(negative)
    assert worded == (
        "Es gibt niemanden, auf den diese Kosten aufgeteilt werden können.",
        "Der Betrag darf nicht negativ sein; erfassen Sie eine Rückerstattung als eigene Notiz.",
    )
