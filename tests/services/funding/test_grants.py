from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.factories import make_placement, make_student, make_world
from tests.helpers.funding_world import make_funding_world
from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.models import CostCategory, Mode, PeriodKind
from vipdesk.services.funding.grant_tables import available_years, rate_table
from vipdesk.services.funding.grants import (
    GrantOptions,
    calculate_grant,
    organisational_support,
    physical_days,
)
from vipdesk.services.funding.placement_grant import grant_for_placement, record_grant
from vipdesk.services.funding.sources import list_costs

D = Decimal
TABLE = rate_table(2024)


def _individual(lines: tuple) -> Decimal:  # type: ignore[type-arg]
    return sum((x.amount for x in lines if x.label.startswith("Individual support")), D(0))


def test_the_rate_tables_are_data_per_call_year() -> None:
    assert 2024 in available_years()
    with pytest.raises(VipdeskError, match="no Erasmus\\+ rates for the call year 1999"):
        rate_table(1999)


def test_45_physical_days_in_germany_is_one_month_and_15_days() -> None:
    # A German trainee in group 2 gets EUR 690 a month: 540 individual support and the 150
    # traineeship top-up. 45 days: 540 + 15 x 18 and 150 + 15 x 5, 1,035 in all.
    result = calculate_grant(TABLE, Mode.PHYSICAL, "DE", 45, GrantOptions(2024))
    assert result.group == "2"
    first, extra = result.lines[:2]
    assert (first.quantity, first.rate, first.amount) == (1, D(540), D(540))
    assert (extra.quantity, extra.rate, extra.amount) == (15, D("18.00"), D("270.00"))
    assert _individual(result.lines) == D("810.00")
    # The traineeship top-up follows the same rule: 150 + 15 x 5.
    assert result.total == D("810.00") + D("225.00") == D("1035.00")


def test_group_1_and_the_top_ups() -> None:
    options = GrantOptions(2024, fewer_opportunities=True, green_travel=True, travel_days=6)
    result = calculate_grant(TABLE, Mode.PHYSICAL, "SE", 60, options)
    labels = {x.label: x for x in result.lines}
    assert labels["Individual support"].amount == D(1200)
    assert labels["Fewer opportunities top-up"].amount == D(500)
    assert labels["Green travel top-up"].amount == D(50)
    # At most 4 travel days, each a day of the stay: (600 + 150 + 250) / 30.
    days = labels["Green travel days"]
    assert (days.quantity, days.rate, days.amount) == (4, D("33.33"), D("133.33"))


def test_a_purely_virtual_placement_gets_nothing() -> None:
    result = calculate_grant(TABLE, Mode.VIRTUAL, "DE", 0, GrantOptions(2024, participant_number=1))
    assert result.total == 0 and result.lines == ()
    assert result.note == "A purely virtual placement gets no individual support."


def test_a_blended_placement_counts_only_its_physical_days() -> None:
    periods = [
        (PeriodKind.VIRTUAL, date(2027, 2, 1), date(2027, 3, 31)),
        (PeriodKind.PHYSICAL, date(2027, 4, 1), date(2027, 5, 15)),
    ]
    days = physical_days(Mode.BLENDED, date(2027, 2, 1), date(2027, 5, 15), periods)
    assert days == 45
    result = calculate_grant(TABLE, Mode.BLENDED, "DE", days, GrantOptions(2024))
    assert _individual(result.lines) == D("810.00") and result.total == D("1035.00")


def test_a_short_blended_stay_is_paid_by_the_day_plus_travel() -> None:
    # Travel support goes to short-term participants with fewer opportunities (Guide 2024,
    # Part B, higher education, Funding rules: Travel), here in the green band of 500-1999 km.
    options = GrantOptions(2024, distance_km=850, green_travel=True, fewer_opportunities=True)
    result = calculate_grant(TABLE, Mode.BLENDED, "PL", 20, options)
    amounts = [(x.quantity, x.rate, x.amount) for x in result.lines]
    assert amounts == [
        (14, D(79), D(1106)),
        (6, D(56), D(336)),
        (1, D(150), D(150)),
        (1, D(417), D(417)),
    ]


def test_organisational_support_tiers_at_the_100th_and_101st() -> None:
    assert organisational_support(TABLE, 100) == D(400)
    assert organisational_support(TABLE, 101) == D(230)
    result = calculate_grant(
        TABLE, Mode.PHYSICAL, "DE", 30, GrantOptions(2024, participant_number=101)
    )
    assert result.lines[-1].amount == D(230) and not result.lines[-1].to_student
    assert result.student_total == result.total - D(230)


def test_an_unknown_country_is_a_clear_error() -> None:
    with pytest.raises(VipdeskError, match="US is in none of the country groups"):
        calculate_grant(TABLE, Mode.PHYSICAL, "US", 30, GrantOptions(2024))


def test_grant_of_a_stored_placement_is_recorded_as_a_cost_item(any_db: Database) -> None:
    w = make_funding_world(any_db)
    virtual = grant_for_placement(any_db, w.virtual, GrantOptions(2024))
    assert virtual.total == 0
    result = grant_for_placement(any_db, w.physical, GrantOptions(2024))
    # 1 Feb to 31 May 2027 = 120 days = 4 months in Germany; the 2nd funded participant.
    assert result.lines[0].amount == D(2160)
    assert result.lines[-1].label == "Organisational support (participant 2)"
    saved = record_grant(any_db, w.physical, result, spent_on=date(2027, 2, 1), user="tester")
    assert saved.amount == result.student_total == D(2160) + D(600)
    (item,) = list_costs(any_db, placement_id=w.physical)
    assert item.category is CostCategory.STUDENT_GRANT and item.currency == "EUR"


def test_participants_are_counted_in_start_order(db: Database) -> None:
    world = make_world(db)
    first = make_placement(db, world, mode=Mode.PHYSICAL, planned_start=date(2027, 3, 1))
    world.student_id = make_student(db)
    earlier = make_placement(db, world, mode=Mode.PHYSICAL, planned_start=date(2027, 2, 1))
    assert first.id and earlier.id
    options = GrantOptions(2024)
    assert grant_for_placement(db, first.id, options).lines[-1].label.endswith("participant 2)")
    assert grant_for_placement(db, earlier.id, options).lines[-1].label.endswith("participant 1)")
