"""`vipdesk grant`: each line with its source and the total, JSON for scripts, exit 2 on bad
input. The worked examples cite the Erasmus+ Programme Guide 2024, Part B, "Mobility projects
for higher education students and staff", Funding rules."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli import vipdesk
from vipdesk.cli import main
from vipdesk.services.funding.grant_tables import rate_table

BLENDED_12 = [
    "grant",
    "--country",
    "DE",
    "--start",
    "2026-03-02",
    "--end",
    "2026-04-15",
    "--mode",
    "blended",
    "--physical-days",
    "12",
    "--fewer-opportunities",
]
RULES = rate_table(2024)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_each_line_with_its_source_and_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    # Short-term physical mobility: 12 days at EUR 79 and EUR 100 for fewer opportunities.
    code, out, err = run(capsys, *BLENDED_12)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "Erasmus+ grant, call 2024: 12 physical days, country group 2 "
        "(German national agency (DAAD), call 2024)"
    )
    assert lines[1].split() == [
        "Individual",
        "support,",
        "days",
        "1–12",
        "12",
        "days",
        "×",
        "79.00",
        "=",
        "948.00",
        "EUR",
    ]
    assert lines[2] == f"      source: {RULES.rule('short_term_individual_support').source}"
    assert lines[3].split()[-3:] == ["=", "100.00", "EUR"]
    assert lines[4] == (
        f"      source: {RULES.rule('short_term_fewer_opportunities_top_up').source}"
    )
    assert lines[5] == "  Note: Give the travel distance to add the travel support."
    assert lines[-1] == "Total: 1,048.00 EUR"


def test_twenty_physical_days_and_json_for_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    args = [*BLENDED_12, "--json", "--distance-km", "650", "--participant", "101"]
    args[args.index("12")] = "20"
    code, out, _ = run(capsys, *args)
    assert code == 0
    data = json.loads(out)
    assert [(x["label"], x["amount"]) for x in data["lines"]] == [
        ("Individual support, days 1–14", "1106.00"),
        ("Individual support, days 15–20", "336.00"),
        ("Fewer opportunities top-up, 20 physical days", "150.00"),
        ("Travel support, 650 km", "309.00"),
        ("Organisational support (participant 101)", "230.00"),
    ]
    assert data["total"] == "2131.00" and data["student_total"] == "1901.00"
    assert data["lines"][3]["source"] == RULES.rule("travel_support").source
    assert data["call_year"] == 2024 and data["country_group"] == "2"


def test_a_purely_virtual_placement(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "grant",
        "--country",
        "DE",
        "--start",
        "2026-03-02",
        "--end",
        "2026-06-30",
        "--mode",
        "virtual",
    )
    assert code == 0
    assert out.splitlines()[1:] == [
        "  A purely virtual placement gets no individual support.",
        f"      source: {RULES.rule('virtual').source}",
        "Total: 0.00 EUR",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--country", "US"), "US is in none of the country groups of the call 2024 rates."),
        (("--end", "2026-02-27"), "--end 2026-02-27 is before --start 2026-03-02."),
        (
            ("--physical-days", "3"),
            "3 physical days is too short: the Programme Guide funds physical stays of 5 days "
            "or more (5 to 30 in a blended placement).",
        ),
        (
            ("--start", "2026-3-2"),
            "--start: '2026-3-2' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-02.",
        ),
        (
            ("--physical-days", "60"),
            "--physical-days: choose from 1 to 45, the days from start to end.",
        ),
        (("--travel-days", "2"), "--travel-days: extra travel days come with --green-travel."),
        (("--call-year", "2019"), "There are no Erasmus+ rates for the call year 2019."),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], change: tuple[str, str], message: str
) -> None:
    args = list(BLENDED_12)
    if change[0] in args:
        args[args.index(change[0]) + 1] = change[1]
    else:
        args += change
    code, out, err = run(capsys, *args)
    assert (code, out, err) == (2, "", f"vipdesk: {message}\n")


def test_no_table_for_the_start_date(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "grant",
        "--country",
        "DE",
        "--start",
        "2026-09-01",
        "--end",
        "2026-12-31",
        "--mode",
        "physical",
    ]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err == (
        "vipdesk: No Erasmus+ rate table covers a start on 1 Sep 2026 (vipdesk has call 2024: "
        "1 Jun 2024 – 31 Jul 2026); choose a call year.\n"
    )
    code, out, _ = run(capsys, *args, "--call-year", "2024")
    assert code == 0 and out.splitlines()[1].split()[:4] == ["Individual", "support", "4", "months"]


def test_the_installed_command_exits_2() -> None:
    result = vipdesk(
        "grant",
        "--country",
        "RE",
        "--start",
        "2026-03-02",
        "--end",
        "2026-05-31",
        "--mode",
        "physical",
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("vipdesk: RE is an outermost region")
    assert len(result.stderr.splitlines()) == 1


def test_a_long_stay_says_how_its_30_day_months_count(capsys: pytest.CaptureFixture[str]) -> None:
    # 2 Mar to 15 Apr: 45 calendar days, but one whole month (2 Mar - 1 Apr) and 14 days.
    code, out, _ = run(
        capsys,
        "grant",
        "--country",
        "DE",
        "--start",
        "2026-03-02",
        "--end",
        "2026-04-15",
        "--mode",
        "physical",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert (data["physical_days"], data["days_in_30_day_months"]) == (45, 44)
    code, out, _ = run(
        capsys,
        "grant",
        "--country",
        "DE",
        "--start",
        "2026-03-02",
        "--end",
        "2026-04-15",
        "--mode",
        "physical",
    )
    assert code == 0
    assert out.startswith(
        "Erasmus+ grant, call 2024: 45 physical days (counted as 1 month and 14 days), "
        "country group 2"
    )
