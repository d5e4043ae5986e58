"""The costs report, read back: cost per participant by group and per placement, in EUR."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.phrases import templates_in
from tests.helpers.report_world import (
    ReportWorld,
    add_large_cost,
    block,
    check_detail_sheet,
    check_workbook,
    export,
    filters,
    make_report_world,
    numbers_too_wide,
    table,
)
from vipdesk.db import Database
from vipdesk.documents.report_language import catalogue
from vipdesk.errors import VipdeskError
from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.models import Mode
from vipdesk.services.funding import allocation
from vipdesk.services.funding.costs import cost_problem
from vipdesk.services.funding.currency import MissingRateError
from vipdesk.services.jobs import CancelledError
from vipdesk.services.reports.filters import EQUITY_TITLES, ReportFilter

EUR = '#,##0.00 "EUR";[Red]-#,##0.00 "EUR"'


@pytest.fixture
def world(db: Database) -> ReportWorld:
    return make_report_world(db)


def test_sheets_title_author_and_a_chart(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "costs", tmp_path / "c.xlsx")
    check_workbook(path, "Cost per participant", ["Filters", "Summary", "Placements"])


def test_cost_per_participant_by_group(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "costs", tmp_path / "c.xlsx")
    figures = block(path, "Key figure")
    # Four participants (the cancelled placement is not one): 900 + 1,500 + 150 + 150.
    assert figures["Participants"] == (4,)
    assert figures["Total cost"] == (2700,)
    assert figures["Cost per participant"] == (675,)
    assert figures["Direct costs"] == (2400,)
    assert figures["Shares of shared costs"] == (300,)
    assert block(path, "Mode") == {
        "Virtual": (2, 1050, 525),
        "Blended": (1, 1500, 1500),
        "Physical": (1, 150, 150),
    }
    assert block(path, "Year (planned start)") == {2026: (2, 2400, 1200), 2027: (2, 300, 150)}
    assert block(path, "Host country") == {
        "Austria": (1, 150, 150),
        "France": (2, 1650, 825),
        "Germany": (1, 900, 900),
    }
    assert block(path, "Funding source") == {
        "=City of Leuven grant": (1, 300, 300),
        "Erasmus+ KA131 2026": (2, 2100, 1050),
        "No funding source": (2, 300, 150),
    }
    ws = load_workbook(path)["Summary"]
    money = [c for row in ws.iter_rows(min_col=3, max_col=4) for c in row if c.value is not None]
    assert {c.number_format for c in money if isinstance(c.value, int | float)} == {EUR}
    source = next(c for c in ws["A"] if c.value == "=City of Leuven grant")
    assert source.data_type == "s"


def test_one_row_per_placement_with_its_costs(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "costs", tmp_path / "c.xlsx")
    rows = {r["Reference"]: r for r in table(path, "Placements")}
    assert list(rows) == [
        "VIP-2026-00001",
        "VIP-2026-00002",
        "VIP-2027-00001",
        "VIP-2027-00002",
        "VIP-2027-00003",
    ]
    second = rows["VIP-2026-00002"]
    assert second["Planned start"] == datetime(2026, 9, 1)
    assert (second["Direct costs (EUR)"], second["Shared costs (EUR)"]) == (1500, 0)
    assert second["Training"] == 300
    assert (second["Travel for face-to-face periods"], second["Equipment"]) == (1200, 0)
    assert rows["VIP-2027-00002"]["Participant"] == "No (cancelled)"
    assert rows["VIP-2027-00002"]["Total (EUR)"] == 0
    assert rows["VIP-2027-00003"]["Software and licences"] == 150
    ws = check_detail_sheet(path, "Placements")
    titles = [c.value for c in ws[1]]
    assert titles[-4:] == [
        "Equipment",
        "Software and licences",
        "Training",
        "Travel for face-to-face periods",
    ]
    total = ws.cell(2, titles.index("Total (EUR)") + 1)
    assert (total.value, total.number_format, total.data_type) == (900, EUR, "n")
    assert ws.cell(2, titles.index("Planned start") + 1).is_date
    evil = next(c for c in ws["B"] if c.value == "=Evil @Name")
    assert evil.data_type == "s"


def test_filters_choose_the_placements_not_their_shares(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "costs", tmp_path / "c.xlsx", filter=ReportFilter(year=2027))
    values = filters(path)
    assert values["Year (planned start)"] == "2027"
    assert values["Placements in this report"] == 3
    assert values["Participants"] == 2
    assert block(path, "Key figure")["Cost per participant"] == (150,)  # still 300 / 2
    flt = ReportFilter(mode=Mode.VIRTUAL, country="fr")
    path = export(world.db, "costs", tmp_path / "fr.xlsx", filter=flt)
    assert [r["Reference"] for r in table(path, "Placements")] == ["VIP-2027-00003"]
    assert filters(path)["Host country"] == "France (FR)"


def test_no_sensitive_data_even_when_allowed(world: ReportWorld, tmp_path: Path) -> None:
    for allowed in (False, True):
        path = export(world.db, "costs", tmp_path / "c.xlsx", include_sensitive=allowed)
        titles = next(load_workbook(path)["Placements"].iter_rows(values_only=True))
        assert not set(EQUITY_TITLES) & set(titles)
        assert str(filters(path)["Sensitive data"]).startswith("None")


def test_an_empty_database_still_makes_a_report(db: Database, tmp_path: Path) -> None:
    path = export(db, "costs", tmp_path / "c.xlsx")
    assert filters(path)["Participants"] == 0
    assert table(path, "Placements") == []


def test_cancel_leaves_no_file(world: ReportWorld, tmp_path: Path) -> None:
    from vipdesk.reports.kinds import export_report

    with pytest.raises(CancelledError):
        export_report(world.db, "costs", tmp_path / "c.xlsx", should_cancel=lambda: True)
    assert list(tmp_path.glob("*.xlsx")) == []


def test_unconverted_costs_are_named_on_the_first_sheet(world: ReportWorld, tmp_path: Path) -> None:
    from vipdesk.models import CostCategory
    from vipdesk.services.funding.sources import CostForm, save_cost

    save_cost(
        world.db,
        CostForm(
            category=CostCategory.TRAINING,
            description="Course in Kraków",
            amount=Decimal("400.00"),
            currency="PLN",
            spent_on=datetime(2026, 5, 4).date(),
            placement_id=world.ids["VIP-2026-00001"],
        ),
    )
    path = export(world.db, "costs", tmp_path / "c.xlsx")
    assert "Course in Kraków (04 May 2026): There is no exchange rate for PLN" in str(
        filters(path)["Not counted"]
    )
    assert block(path, "Key figure")["Total cost"] == (2700,)
    # in the report's language, the cost's own name as typed
    polish = export(world.db, "costs", tmp_path / "pl.xlsx", language="pl")
    sheet = load_workbook(polish).worksheets[0]  # "Filtry": the sheet names are Polish too
    note = next(
        str(c) for row in sheet.iter_rows(values_only=True) for c in row if c and "Kraków" in str(c)
    )
    assert "Course in Kraków (4 maj 2026): Brak kursu wymiany dla PLN w dniu 4 maj 2026" in note
    assert "exchange rate" not in note


def test_every_reason_a_cost_is_not_counted_is_in_every_report_language() -> None:
    """The Filters sheet says why in the report's language: each sentence the funding services
    can give for a cost left out is in every report catalogue."""
    missing_rate = MissingRateError("USD", date(2026, 1, 1), "EUR").phrase
    assert missing_rate is not None
    reasons = templates_in((allocation,), {"said": 0}) | {
        missing_rate.template,
        cost_problem("x", date(2026, 1, 1), VipdeskError("y")).template,
        "{source}: {cost}: {problem}",  # the budget's, per source
    }
    assert len(reasons) == 7
    for language in sorted(set(LANGUAGES) - {ENGLISH}):
        assert reasons <= set(catalogue(language)), language


def test_large_amounts_never_show_as_hashes(world: ReportWorld, tmp_path: Path) -> None:
    """Issue 16: the summary's money columns were 13 characters wide; 12 million did not fit."""
    add_large_cost(world)
    path = export(world.db, "costs", tmp_path / "big.xlsx")
    for ws in load_workbook(path):
        assert numbers_too_wide(ws) == [], ws.title
