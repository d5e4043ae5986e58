"""The placements overview, read back as a reader's spreadsheet program would see it."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.helpers.sheet_world import add_parties, add_placements
from vipdesk.db import Database
from vipdesk.errors import VipdeskError
from vipdesk.models import Mode, Status
from vipdesk.reports.kinds import (
    ALL_KINDS,
    TITLES,
    ReportOptions,
    export_report,
    report_kind,
)
from vipdesk.reports.placements import DETAIL_TITLES, book
from vipdesk.reports.workbook import write_book
from vipdesk.services.jobs import CancelledError
from vipdesk.services.reports.filters import EQUITY_TITLES, ReportFilter, load_placement_details


@pytest.fixture
def world(db: Database) -> Database:
    add_placements(db, add_parties(db))
    return db


def export(db: Database, path: Path, **options: object) -> Path:
    export_report(db, "placements", path, ReportOptions(**options))  # type: ignore[arg-type]
    return path


def detail(path: Path) -> list[dict[str, object]]:
    ws = load_workbook(path)["Placements"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_three_sheets_with_title_and_author(world: Database, tmp_path: Path) -> None:
    wb = load_workbook(export(world, tmp_path / "r.xlsx"))
    assert wb.sheetnames == ["Filters", "Summary", "Placements"]
    assert wb.properties.title == "Placements overview"
    assert wb.properties.creator == "vipdesk"


def test_the_first_sheet_says_which_filters_made_the_report(
    world: Database, tmp_path: Path
) -> None:
    flt = ReportFilter(
        text="=cmd", status=Status.SIGNED, mode=Mode.BLENDED, year=2026, country="fr"
    )
    ws = load_workbook(export(world, tmp_path / "r.xlsx", filter=flt))["Filters"]
    values = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}
    assert values["Search text"] == "“=cmd”"
    assert values["Status"] == "Signed"
    assert values["Mode"] == "Blended"
    assert values["Year (planned start)"] == "2026"
    assert values["Host country"] == "France (FR)"
    assert values["Placements in this report"] == 0  # "=cmd" matches nothing
    assert "Left out" in str(values["Sensitive data"])


def test_no_filters_is_said_too(world: Database, tmp_path: Path) -> None:
    ws = load_workbook(export(world, tmp_path / "r.xlsx"))["Filters"]
    values = {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}
    assert values["Search text"] == "None"
    assert values["Status"] == "All statuses"
    assert values["Host country"] == "All countries"
    assert values["Placements in this report"] == 5


def test_detail_rows_are_real_dates_and_numbers(world: Database, tmp_path: Path) -> None:
    path = export(world, tmp_path / "r.xlsx")
    ws = load_workbook(path)["Placements"]
    assert [c.value for c in ws[1]] == list(DETAIL_TITLES)
    first = {title: cell for title, cell in zip(DETAIL_TITLES, ws[2], strict=True)}
    assert first["Reference"].value == "VIP-2026-00001"
    assert first["Student"].value == "Łukasz Żółć"
    assert first["E-mail"].value == "lukasz@student.example"
    assert first["Country"].value == "Germany"
    assert first["Mode"].value == "Virtual"
    assert first["Status"].value == "Ongoing"
    assert first["Planned start"].value == datetime(2026, 2, 2)
    assert first["Planned start"].is_date
    assert first["Planned start"].number_format == "yyyy-mm-dd"
    assert first["Planned end"].value == datetime(2026, 5, 29)
    assert first["Weeks"].value == pytest.approx(16.7)  # 117 days
    assert first["Weeks"].number_format == "0.0"
    assert first["Hours/week"].value == 20
    assert first["Hours/week"].data_type == "n"
    assert first["ECTS"].value == 7.5
    assert first["ECTS"].data_type == "n"
    assert first["ECTS"].number_format == "0.0"
    assert first["Mentor"].value == "Jürgen Weiß <juergen@nordlicht.example>"
    assert first["Institution"].value == "KU Leuven"
    blended = detail(path)[1]
    assert blended["Blended periods"] == (
        "virtual 2026-09-01 to 2026-10-30; physical 2026-11-02 to 2026-12-18"
    )
    assert detail(path)[2]["ECTS"] is None  # none given: an empty cell, not 0


def test_frozen_header_autofilter_and_fitting_widths(world: Database, tmp_path: Path) -> None:
    ws = load_workbook(export(world, tmp_path / "r.xlsx"))["Placements"]
    assert ws.freeze_panes == "A2"
    last = get_column_letter(len(DETAIL_TITLES))
    assert ws.auto_filter.ref == f"A1:{last}6"
    width = {
        title: ws.column_dimensions[get_column_letter(i)].width
        for i, title in enumerate(DETAIL_TITLES, start=1)
    }
    assert width["Title"] >= len("Data analyst intern — customer churn")
    assert width["E-mail"] >= len("lukasz@student.example")
    assert width["Hours/week"] >= len("Hours/week")  # the header fits
    assert width["Reference"] < width["Title"]
    assert all(ws.column_dimensions[get_column_letter(i)].width <= 60 for i in range(1, 18))
    assert ws[1][0].font.b  # bold header


def test_printed_on_a4_one_page_wide_detail_landscape_with_its_header_on_every_page(
    world: Database, tmp_path: Path
) -> None:
    """Issue 16: the detail sheet printed portrait (six columns or fewer) on the program's
    default paper, Letter in a US locale; every sheet now prints on A4."""
    wb = load_workbook(export(world, tmp_path / "r.xlsx"))
    detail = wb["Placements"]
    assert (detail.page_setup.orientation, detail.page_setup.paperSize) == ("landscape", 9)  # 9: A4
    assert (detail.page_setup.fitToWidth, detail.page_setup.fitToHeight) == (1, 0)
    assert detail.sheet_properties.pageSetUpPr.fitToPage
    assert detail.print_title_rows == "$1:$1"
    assert wb["Filters"].page_setup.orientation == "portrait"
    assert all(ws.page_setup.paperSize == 9 for ws in wb)


def test_text_that_looks_like_a_formula_stays_text(world: Database, tmp_path: Path) -> None:
    path = export(world, tmp_path / "r.xlsx")
    ws = load_workbook(path)["Placements"]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None}
    for text in (
        '=HYPERLINK("http://evil.example")',
        "-5 apples and +3 pears",
        "@home research",
        "=Evil @Name",
    ):
        assert cells[text].data_type == "s", text
        assert cells[text].quotePrefix, text
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name  # no formula anywhere


def test_summary_key_figures_and_charts(world: Database, tmp_path: Path) -> None:
    wb = load_workbook(export(world, tmp_path / "r.xlsx"))
    ws = wb["Summary"]
    rows = [row for row in ws.iter_rows(values_only=True) if row and row[0] is not None]
    values = {row[0]: row[1] for row in rows if len(row) > 1}
    assert values["Placements"] == 5
    assert values["Total ECTS credits"] == 35  # 7.5 + 15 + 2.5 + 10
    assert values["Placements with ECTS credits"] == 4
    assert values["Average hours per week"] == 25
    assert values["Ongoing"] == 1 and values["Cancelled"] == 1 and values["Completed"] == 0
    assert values["Virtual"] == 3 and values["Blended"] == 1 and values["Physical"] == 1
    assert values[2026] == 2 and values[2027] == 3
    assert values["Germany"] == 2 and values["France"] == 2 and values["Austria"] == 1
    figure = {c.value: c for c in ws["A"]}
    average = ws.cell(row=figure["Average duration (weeks)"].row, column=2)
    assert average.number_format == "0.0"
    assert len(ws._charts) == 4  # status, mode, year, country


def test_sensitive_flags_only_when_asked(world: Database, tmp_path: Path) -> None:
    plain = load_workbook(export(world, tmp_path / "plain.xlsx"))["Placements"]
    assert [c.value for c in plain[1]] == list(DETAIL_TITLES)
    path = export(world, tmp_path / "sensitive.xlsx", include_sensitive=True)
    rows = detail(path)
    assert list(rows[0])[-4:] == list(EQUITY_TITLES)
    zoe = next(r for r in rows if r["E-mail"] == "zoe@student.example")
    assert zoe["Disability"] == "Yes" and zoe["Fewer opportunities"] == "No"
    filters = load_workbook(path)["Filters"]
    assert any("Included" in str(c.value) for c in filters["B"])


def test_filters_choose_the_rows(world: Database, tmp_path: Path) -> None:
    path = export(world, tmp_path / "r.xlsx", filter=ReportFilter(year=2027, country="DE"))
    assert [r["Reference"] for r in detail(path)] == ["VIP-2027-00002"]
    path = export(world, tmp_path / "s.xlsx", filter=ReportFilter(text="lukasz lumiere"))
    assert [r["Reference"] for r in detail(path)] == ["VIP-2027-00003"]


def test_an_empty_selection_still_makes_a_readable_report(db: Database, tmp_path: Path) -> None:
    wb = load_workbook(export(db, tmp_path / "empty.xlsx"))
    assert wb["Placements"].max_row == 1
    assert wb["Summary"]["B5"].value == 0


def test_cancel_leaves_no_file_and_keeps_an_old_one(world: Database, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    target = folder / "r.xlsx"
    target.write_bytes(b"the old report")
    details = load_placement_details(world)
    calls = iter(range(100))
    with pytest.raises(CancelledError):
        write_book(target, book(details * 1000), should_cancel=lambda: next(calls) > 2)
    assert target.read_bytes() == b"the old report"
    assert sorted(p.name for p in folder.iterdir()) == ["r.xlsx"]


def test_a_missing_folder_is_one_clear_message(world: Database, tmp_path: Path) -> None:
    with pytest.raises(VipdeskError, match="does not exist"):
        export(world, tmp_path / "nowhere" / "r.xlsx")


def test_every_kind_is_known_with_its_title(world: Database, tmp_path: Path) -> None:
    assert ALL_KINDS == (
        "placements",
        "costs",
        "funding",
        "readiness",
        "tools",
        "evaluation",
        "monitoring",
    )
    for kind in ALL_KINDS:
        assert report_kind(kind).title == TITLES[kind]
    with pytest.raises(VipdeskError, match="There is no 'grants' report; choose one of"):
        export_report(world, "grants", tmp_path / "x.xlsx")
    with pytest.raises(VipdeskError, match="Reports are Excel workbooks"):
        export_report(world, "costs", tmp_path / "x.csv")
    assert list(tmp_path.glob("x.*")) == []


def test_the_sheet_tells_its_size_up_front(world: Database, tmp_path: Path) -> None:
    """Readers in read-only mode need the <dimension> to avoid a scan of the whole sheet."""
    path = export(world, tmp_path / "r.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet3.xml")
    assert b'<dimension ref="A1:Q6"/>' in sheet
