"""Reports in the seven languages: every fixed text translated, names and figures as recorded."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.report_world import check_detail_sheet, numbers_too_wide
from tests.helpers.translations import check_same_texts
from vipdesk.db import Database, open_database
from vipdesk.documents.report_language import catalogue, report_language
from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.reports.kinds import ReportOptions, export_report
from vipdesk.services.demo.generate import generate_demo

TRANSLATED = sorted(code for code in LANGUAGES if code != ENGLISH)
KINDS = ("placements", "costs", "funding", "readiness", "tools", "evaluation", "monitoring")
SHEETS = (
    "Filters", "Summary", "Placements", "Readiness", "Tools", "Sources", "Budget lines",
    "By host", "By mode", "By country", "By year", "Evaluations",
)  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}")
    generate_demo(db, 120, seed=4, today=date(2026, 12, 4))
    return db


def test_every_language_has_the_same_texts_with_the_same_placeholders() -> None:
    check_same_texts({code: catalogue(code) for code in TRANSLATED})


@pytest.mark.parametrize("code", TRANSLATED)
def test_sheet_names_fit_excel(code: str) -> None:
    names = [catalogue(code)[name] for name in SHEETS]
    assert len(set(names)) == len(names), names
    for name in names:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\"), name


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_fixed_text_of_any_report_is_left_untranslated(
    demo: Database, code: str, tmp_path: Path
) -> None:
    missing: set[str] = set()
    with report_language(code, missing=missing):
        for kind in KINDS:
            options = ReportOptions(language=code, include_sensitive=True)
            export_report(demo, kind, tmp_path / f"{kind}.xlsx", options)
    assert missing == set()


def test_a_polish_report_has_polish_sheets_headers_and_charts_and_real_numbers_and_dates(
    demo: Database, tmp_path: Path
) -> None:
    polish = catalogue("pl")
    path = tmp_path / "placements.xlsx"
    export_report(demo, "placements", path, ReportOptions(language="pl"))
    wb = load_workbook(path)
    assert wb.sheetnames == [polish["Filters"], polish["Summary"], polish["Placements"]]
    detail = wb[polish["Placements"]]
    header = [cell.value for cell in detail[1]]
    assert header[:2] == [polish["Reference"], polish["Student"]]
    assert polish["Planned start"] in header and "Planned start" not in header
    row = {title: cell.value for title, cell in zip(header, detail[2], strict=True)}
    assert isinstance(row[polish["Planned start"]], datetime)
    assert isinstance(row[polish["Weeks"]], float)
    assert row[polish["Status"]] in {
        polish[s]
        for s in (
            "Draft",
            "Completed",
            "Ongoing",
            "Preparing",
            "Signed",
            "Evaluating",
            "Agreement sent",
            "Cancelled",
        )
    }
    summary = wb[polish["Summary"]]
    titles = [_chart_title(chart) for chart in summary._charts]
    assert polish["Placements by status"] in titles
    assert summary["A1"].value == polish["{title}: key figures"].format(
        title=polish["Placements overview"]
    )
    assert wb.properties.title == polish["Placements overview"]
    check_detail_sheet(path, polish["Placements"])  # widths fit the Polish headers
    for ws in wb:
        assert numbers_too_wide(ws) == []


def test_english_stays_the_default(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "tools.xlsx"
    export_report(demo, "tools", path)
    assert load_workbook(path, read_only=True).sheetnames == ["Filters", "Summary", "Tools"]


def test_the_command_line_writes_a_german_report_and_refuses_an_unknown_language(
    demo: Database, tmp_path: Path
) -> None:
    url = str(demo.engine.url)
    out = tmp_path / "costs.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "vipdesk", "--database", url, "report", "costs", "--out", str(out),
         "--language", "de"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert load_workbook(out, read_only=True).sheetnames[1] == catalogue("de")["Summary"]
    refused = subprocess.run(
        [sys.executable, "-m", "vipdesk", "--database", url, "report", "costs", "--out", str(out),
         "--language", "xx"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "invalid choice: 'xx'" in refused.stderr and "Traceback" not in refused.stderr


def _chart_title(chart: object) -> str:
    runs = chart.title.tx.rich.p[0].r  # type: ignore[attr-defined]
    return "".join(run.t for run in runs)
