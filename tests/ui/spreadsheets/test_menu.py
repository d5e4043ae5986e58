"""File menu: import, templates and the placements report, reached from the main window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from tests.helpers.sheet_world import add_parties, add_placements
from vipdesk.db import Database
from vipdesk.models import Status
from vipdesk.ui.shell.main_window import MainWindow
from vipdesk.ui.spreadsheets.export_dialog import ExportReportDialog
from vipdesk.ui.spreadsheets.import_dialog import ImportDialog


@pytest.fixture
def window(qtbot: QtBot, db: Database) -> MainWindow:
    add_placements(db, add_parties(db))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_the_file_menu_offers_import_templates_and_the_report(window: MainWindow) -> None:
    texts = file_menu_texts(window)
    for text in (
        "Import &students…",
        "Import &organisations…",
        "Import &placements…",
        "Save import &template",
        "&Export report to Excel…",
    ):
        assert text in texts


def test_import_opens_the_dialog_and_a_finished_import_reloads_the_list(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.import_actions["students"].trigger()
    dialogs = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert [d.kind for d in dialogs] == ["students"]
    with qtbot.waitSignal(window.placements_view.model.modelReset, timeout=5000):
        dialogs[0].imported.emit("students", 3)


def test_the_report_starts_from_the_lists_filters(window: MainWindow) -> None:
    window.placements_view.status_list.setCurrentRow(
        window.placements_view._status_keys.index(Status.ONGOING)
    )
    window.export_report_action.trigger()
    dialog = next(d for d in window.findChildren(ExportReportDialog) if d.isVisible())
    assert dialog.options().filter.status is Status.ONGOING
    assert [dialog.year_combo.itemData(i) for i in range(dialog.year_combo.count())] == [
        None,
        2027,
        2026,
    ]


def test_the_next_report_is_offered_in_the_language_of_the_last_one(window: MainWindow) -> None:
    window.export_report_action.trigger()
    first = next(d for d in window.findChildren(ExportReportDialog) if d.isVisible())
    first.language_combo.setCurrentIndex(first.language_combo.findData("pl"))
    first.exported.emit("placements.xlsx")  # as when the file is written
    first.close()
    window.export_report_action.trigger()
    second = next(
        d for d in window.findChildren(ExportReportDialog) if d.isVisible() and d is not first
    )
    assert second.language == "pl"


def test_save_a_template_from_the_menu(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "organisations"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.spreadsheets.save_template("organisations")
    assert (tmp_path / "organisations.xlsx").exists()
    assert "Saved the organisations template" in window.statusBar().currentMessage()


def test_closed_dialogs_go_away(qtbot: QtBot, window: MainWindow) -> None:
    window.import_actions["organisations"].trigger()
    dialog = next(d for d in window.findChildren(ImportDialog) if d.isVisible())
    dialog.reject()
    qtbot.waitUntil(lambda: not window.findChildren(ImportDialog))


def test_each_kind_has_whole_sentences_not_an_english_word_put_into_one() -> None:
    from vipdesk.ui.spreadsheets.kind_texts import kind_texts

    for kind, one in (("students", "student"), ("organisations", "organisation"),
                      ("placements", "placement")):  # fmt: skip
        texts = kind_texts(kind)
        assert texts.title == f"Import {kind}"
        assert f"one row per {one}." in texts.intro
        assert texts.imported(1) == f"Imported 1 {one}."
        assert texts.imported(1500) == f"Imported 1,500 {kind}."
        assert "{path}" in texts.saved_template
