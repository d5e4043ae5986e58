"""The skeleton every report shares: first sheet, summary, detail sheets with progress, atomic
save, and nothing left behind when a report fails or is cancelled midway."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.helpers.sheet_world import add_parties, add_placements
from vipdesk import __version__
from vipdesk.db import Database
from vipdesk.documents.report_sheets import summary_sheet, table_sheet
from vipdesk.documents.spreadsheets import WHOLE
from vipdesk.errors import VipdeskError
from vipdesk.models import Mode, Status
from vipdesk.reports.kinds import ReportOptions
from vipdesk.reports.workbook import (
    PLACEMENT_COLS,
    ReportBook,
    Step,
    placement_cells,
    workbook_report,
    write_book,
)
from vipdesk.services.jobs import CancelledError, ShouldCancel
from vipdesk.services.reports.filters import PlacementDetail, ReportFilter, load_placement_details

ROWS = 1000


class PlantedError(Exception):
    """Raised by a book on purpose, standing for a bug midway through writing."""


def numbers_book(fail_in: str | None = None) -> ReportBook:
    """A report of the numbers 0 to 999, one a row; `fail_in` the summary or the details."""

    def summary(wb: Workbook) -> None:
        sheet = summary_sheet(wb, "Numbers", "Counted from zero.", [20, 10])
        if fail_in == "summary":
            raise PlantedError
        sheet.key_figures([("Numbers", ROWS, WHOLE)])

    def details(wb: Workbook, step: Step) -> None:
        ws = table_sheet(wb, "Rows", ["Number"], [8], ROWS)
        for n in range(ROWS):
            if fail_in == "details" and n == ROWS // 2:
                raise PlantedError
            ws.append([n])
            step(1)

    return ReportBook(
        title="Numbers",
        subject="Numbers, one a row",
        counts=[("Numbers in this report", ROWS)],
        sheets="Summary: how many. Rows: one number a row.",
        summary=summary,
        details=details,
        steps=ROWS,
        what="Writing numbers",
        records=ROWS,
        every=300,  # the last rows are reported only by the end of the book
        notes=[("Counting", "From zero.")],
    )


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where openpyxl keeps the sheets it is writing: a test can see it left none."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def first_sheet(path: Path) -> dict[object, object]:
    ws = load_workbook(path)["Filters"]
    return {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}


def test_the_sheets_come_in_order_with_the_books_figures(out: Path, scratch: Path) -> None:
    path = out / "n.xlsx"
    write_book(path, numbers_book())
    wb = load_workbook(path)
    assert wb.sheetnames == ["Filters", "Summary", "Rows"]
    assert (wb.properties.title, wb.properties.subject) == ("Numbers", "Numbers, one a row")
    summary = [row for row in wb["Summary"].iter_rows(values_only=True)]
    assert summary[0][0] == "Numbers: key figures" and summary[1][0] == "Counted from zero."
    assert summary[3] == ("Key figure", "Value") and summary[4] == ("Numbers", ROWS)
    rows = wb["Rows"]
    assert [c.value for c in rows["A"]] == ["Number", *range(ROWS)]
    assert rows.freeze_panes == "A2" and rows.auto_filter.ref == f"A1:A{ROWS + 1}"
    assert sorted(p.name for p in out.iterdir()) == ["n.xlsx"]
    assert list(scratch.iterdir()) == []


def test_the_filters_sheet_lists_the_filters_applied(out: Path) -> None:
    path = out / "n.xlsx"
    flt = ReportFilter(
        text="nordlicht", status=Status.SIGNED, mode=Mode.BLENDED, year=2026, country="fr"
    )
    write_book(path, numbers_book(), flt, made_at=datetime(2026, 3, 4, 10, 30))
    values = first_sheet(path)
    assert values["Numbers"] is None  # the title
    assert values[f"Made with vipdesk {__version__} on 4 March 2026, 10:30"] is None
    assert values["Filter"] == "Set to"
    assert values["Search text"] == "“nordlicht”"
    assert values["Status"] == "Signed"
    assert values["Mode"] == "Blended"
    assert values["Year (planned start)"] == "2026"
    assert values["Host country"] == "France (FR)"
    assert values["Numbers in this report"] == ROWS
    assert str(values["Sensitive data"]).startswith("None: this report holds no equity flags")
    assert values["Counting"] == "From zero."
    assert values["Sheets"] == "Summary: how many. Rows: one number a row."


def test_no_filter_is_said_too(out: Path) -> None:
    write_book(out / "n.xlsx", numbers_book())
    values = first_sheet(out / "n.xlsx")
    assert (values["Search text"], values["Status"]) == ("None", "All statuses")


def test_progress_steps_reach_the_total(out: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    write_book(out / "n.xlsx", numbers_book(), progress=lambda *args: seen.append(args))
    assert seen[0] == (0, ROWS, "Writing numbers")
    assert seen[-1] == (ROWS, ROWS, "Writing numbers")
    done = [d for d, _total, _what in seen]
    assert done == sorted(done)
    assert done == [0, 300, 600, 900, ROWS]  # every 300 steps, as the book asks, and the end


@pytest.mark.parametrize("fail_in", ["summary", "details"])
def test_a_report_that_fails_midway_leaves_no_file(out: Path, scratch: Path, fail_in: str) -> None:
    with pytest.raises(PlantedError):
        write_book(out / "n.xlsx", numbers_book(fail_in))
    assert list(out.iterdir()) == []  # neither the file nor a .part file
    assert list(scratch.iterdir()) == []  # nor openpyxl's half-written sheets


def test_a_failed_save_keeps_the_earlier_file(out: Path, scratch: Path) -> None:
    target = out / "n.xlsx"
    target.write_bytes(b"last week's report")

    def unwritable(_wb: Workbook, _path: Path) -> None:
        raise VipdeskError("The disk holding the folder is full.")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("vipdesk.reports.workbook.save_workbook", unwritable)
        with pytest.raises(VipdeskError, match="full"):
            write_book(target, numbers_book())
    assert target.read_bytes() == b"last week's report"
    assert [p.name for p in out.iterdir()] == ["n.xlsx"]
    assert list(scratch.iterdir()) == []


def test_a_missing_folder_is_one_clear_message(tmp_path: Path, scratch: Path) -> None:
    with pytest.raises(VipdeskError, match="does not exist"):
        write_book(tmp_path / "nowhere" / "n.xlsx", numbers_book())
    assert list(scratch.iterdir()) == []


def test_a_report_cancelled_midway_leaves_no_file(out: Path, scratch: Path) -> None:
    target = out / "n.xlsx"
    target.write_bytes(b"last week's report")
    seen: list[int] = []
    with pytest.raises(CancelledError):
        write_book(
            target,
            numbers_book(),
            progress=lambda done, _total, _what: seen.append(done),
            should_cancel=lambda: bool(seen) and seen[-1] >= 600,
        )
    assert seen[-1] == 600  # stopped at the first check after the user asked
    assert target.read_bytes() == b"last week's report"
    assert [p.name for p in out.iterdir()] == ["n.xlsx"]
    assert list(scratch.iterdir()) == []


def test_a_kind_reads_equity_flags_only_when_it_may_hold_them(db: Database, out: Path) -> None:
    add_placements(db, add_parties(db))
    given: list[Sequence[PlacementDetail]] = []

    def gather(
        _db: Database, details: Sequence[PlacementDetail], _o: ReportOptions, _c: ShouldCancel
    ) -> ReportBook:
        given.append(details)
        return numbers_book()

    options = ReportOptions(ReportFilter(year=2027), include_sensitive=True)
    for sensitive in (False, True):
        kind = workbook_report("numbers", "Numbers", gather, sensitive=sensitive)
        assert kind.build(db, out / "n.xlsx", options, lambda *_a: None, lambda: False) == ROWS
    plain, sensitive_details = given
    assert len(plain) == len(sensitive_details) == 3  # the filter chose them
    assert all(d.equity is None for d in plain)
    assert all(d.equity is not None for d in sensitive_details)
    assert first_sheet(out / "n.xlsx")["Year (planned start)"] == "2027"


def test_the_placement_columns_and_their_values(db: Database) -> None:
    add_placements(db, add_parties(db))
    first = load_placement_details(db)[0]
    cells: list[Any] = placement_cells()(first)
    assert [c.title for c in PLACEMENT_COLS] == [
        "Reference",
        "Student",
        "Host",
        "Country",
        "Mode",
        "Status",
    ]
    assert cells == ["VIP-2026-00001", "Łukasz Żółć", first.host, "Germany", "Virtual", "Ongoing"]
