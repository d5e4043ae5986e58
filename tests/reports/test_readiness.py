"""The readiness report, read back: score, critical flags and band per placement and party."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.report_world import (
    ReportWorld,
    block,
    check_detail_sheet,
    check_workbook,
    export,
    filters,
    make_report_world,
    table,
)
from vipdesk.db import Database
from vipdesk.models import Status
from vipdesk.services.reports.filters import EQUITY_TITLES, ReportFilter


@pytest.fixture
def world(any_db: Database) -> ReportWorld:
    """On SQLite and PostgreSQL: the bulk queries read enum and time columns as plain rows."""
    return make_report_world(any_db)


def test_sheets_title_author_and_a_chart(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "readiness", tmp_path / "r.xlsx")
    check_workbook(path, "Readiness of placements", ["Filters", "Summary", "Readiness"])


def test_one_row_per_placement_and_party(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "readiness", tmp_path / "r.xlsx")
    rows = {(r["Reference"], r["Party"]): r for r in table(path, "Readiness")}
    assert len(rows) == 15
    ready = rows[("VIP-2026-00001", "Sending institution")]
    assert (ready["Score"], ready["Band"], ready["Critical flags"]) == (100, "Ready", 0)
    assessed = ready["Assessed on"]
    assert isinstance(assessed, datetime)
    assert abs((assessed.date() - date.today()).days) <= 1  # a UTC date
    blocked = rows[("VIP-2026-00002", "Student")]
    assert (blocked["Score"], blocked["Band"], blocked["Critical flags"]) == (92, "Blocked", 1)
    assert str(blocked["Critical answers"]).endswith("— No")
    assert "internet" in str(blocked["Critical answers"])
    assert blocked["Respondent"] == "=Respondent"
    open_ = rows[("VIP-2026-00002", "Sending institution")]
    assert (open_["Band"], open_["Score"], open_["Questionnaire in progress"]) == (
        "Not assessed",
        None,
        "Yes",
    )
    assert rows[("VIP-2027-00003", "Host organisation")]["Band"] == "Not assessed"
    ws = check_detail_sheet(path, "Readiness")
    titles = [c.value for c in ws[1]]
    score = ws.cell(2, titles.index("Score") + 1)
    assert (score.value, score.data_type, score.number_format) == (100, "n", "0")
    assert ws.cell(2, titles.index("Assessed on") + 1).is_date
    respondent = next(c for c in ws["H"] if c.value == "=Respondent")
    assert respondent.data_type == "s"


def test_summary_counts_by_band(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "readiness", tmp_path / "r.xlsx")
    figures = block(path, "Key figure")
    assert figures["Placements"] == (5,)
    assert figures["Placements: ready"] == (1,)
    assert figures["Placements: blocked"] == (1,)
    assert figures["Placements: not assessed"] == (3,)
    assert figures["Placements: needs attention"] == (0,)
    parties = block(path, "Party")
    assert parties["Student"] == (1, 0, 1, 3, 96)
    assert parties["Host organisation"] == (2, 0, 0, 3, 100)
    assert parties["Sending institution"] == (1, 0, 0, 4, 100)
    ws = load_workbook(path)["Summary"]
    assert ws._charts[0].grouping == "stacked"


def test_filters_choose_the_placements(world: ReportWorld, tmp_path: Path) -> None:
    flt = ReportFilter(status=Status.SIGNED)
    path = export(world.db, "readiness", tmp_path / "r.xlsx", filter=flt)
    assert {r["Reference"] for r in table(path, "Readiness")} == {"VIP-2026-00002"}
    values = filters(path)
    assert values["Status"] == "Signed"
    assert values["Placements in this report"] == 1


def test_no_sensitive_data(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "readiness", tmp_path / "r.xlsx", include_sensitive=True)
    titles = next(load_workbook(path)["Readiness"].iter_rows(values_only=True))
    assert not set(EQUITY_TITLES) & set(titles)
    assert str(filters(path)["Sensitive data"]).startswith("None")
