"""Worked examples of the Erasmus+ call 2024 rules, each citing the Programme Guide 2024,
Part B, "Mobility projects for higher education students and staff" (HE below)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.errors import GrantInputError
from vipdesk.models import Mode, PeriodKind
from vipdesk.services.funding.grant_tables import rate_table, rule_notes, table_for
from vipdesk.services.funding.grants import (
    GrantOptions,
    GrantResult,
    Stay,
    calculate_grant,
    month_days,
    stay_of,
)
from vipdesk.services.funding.placement_grant import grant_for_placement
from vipdesk.services.placements.records import PeriodForm

D = Decimal
TABLE = rate_table(2024)


def _amounts(result: GrantResult) -> list[tuple[str, int, Decimal, Decimal]]:
    return [(x.label, x.quantity, x.rate, x.amount) for x in result.lines]


def _physical(start: date, end: date) -> Stay:
    return stay_of(Mode.PHYSICAL, start, end, [])


def test_the_1035_example_45_days_in_group_2() -> None:
    # HE, Funding rules: Individual support, group 2 at the German agency's EUR 540 a month,
    # and the top-up for traineeships, EUR 150: a trainee gets 690 a month. An incomplete
    # month at 1/30 a day: 690 + 15 x 23 = 1,035.
    result = calculate_grant(
        TABLE, Mode.PHYSICAL, "AT", _physical(date(2026, 4, 1), date(2026, 5, 15)), GrantOptions()
    )
    assert _amounts(result) == [
        ("Individual support", 1, D(540), D(540)),
        ("Individual support, extra days", 15, D("18.00"), D("270.00")),
        ("Traineeship top-up", 1, D(150), D(150)),
        ("Traineeship top-up, extra days", 15, D("5.00"), D("75.00")),
    ]
    assert result.total == D(1035)
    assert result.lines[0].source == TABLE.rule("individual_support").source
    assert result.lines[1].source == TABLE.rule("incomplete_months").source
    assert result.group == "2" and result.physical_days == 45


def test_30_day_months_across_february() -> None:
    # HE, Funding rules: Individual support: each whole calendar month is a 30-day month, so
    # February counts 30 days: 1 Feb to 31 Mar is two months, not one and 29 days.
    assert month_days(date(2026, 2, 1), date(2026, 3, 31)) == 60
    assert month_days(date(2026, 2, 1), date(2026, 2, 28)) == 30
    assert month_days(date(2028, 2, 1), date(2028, 2, 29)) == 30  # a leap year
    assert month_days(date(2026, 1, 31), date(2026, 2, 28)) == 1 + 30
    assert month_days(date(2026, 9, 15), date(2026, 10, 14)) == 30
    stay = _physical(date(2026, 2, 1), date(2026, 3, 31))
    assert (stay.days, stay.month_days) == (59, 60)
    result = calculate_grant(TABLE, Mode.PHYSICAL, "DE", stay, GrantOptions())
    assert _amounts(result)[0] == ("Individual support", 2, D(540), D(1080))
    assert [x.label for x in result.lines] == ["Individual support", "Traineeship top-up"]
    # 1 Feb to 17 Mar 2026: one month (February) and 17 days of March.
    result = calculate_grant(
        TABLE, Mode.PHYSICAL, "DE", _physical(date(2026, 2, 1), date(2026, 3, 17)), GrantOptions()
    )
    assert _amounts(result)[1] == ("Individual support, extra days", 17, D("18.00"), D("306.00"))


def test_blended_12_physical_days_with_fewer_opportunities() -> None:
    # HE, Funding rules: short-term physical mobility: EUR 79 a day to the 14th day, and a
    # top-up of EUR 100 for 5-14 days to a participant with fewer opportunities.
    result = calculate_grant(TABLE, Mode.BLENDED, "DE", 12, GrantOptions(fewer_opportunities=True))
    assert _amounts(result) == [
        ("Individual support, days 1–12", 12, D(79), D(948)),
        ("Fewer opportunities top-up, 12 physical days", 1, D(100), D(100)),
    ]
    assert result.total == D(1048)
    assert result.lines[1].source == TABLE.rule("short_term_fewer_opportunities_top_up").source
    assert "EUR 100 for 5-14 days" in result.lines[1].source
    assert result.warnings == ("Give the travel distance to add the travel support.",)


def test_blended_20_physical_days_with_fewer_opportunities() -> None:
    # The same rule: EUR 56 a day from the 15th day, and EUR 150 for 15-30 days.
    result = calculate_grant(TABLE, Mode.BLENDED, "DE", 20, GrantOptions(fewer_opportunities=True))
    assert _amounts(result) == [
        ("Individual support, days 1–14", 14, D(79), D(1106)),
        ("Individual support, days 15–20", 6, D(56), D(336)),
        ("Fewer opportunities top-up, 20 physical days", 1, D(150), D(150)),
    ]
    without = calculate_grant(TABLE, Mode.BLENDED, "DE", 20, GrantOptions())
    assert result.total - without.total == D(150)


def test_travel_support_only_with_fewer_opportunities() -> None:
    # HE, Funding rules: Travel: within the Programme countries only short-term participants
    # with fewer opportunities get it, by distance band (100-499 km: EUR 211).
    plain = calculate_grant(TABLE, Mode.BLENDED, "DE", 10, GrantOptions(distance_km=420))
    assert [x.label for x in plain.lines] == ["Individual support, days 1–10"]
    assert plain.warnings == (
        "No travel support: it goes to short-term participants with fewer opportunities only.",
    )
    fewer = GrantOptions(distance_km=420, fewer_opportunities=True)
    result = calculate_grant(TABLE, Mode.BLENDED, "DE", 10, fewer)
    assert _amounts(result)[-1] == ("Travel support, 420 km", 1, D(211), D(211))
    assert result.lines[-1].source == TABLE.rule("travel_support").source
    near = calculate_grant(
        TABLE, Mode.BLENDED, "DE", 10, GrantOptions(distance_km=5, fewer_opportunities=True)
    )
    assert near.warnings == ("No travel support for 5 km: the bands start at 10 km.",)


def test_green_travel_with_travel_days() -> None:
    # HE, Funding rules: top-up for green travel: EUR 50 once and up to 4 extra days of
    # individual support, each a day of the stay: a trainee's (540 + 150) / 30 = EUR 23 a day.
    options = GrantOptions(green_travel=True, travel_days=3)
    stay = _physical(date(2026, 4, 1), date(2026, 6, 30))
    result = calculate_grant(TABLE, Mode.PHYSICAL, "DE", stay, options)
    assert _amounts(result)[-2:] == [
        ("Green travel top-up", 1, D(50), D(50)),
        ("Green travel days", 3, D("23.00"), D("69.00")),
    ]
    # Short-term: the travel days go on from the stay's days (the 15th and 16th at EUR 56).
    short = calculate_grant(
        TABLE, Mode.BLENDED, "DE", 14, GrantOptions(green_travel=True, travel_days=2)
    )
    assert _amounts(short)[-2:] == [
        ("Green travel top-up", 1, D(50), D(50)),
        ("Green travel days", 2, D(56), D(112)),
    ]
    # With travel support the green band replaces the one-off top-up.
    green = GrantOptions(green_travel=True, fewer_opportunities=True, distance_km=420)
    lines = calculate_grant(TABLE, Mode.BLENDED, "DE", 14, green).lines
    assert [x.label for x in lines][-1] == "Green travel support, 420 km"
    assert lines[-1].amount == D(285)


def test_a_purely_virtual_placement_gets_no_individual_support() -> None:
    # HE: only the physical mobility is funded; a purely virtual activity is not.
    result = calculate_grant(
        TABLE,
        Mode.VIRTUAL,
        "DE",
        stay_of(Mode.VIRTUAL, date(2026, 3, 2), date(2026, 6, 30), []),
        GrantOptions(participant_number=1),
    )
    assert result.lines == () and result.total == 0
    assert result.note == "A purely virtual placement gets no individual support."
    assert result.note_source == TABLE.rule("virtual").source


def test_a_zero_grant_participant_keeps_organisational_support() -> None:
    options = GrantOptions(zero_grant=True, participant_number=3)
    result = calculate_grant(TABLE, Mode.PHYSICAL, "DE", 90, options)
    assert _amounts(result) == [("Organisational support (participant 3)", 1, D(400), D(400))]
    assert result.student_total == 0
    assert result.note_source == TABLE.rule("zero_grant").source


def test_durations_outside_the_guide() -> None:
    # HE, Eligibility criteria: traineeships of 2 to 12 months; short-term blended 5-30 days.
    with pytest.raises(GrantInputError, match=r"^3 physical days is too short"):
        calculate_grant(TABLE, Mode.BLENDED, "DE", 3, GrantOptions())
    short = calculate_grant(TABLE, Mode.PHYSICAL, "DE", 45, GrantOptions())
    assert short.warnings[0].startswith("45 physical days is less than the 2 months")
    long = calculate_grant(TABLE, Mode.PHYSICAL, "DE", 400, GrantOptions())
    assert long.warnings[0].startswith("400 physical days is more than the 12 months")
    assert calculate_grant(TABLE, Mode.PHYSICAL, "DE", 60, GrantOptions()).warnings == ()


def test_countries_outside_the_groups() -> None:
    with pytest.raises(GrantInputError, match="US is in none of the country groups"):
        calculate_grant(TABLE, Mode.PHYSICAL, "US", 60, GrantOptions())
    with pytest.raises(GrantInputError, match="RE is an outermost region"):
        calculate_grant(TABLE, Mode.PHYSICAL, "re", 60, GrantOptions())
    # Third countries not associated, regions 14 and 13, and the usual aliases.
    assert TABLE.country_group("CH") == "1" and TABLE.country_group("UK") == "1"
    assert TABLE.country_group("SM") == "2" and TABLE.country_group("GR") == "2"


def test_the_table_is_chosen_by_the_start_date() -> None:
    assert table_for(date(2026, 3, 2)).year == 2024
    assert table_for(date(2024, 6, 1)).year == 2024
    with pytest.raises(GrantInputError) as caught:
        table_for(date(2026, 8, 1))
    assert str(caught.value) == (
        "No Erasmus+ rate table covers a start on 1 Aug 2026 (vipdesk has call 2024: "
        "1 Jun 2024 – 31 Jul 2026); choose a call year."
    )
    assert table_for(date(2027, 3, 1), 2024).year == 2024
    with pytest.raises(GrantInputError, match="no Erasmus\\+ rates for the call year 2019"):
        table_for(date(2019, 3, 1), 2019)


def test_every_rule_cites_the_guide_and_national_settings_say_so() -> None:
    for rule in TABLE.rules:
        assert rule.source.startswith("Erasmus+ Programme Guide 2024, Part B, Mobility projects")
    assert TABLE.rule("individual_support").set_by == "national agency"
    notes = dict(rule_notes(TABLE))
    assert notes["Individual support"].endswith("Set by the national agency.")
    assert notes["Traineeship top-up"] == f"Source: {TABLE.rule('traineeship_top_up').source}."


def test_a_stored_blended_placement_by_its_start_date(db: Database) -> None:
    placement = make_placement(
        db,
        make_world(db),
        mode=Mode.BLENDED,
        planned_start=date(2026, 3, 2),
        planned_end=date(2026, 4, 15),
        periods=[
            PeriodForm(PeriodKind.VIRTUAL, date(2026, 3, 2), date(2026, 4, 3)),
            PeriodForm(PeriodKind.PHYSICAL, date(2026, 4, 4), date(2026, 4, 15)),
        ],
    )
    assert placement.id
    result = grant_for_placement(db, placement.id, GrantOptions(fewer_opportunities=True))
    assert result.call_year == 2024 and result.physical_days == 12
    assert result.student_total == D(1048)
    assert result.lines[-1].label == "Organisational support (participant 1)"
