"""The export dialog: the list's filters come along, the file is written off the UI thread,
and a cancelled export leaves no file."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.jobs import held_pool, press_cancel
from tests.helpers.sheet_world import add_parties, add_placements
from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.documents.report_language import catalogue
from vipdesk.models import Mode
from vipdesk.services.placements.catalogue import Filter
from vipdesk.ui.spreadsheets.export_dialog import ExportReportDialog


@pytest.fixture
def world(db: Database) -> Database:
    add_placements(db, add_parties(db))
    return db


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def filters_sheet(path: Path) -> dict[object, object]:
    ws = load_workbook(path)["Filters"]
    return {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row and row[0]}


def test_the_list_filters_and_a_country_make_the_report(
    qtbot: QtBot, world: Database, out: Path
) -> None:
    dialog = ExportReportDialog(
        world, Filter(text="nordlicht", mode=Mode.VIRTUAL), [2027, 2026], folder=out
    )
    qtbot.addWidget(dialog)
    assert dialog.search_edit.text() == "nordlicht"
    assert dialog.mode_combo.currentText() == "Virtual"
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("DE"))
    dialog.path_edit.setText(str(out / "nordlicht"))  # .xlsx is added
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.args == [str(out / "nordlicht.xlsx")]
    values = filters_sheet(out / "nordlicht.xlsx")
    assert values["Search text"] == "“nordlicht”"
    assert values["Mode"] == "Virtual"
    assert values["Host country"] == "Germany (DE)"
    assert values["Placements in this report"] == 2
    assert "Left out" in str(values["Sensitive data"])
    assert dialog.outcome is not None and dialog.outcome.records == 2


def test_sensitive_data_is_off_until_chosen_with_a_warning(qtbot: QtBot, world: Database) -> None:
    dialog = ExportReportDialog(world)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.options().include_sensitive
    assert not dialog.sensitive_warning.isVisible()
    dialog.sensitive_box.setChecked(True)
    assert dialog.sensitive_warning.isVisible()
    assert dialog.options().include_sensitive


def test_cancel_leaves_no_file(qtbot: QtBot, world: Database, out: Path) -> None:
    with held_pool() as (pool, release):
        dialog = ExportReportDialog(world, folder=out, pool=pool)
        qtbot.addWidget(dialog)
        dialog.path_edit.setText(str(out / "report.xlsx"))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        press_cancel(dialog.runner.dialog)
        release.set()
        qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    assert dialog.message.text() == "Cancelled: no file was written."
    assert list(out.iterdir()) == []
    assert dialog.export_button.isEnabled()


def test_an_existing_file_is_replaced_only_when_agreed(
    qtbot: QtBot, world: Database, out: Path, message_boxes: MessageBoxes
) -> None:
    target = out / "report.xlsx"
    target.write_bytes(b"keep me")
    dialog = ExportReportDialog(world, folder=out)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(target))
    dialog.export()
    assert message_boxes.shown[-1] == ("question", "report.xlsx exists already. Replace it?")
    assert not dialog.runner.busy and target.read_bytes() == b"keep me"
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export()
    assert load_workbook(target).sheetnames == ["Filters", "Summary", "Placements"]


def test_a_missing_folder_is_said_in_the_dialog(qtbot: QtBot, world: Database, out: Path) -> None:
    dialog = ExportReportDialog(world, folder=out)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(out / "nowhere" / "r.xlsx"))
    dialog.export()
    assert "does not exist" in dialog.message.text()
    assert not dialog.runner.busy


def test_the_lists_country_comes_along(qtbot: QtBot, world: Database) -> None:
    dialog = ExportReportDialog(world, Filter(country="FR"))
    qtbot.addWidget(dialog)
    assert dialog.country_combo.currentData() == "FR"
    assert dialog.options().filter.country == "FR"


@pytest.mark.parametrize(
    ("kind", "sheet", "records"),
    [("costs", "Placements", 2), ("funding", "Sources", 0), ("readiness", "Readiness", 2),
     ("tools", "Tools", 2), ("evaluation", "Evaluations", 2), ("monitoring", "Placements", 2)],
)  # fmt: skip
def test_each_kind_is_chosen_and_named_in_the_file(
    qtbot: QtBot, world: Database, out: Path, kind: str, sheet: str, records: int
) -> None:
    dialog = ExportReportDialog(world, Filter(country="FR"), folder=out)
    qtbot.addWidget(dialog)
    assert [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())] == [
        "placements",
        "costs",
        "funding",
        "readiness",
        "tools",
        "evaluation",
        "monitoring",
    ]
    assert Path(dialog.path_edit.text()).name.startswith("placements-")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    path = Path(dialog.path_edit.text())
    assert path.name.startswith(f"{kind}-")
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and dialog.outcome.records == records
    wb = load_workbook(path)
    assert sheet in wb.sheetnames
    assert filters_sheet(path)["Host country"] == "France (FR)"


def test_a_name_the_user_typed_is_kept(qtbot: QtBot, world: Database, out: Path) -> None:
    dialog = ExportReportDialog(world, folder=out)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(out / "for-the-board.xlsx"))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("costs"))
    assert dialog.path_edit.text() == str(out / "for-the-board.xlsx")


def test_a_german_report_is_chosen_by_its_own_name_and_written_in_german(
    qtbot: QtBot, world: Database, out: Path
) -> None:
    dialog = ExportReportDialog(world, folder=out)
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentText() == "English"  # by default
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findText("Deutsch"))
    assert dialog.options().language == "de"
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    german = catalogue("de")
    sheets = load_workbook(out / dialog.target().name, read_only=True).sheetnames  # type: ignore[union-attr]
    assert sheets == [german["Filters"], german["Summary"], german["Placements"]]


def test_the_dialog_starts_in_the_language_last_chosen(qtbot: QtBot, world: Database) -> None:
    dialog = ExportReportDialog(world, language="pl")
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentText() == "Polski" and dialog.language == "pl"


def test_the_reports_are_named_in_the_interface_and_the_mail_in_the_reports_language(
    qtbot: QtBot, world: Database, out: Path, tmp_path: Path
) -> None:
    """A Polish coordinator picks 'Koszt na uczestnika'; the message that takes a German
    report to a funder names it as the German file does."""
    with interface_in("pl", tmp_path):
        dialog = ExportReportDialog(world, folder=out, language="de")
        qtbot.addWidget(dialog)
        kinds = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("placements"))
        dialog.email_box.setChecked(True)
        with qtbot.waitSignal(dialog.email_requested, timeout=10_000) as mailed:
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Koszt na uczestnika" in kinds and "Cost per participant" not in kinds
    assert mailed.args is not None and mailed.args[1] == catalogue("de")["Placements overview"]


def test_in_polish_the_dialog_is_as_wide_as_what_it_says(
    qtbot: QtBot, world: Database, tmp_path: Path
) -> None:
    """A set minimum width kept the dialog at 560 pixels: the Polish "Następnie wyślij
    e-mailem (do instytucji finansującej lub przełożonego)" was cut at "pr"."""
    with interface_in("pl", tmp_path):
        dialog = ExportReportDialog(world)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
    box = dialog.email_box
    assert box.width() >= box.sizeHint().width()
    assert dialog.minimumWidth() >= 560
