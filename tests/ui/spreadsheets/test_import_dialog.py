"""The import dialog: a preview first, every problem listed, all rows or none, cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.jobs import held_pool, press_cancel
from tests.helpers.sheet_world import add_parties
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.models import Student
from vipdesk.services.importing.columns import DateOrder
from vipdesk.services.importing.date_order import load_date_order
from vipdesk.ui.spreadsheets.import_dialog import ImportDialog
from vipdesk.ui.spreadsheets.import_table_model import TextTableModel

GOOD = (
    "\ufeffGiven name;Surname;E-mail;Student ID;Institution\n"
    "Anna;Nowak;anna@uni.example;S100;KU Leuven\n"
    "Jonas;Peeters;jonas@uni.example;S101;KU Leuven\n"
    "Łukasz;Żółć;lukasz@student.example;S0001;KU Leuven\n"  # exists
)
BAD = GOOD + "Bob;;bob@;S102;Nowhere University\n"


@pytest.fixture
def people(db: Database) -> Database:
    add_parties(db)
    return db


def students(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Student)) or 0


def loaded(qtbot: QtBot, dialog: ImportDialog, path: Path) -> ImportDialog:
    dialog.load(path)
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    return dialog


def rows(model: TextTableModel) -> list[list[str]]:
    return [[model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_preview_then_import(
    qtbot: QtBot, people: Database, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    path = tmp_path / "students.csv"
    path.write_text(GOOD, encoding="utf-8")
    dialog = ImportDialog(people, "students")
    qtbot.addWidget(dialog)
    loaded(qtbot, dialog, path)
    assert "2 new students, 1 already exists — skipped" in dialog.summary.text()
    preview = rows(dialog.preview_model)
    assert [r[:4] for r in preview] == [
        ["2", "New", "Anna", "Nowak"],
        ["3", "New", "Jonas", "Peeters"],
        ["4", "Already exists — skipped", "Łukasz", "Żółć"],
    ]
    assert dialog.problems_model.rowCount() == 0
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert imported.args == ["students", 2]
    assert students(people) == 6
    assert message_boxes.shown[-1] == (
        "information",
        "Imported 2 students. 1 already existed and were skipped.",
    )


def test_every_problem_is_listed_and_nothing_can_be_imported(
    qtbot: QtBot, people: Database, tmp_path: Path
) -> None:
    path = tmp_path / "students.csv"
    path.write_text(BAD, encoding="utf-8")
    dialog = loaded(qtbot, ImportDialog(people, "students"), path)
    qtbot.addWidget(dialog)
    assert rows(dialog.problems_model) == [
        ["5", "Surname", "Enter the family name."],
        ["5", "E-mail", "'bob@' is not an e-mail address; it should look like name@uni.eu."],
        [
            "5",
            "Institution",
            "There is no institution 'Nowhere University' in vipdesk; add it first.",
        ],
    ]
    assert "Nothing can be imported" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.start_import()  # even if asked: nothing happens
    assert not dialog.runner.busy
    assert students(people) == 4


def test_a_file_that_is_no_spreadsheet(qtbot: QtBot, people: Database, tmp_path: Path) -> None:
    path = tmp_path / "students.xlsx"
    path.write_bytes(b"%PDF-1.7 an agreement")
    dialog = loaded(qtbot, ImportDialog(people, "students"), path)
    qtbot.addWidget(dialog)
    assert "cannot be imported" in dialog.summary.text()
    assert "is a PDF document" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_cancelled_import_imports_nothing(qtbot: QtBot, people: Database, tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    path.write_text(GOOD, encoding="utf-8")
    dialog = loaded(qtbot, ImportDialog(people, "students"), path)
    qtbot.addWidget(dialog)
    with held_pool() as (pool, release):
        dialog.runner._pool = pool  # the next job waits until the test lets it go
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        press_cancel(dialog.runner.dialog)
        release.set()
        qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    assert dialog.summary.text() == "Stopped: nothing was imported."
    assert students(people) == 4
    assert dialog.import_button.isEnabled()  # the same preview may still be imported


def test_closing_while_importing_cancels(qtbot: QtBot, people: Database, tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    path.write_text(GOOD, encoding="utf-8")
    dialog = loaded(qtbot, ImportDialog(people, "students"), path)
    qtbot.addWidget(dialog)
    with held_pool() as (pool, release):
        dialog.runner._pool = pool
        dialog.start_import()
        job = dialog.runner.job
        dialog.reject()
        assert job is not None and job.cancel_requested
        release.set()
        qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    assert students(people) == 4


def test_the_preview_model(qtmodeltester: object) -> None:
    model = TextTableModel()
    model.set_rows(["Row", "Problem"], [["2", "bad"], ["3", "worse"]], ["error", None])
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_date_order_is_shown_and_changing_it_reads_the_file_again(
    qtbot: QtBot, people: Database, tmp_path: Path
) -> None:
    path = tmp_path / "students.csv"
    path.write_text(
        "Given name;Surname;E-mail;Date of birth;Institution\n"
        "Anna;Nowak;anna@uni.example;01/02/2003;KU Leuven\n",
        encoding="utf-8",
    )
    dialog = loaded(qtbot, ImportDialog(people, "students"), path)
    qtbot.addWidget(dialog)
    assert dialog.date_order.currentData() == "day_first"
    assert "Dates with slashes read day first (1 February)" in dialog.summary.text()
    assert "2003-02-01" in rows(dialog.preview_model)[0]
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("month_first"))
    qtbot.waitUntil(lambda: not dialog.runner.busy and dialog.plan is not None, timeout=10_000)
    assert "2003-01-02" in rows(dialog.preview_model)[0]
    assert "month first (January 2)" in dialog.summary.text()
    assert load_date_order(people) is DateOrder.MONTH_FIRST  # kept for the next import
    again = ImportDialog(people, "students")
    qtbot.addWidget(again)
    assert again.date_order.currentData() == "month_first"


def test_the_preview_reads_in_the_interfaces_language(
    qtbot: QtBot, people: Database, tmp_path: Path
) -> None:
    """What vipdesk understood is worded as the rest of the window: the country and the size
    in German, the counts in German; the dates stay ISO (they show how a date was read)."""
    path = tmp_path / "organisations.csv"
    path.write_text(
        "Name;Country;Time zone;Size\n"
        "Donau Werke;Austria;Europe/Vienna;small\n"
        "Tatra Soft;PL;Europe/Warsaw;large\n",
        encoding="utf-8",
    )
    with interface_in("de", tmp_path):
        dialog = loaded(qtbot, ImportDialog(people, "organisations"), path)
        qtbot.addWidget(dialog)
        cells = {cell for row in rows(dialog.preview_model) for cell in row}
        summary = dialog.summary.text()
    assert {"Österreich", "Polen", "< 250 Beschäftigte", "≥ 250 Beschäftigte"} <= cells
    assert "Austria" not in cells
    assert "2 neue Organisationen" in summary
