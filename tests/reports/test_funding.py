"""The funding report, read back: each source's award against spending, its budget lines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

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
from vipdesk.services.reports.filters import EQUITY_TITLES, ReportFilter

EUR = '#,##0.00 "EUR";[Red]-#,##0.00 "EUR"'


@pytest.fixture
def world(db: Database) -> ReportWorld:
    return make_report_world(db)


def test_sheets_title_author_and_a_chart(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "funding", tmp_path / "f.xlsx")
    check_workbook(
        path, "Funding: budget against actual", ["Filters", "Summary", "Sources", "Budget lines"]
    )


def test_sources_awarded_spent_remaining(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "funding", tmp_path / "f.xlsx")
    rows = table(path, "Sources")
    assert [r["Funding source"] for r in rows] == ["=City of Leuven grant", "Erasmus+ KA131 2026"]
    city, erasmus = rows
    assert (erasmus["Awarded"], erasmus["Spent"], erasmus["Remaining"]) == (5000, 2100, 2900)
    assert erasmus["Used"] == pytest.approx(0.42)
    assert erasmus["Kind"] == "Programme grant (e.g. Erasmus+)"
    assert erasmus["Reference"] == "KA131-HED-000042"
    assert erasmus["Period start"] == datetime(2026, 1, 1)
    assert (
        erasmus["Selected placements funded"],
        erasmus["Paid for selected placements (EUR)"],
    ) == (
        2,
        2100,
    )
    assert (city["Spent"], city["Remaining"], city["Overspent"]) == (300, 700, "No")
    ws = check_detail_sheet(path, "Sources")
    titles = [c.value for c in ws[1]]
    awarded = ws.cell(3, titles.index("Awarded") + 1)
    assert (awarded.number_format, awarded.data_type) == (EUR, "n")
    assert ws.cell(3, titles.index("Used") + 1).number_format == "0%"
    assert ws.cell(2, titles.index("Period end") + 1).is_date
    name = ws.cell(2, 1)
    assert (name.value, name.data_type) == ("=City of Leuven grant", "s")


def test_budget_lines_against_actual(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "funding", tmp_path / "f.xlsx")
    lines = {(r["Funding source"], r["Budget line"]): r for r in table(path, "Budget lines")}
    equipment = lines[("Erasmus+ KA131 2026", "Equipment")]
    assert (equipment["Budget"], equipment["Spent"], equipment["Remaining"]) == (1000, 900, 100)
    travel = lines[("Erasmus+ KA131 2026", "Travel for face-to-face periods")]
    assert (travel["Budget"], travel["Spent"], travel["Overspent"]) == (3000, 1200, "No")
    training = lines[("=City of Leuven grant", "Training")]
    assert (training["Budget"], training["Spent"], training["Remaining"]) == (0, 300, -300)
    # Issue 16: spending where the source set no budget line is not "overspent".
    assert training["Overspent"] == "No budget line"
    assert training["Used"] is None  # no budget: no share
    ws = check_detail_sheet(path, "Budget lines")
    assert ws.cell(2, 4).number_format == EUR


def test_summary_key_figures(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "funding", tmp_path / "f.xlsx")
    figures = block(path, "Key figure")
    assert figures["Funding sources"] == (2,)
    assert figures["Sources overspent"] == (0,)
    assert figures["Placements selected"] == (5,)
    assert figures["Paid for the selected placements"] == (2400,)
    sources = block(path, "Funding source")
    assert sources["Erasmus+ KA131 2026"] == ("EUR", 5000, 2100, 2900, pytest.approx(0.42))
    ws = load_workbook(path)["Summary"]
    assert next(c for c in ws["A"] if c.value == "=City of Leuven grant").data_type == "s"


def test_filters_choose_what_was_paid_for_the_selection(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "funding", tmp_path / "f.xlsx", filter=ReportFilter(year=2027))
    assert filters(path)["Placements selected"] == 3
    erasmus = table(path, "Sources")[1]
    assert erasmus["Spent"] == 2100  # a budget is the source's, whatever the filter
    assert erasmus["Selected placements funded"] == 0
    assert erasmus["Paid for selected placements (EUR)"] == 0


def test_no_sensitive_data(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "funding", tmp_path / "f.xlsx", include_sensitive=True)
    wb = load_workbook(path)
    for ws in wb:
        assert not set(EQUITY_TITLES) & {c.value for row in ws.iter_rows() for c in row}
    assert str(filters(path)["Sensitive data"]).startswith("None")


def test_large_amounts_never_show_as_hashes(world: ReportWorld, tmp_path: Path) -> None:
    """Issue 16: the summary's money columns were 13 characters wide; 12 million did not fit."""
    add_large_cost(world)
    path = export(world.db, "funding", tmp_path / "big.xlsx")
    for ws in load_workbook(path):
        assert numbers_too_wide(ws) == [], ws.title
