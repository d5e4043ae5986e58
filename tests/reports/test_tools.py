"""The tools report, read back: chosen tools per placement, their purposes and tests."""

from __future__ import annotations

from datetime import datetime
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
from vipdesk.services.reports.filters import EQUITY_TITLES, ReportFilter


@pytest.fixture
def world(any_db: Database) -> ReportWorld:
    """On SQLite and PostgreSQL: the bulk queries read enum and time columns as plain rows."""
    return make_report_world(any_db)


def test_sheets_title_author_and_a_chart(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "tools", tmp_path / "t.xlsx")
    check_workbook(path, "Tools and their tests", ["Filters", "Summary", "Tools"])


def test_tools_purposes_and_tests_per_actor(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "tools", tmp_path / "t.xlsx")
    rows = table(path, "Tools")
    first = [r for r in rows if r["Reference"] == "VIP-2026-00001"]
    assert [(r["Tool"], r["Purposes"]) for r in first] == [
        ("Microsoft Teams", "Meetings face to face, Non-task talk"),
        ("E-mail", "Reports and formal exchange"),
    ]
    email = first[1]
    assert (
        email["Test: student"],
        email["Test: company mentor"],
        email["Test: academic tutor"],
    ) == (
        "Passed",
        "Passed",
        "Failed",
    )
    assert email["Open tests"] == 0  # failed with a reason: it may stand
    assert email["Last tested"] == datetime(2026, 1, 21)
    assert email["Notes"] == "Academic tutor: =SUM(A1) blocked by the university"
    zoom = next(r for r in rows if r["Reference"] == "VIP-2026-00002")
    assert (zoom["Tool"], zoom["Test: company mentor"], zoom["Open tests"]) == (
        "Zoom",
        "Not yet",
        2,
    )
    none = next(r for r in rows if r["Reference"] == "VIP-2027-00001")
    assert (none["Tool"], none["Purposes"], none["Open tests"]) == (
        None,
        "No tools chosen yet",
        None,
    )
    assert len(rows) == 6
    ws = check_detail_sheet(path, "Tools")
    titles = [c.value for c in ws[1]]
    assert ws.cell(2, titles.index("Last tested") + 1).is_date
    assert ws.cell(2, titles.index("Open tests") + 1).data_type == "n"
    evil = next(c for c in ws["B"] if c.value == "=Evil @Name")
    assert evil.data_type == "s"


def test_summary_most_used_tools_and_share_tested(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "tools", tmp_path / "t.xlsx")
    figures = block(path, "Key figure")
    assert figures["Placements with tools chosen"] == (2,)
    assert figures["Placements with every test done"] == (1,)
    assert figures["Tests planned (tool × actor)"] == (9,)
    assert figures["Share tested"] == (pytest.approx(7 / 9),)
    assert figures["Share passed"] == (pytest.approx(6 / 9),)
    tools = block(path, "Most used tools")
    assert list(tools) == ["E-mail", "Microsoft Teams", "Zoom"]
    assert tools["Zoom"] == (1, pytest.approx(0.2), pytest.approx(1 / 3))
    assert block(path, "Tests by actor")["Academic tutor"] == (1, 1, 1)
    ws = load_workbook(path)["Summary"]
    share = next(row for row in ws.iter_rows() if row[0].value == "Share tested")[1]
    assert share.number_format == "0%"


def test_filters_choose_the_placements(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "tools", tmp_path / "t.xlsx", filter=ReportFilter(text="zoë"))
    assert [r["Tool"] for r in table(path, "Tools")] == ["Zoom"]
    assert filters(path)["Search text"] == "“zoë”"


def test_no_sensitive_data(world: ReportWorld, tmp_path: Path) -> None:
    path = export(world.db, "tools", tmp_path / "t.xlsx", include_sensitive=True)
    titles = next(load_workbook(path)["Tools"].iter_rows(values_only=True))
    assert not set(EQUITY_TITLES) & set(titles)
