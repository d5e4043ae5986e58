"""`vipdesk due`, run as a user runs it: grouped text, a spreadsheet, one line for bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers.cli import vipdesk
from tests.helpers.factories import make_placement, make_world
from tests.helpers.worklist import add_document, set_record
from vipdesk.db import open_database
from vipdesk.documents.report_language import catalogue
from vipdesk.models import DocumentKind, Status
from vipdesk.services.worklist.snoozes import snooze
from vipdesk.services.worklist.wording import translations


@pytest.fixture
def url(tmp_path: Path) -> str:
    """Three placements: signatures waiting since 4 Jan 2027, one past its end, one starting."""
    url = f"sqlite:///{tmp_path / 'due.sqlite3'}"
    db = open_database(url)
    world = make_world(db, host_name="Acme Analytics GmbH")
    waiting = make_placement(db, world, planned_start=date(2027, 3, 1))
    ended = make_placement(
        db, world, planned_start=date(2026, 9, 1), planned_end=date(2026, 12, 18)
    )
    starting = make_placement(db, world, planned_start=date(2027, 2, 5))
    assert waiting.id and ended.id and starting.id
    set_record(db, waiting.id, status=Status.AGREEMENT_SENT)
    add_document(db, waiting.id, DocumentKind.AGREEMENT, date(2027, 1, 4), signed=("student",))
    set_record(db, ended.id, status=Status.ONGOING)
    snooze(
        db,
        starting.id,
        "start_blocked",
        date(2027, 1, 31),
        "Waiting for HR",
        today=date(2027, 1, 2),
    )
    db.dispose()
    return url


def test_due_prints_the_list_grouped_by_urgency(url: str) -> None:
    result = vipdesk("--database", url, "due", "--as-of", "2027-01-18")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("Work list on 18 Jan 2027: 2 items (1 overdue, 1 this week); 1 snoozed")
    assert lines[2] == "Overdue (1)"
    assert lines[3].startswith("  VIP-2026-00002  Still ongoing after its planned end — ")
    assert lines[3].endswith(" · 30 days overdue")
    assert lines[4] == (
        "      Planned end 18 Dec 2026; still ongoing. → Move it to evaluating, or change the "
        "end date."
    )
    assert lines[6] == "This week (1)"
    assert "Agreement waiting for signatures" in lines[7] and lines[7].endswith("due today")
    assert "not signed yet by your institution" in lines[8]
    assert "and the host (Acme Analytics GmbH)" in lines[8]


def test_due_looks_ahead(url: str) -> None:
    today = vipdesk("--database", url, "due", "--as-of", "2027-01-16")
    assert "Agreement waiting" not in today.stdout
    ahead = vipdesk("--database", url, "due", "--as-of", "2027-01-16", "--within", "2")
    assert ahead.returncode == 0, ahead.stderr
    assert ahead.stdout.startswith("Work list on 16 Jan 2027, looking 2 days ahead: 2 items")
    assert "Agreement waiting for signatures" in ahead.stdout


def test_nothing_due_says_all_is_done(url: str) -> None:
    result = vipdesk("--database", url, "due", "--as-of", "2026-06-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Nothing is due on 1 Jun 2026: all is done.\n"


def test_due_writes_a_formatted_sheet(url: str, tmp_path: Path) -> None:
    out = tmp_path / "due.xlsx"
    result = vipdesk("--database", url, "due", "--as-of", "2027-01-18", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote the work list of 18 Jan 2027: 2 items to {out}.\n"
    wb = load_workbook(out)
    assert wb.sheetnames == ["Filters", "Work list"]
    ws = wb["Work list"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("Urgency", "Due", "Since", "Reference")
    assert [r[0] for r in rows[1:]] == ["Overdue", "This week"]
    assert rows[1][1].date() == date(2026, 12, 19)
    assert ws["B2"].number_format == "yyyy-mm-dd"
    assert rows[2][7] == "Agreement waiting for signatures"
    assert ("Snoozed (not listed)", 1) in list(wb["Filters"].values)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "2027-02-30"), "vipdesk: --as-of: '2027-02-30' is not a date; write it as"),
        (("--within", "-1"), "vipdesk: --within: choose from 0 to 366 days."),
    ],
)
def test_bad_input_gives_one_clear_line(url: str, args: tuple[str, ...], message: str) -> None:
    result = vipdesk("--database", url, "due", *args)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_due_writes_the_sheet_in_german_with_real_dates(url: str, tmp_path: Path) -> None:
    out = tmp_path / "fällig.xlsx"
    result = vipdesk(
        "--database", url, "due", "--as-of", "2027-01-18", "--out", str(out), "--language", "de"
    )
    assert result.returncode == 0, result.stderr
    german = translations("de")
    wb = load_workbook(out)
    assert wb.sheetnames == [catalogue("de")["Filters"], german["Work list"]]
    rows = list(wb[german["Work list"]].iter_rows(values_only=True))
    assert rows[0][:4] == ("Dringlichkeit", "Fällig", "Seit", catalogue("de")["Reference"])
    assert [r[0] for r in rows[1:]] == [german["Overdue"], german["This week"]]
    assert rows[1][1].date() == date(2026, 12, 19)
    assert rows[1][6] == catalogue("de")["Ongoing"]
    assert rows[1][7:] == (
        german["Still ongoing after its planned end"],
        "Geplantes Ende 18.12.2026; läuft noch.",
        german["Move it to evaluating, or change the end date"],
    )
    assert rows[2][8].startswith("Versandt am 04.01.2027; ")
    values = [cell for row in wb[catalogue("de")["Filters"]].values for cell in row]
    assert "Zurückgestellt (nicht aufgeführt)" in values and "Stand" in values
    assert not any(isinstance(v, str) and "Work list" in v for v in values)
