"""Export agreements: shown or selected placements, a folder, progress "n of N", Cancel that
leaves the folder as it was, and the summary at the end; reached from the File menu."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.helpers.agreements import ready_agreement
from tests.helpers.dialogs import MessageBoxes
from tests.helpers.factories import make_placement, make_world
from tests.helpers.jobs import press_cancel
from vipdesk.db import Database
from vipdesk.documents import files
from vipdesk.documents.agreement.form import read_returned_pdf
from vipdesk.services.agreements import batch
from vipdesk.services.agreements.batch import agreement_for_export
from vipdesk.ui.agreement.batch_dialog import AgreementBatchDialog
from vipdesk.ui.shell.main_window import MainWindow


@pytest.fixture
def ids(db: Database) -> list[int]:
    world = make_world(db)
    made = [make_placement(db, world, title=f"Intern {n}").id for n in range(4)]
    return [i for i in made if i is not None]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_the_shown_placements_are_written_and_summed_up(
    qtbot: QtBot, db: Database, ids: list[int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = AgreementBatchDialog(db, ids, ids[:1], folder=out / "elsewhere")
    qtbot.addWidget(dialog)
    assert dialog.shown_radio.text() == "The 4 placements shown in the list"
    assert dialog.selected_radio.text() == "The selected placement"
    assert dialog.shown_radio.isChecked()
    assert not dialog.filed_radio.isEnabled()  # none of them has an agreement on file
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(out))
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Choose…").click()
    assert dialog.folder_edit.text() == str(out)
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.args == [str(out), 4]
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4 and all(n.startswith("VIP-") and n.endswith(".pdf") for n in names)
    assert {read_returned_pdf(out / n).placement_id for n in names} == set(ids)
    assert dialog.message.text() == f"Wrote 4 agreements to {out}."
    assert not dialog.open_button.isHidden() and dialog.export_button.isEnabled()


def test_only_the_selected_placement_fillable(
    qtbot: QtBot, db: Database, ids: list[int], out: Path
) -> None:
    dialog = AgreementBatchDialog(db, ids, ids[2:3], folder=out)
    qtbot.addWidget(dialog)
    dialog.selected_radio.setChecked(True)
    dialog.fillable_box.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export()
    (written,) = out.iterdir()
    returned = read_returned_pdf(written)
    assert returned.placement_id == ids[2] and returned.fields


def test_progress_counts_and_cancel_midway_leaves_the_folder_as_it_was(
    qtbot: QtBot, db: Database, ids: list[int], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker waits after its second agreement until the test has pressed Cancel.
    second_done, cancelled = threading.Event(), threading.Event()
    real_write = files.write_atomically
    count = {"n": 0}

    def write(path: Path, data: bytes) -> None:
        real_write(path, data)
        count["n"] += 1
        if count["n"] == 2:
            second_done.set()
            cancelled.wait(10)

    monkeypatch.setattr(batch, "write_atomically", write)
    dialog = AgreementBatchDialog(db, ids, folder=out)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.export()
    assert dialog.runner.dialog is not None
    progress: QProgressDialog = dialog.runner.dialog
    qtbot.waitUntil(second_done.is_set, timeout=20_000)
    qtbot.waitUntil(lambda: "(1 of 4)" in progress.labelText(), timeout=5_000)
    assert progress.labelText() == "Writing agreements (1 of 4)…"
    assert progress.maximum() == 4 and progress.value() == 1
    press_cancel(progress)
    cancelled.set()
    qtbot.waitUntil(lambda: not dialog.runner.busy, timeout=10_000)
    assert count["n"] == 2  # stopped right after the agreement being written
    assert dialog.message.text() == "Cancelled: no agreement was written, the folder is as it was."
    assert list(out.iterdir()) == []
    assert dialog.export_button.isEnabled()


def test_a_missing_folder_is_said_in_the_dialog(
    qtbot: QtBot, db: Database, ids: list[int], out: Path, message_boxes: MessageBoxes
) -> None:
    dialog = AgreementBatchDialog(db, ids, folder=out / "nowhere")
    qtbot.addWidget(dialog)
    dialog.export()
    assert dialog.message.text() == f"The folder {out / 'nowhere'} does not exist."
    assert not dialog.runner.busy and message_boxes.shown == []


def test_the_file_menu_opens_it_for_the_lists_placements(
    qtbot: QtBot, db: Database, ids: list[int]
) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    reference = agreement_for_export(db, ids[1]).reference
    window.placements_view.search_box.setText(reference)
    qtbot.waitUntil(lambda: window.placements_view.model.rowCount() == 1, timeout=5_000)
    window.placements_view.table.selectRow(0)
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    assert window.dialogs.export_agreements_action in menu.actions()
    window.dialogs.export_agreements_action.trigger()
    dialog = next(d for d in window.findChildren(AgreementBatchDialog) if d.isVisible())
    assert dialog.shown_radio.text() == "The 1 placement shown in the list"  # the list's filter
    assert dialog.placement_ids() == [ids[1]]
    assert dialog.selected_radio.isEnabled()
    dialog.close()


def test_those_with_an_agreement_on_file_are_offered_first(
    qtbot: QtBot, db: Database, ids: list[int], out: Path
) -> None:
    filed, _draft = ready_agreement(db)
    dialog = AgreementBatchDialog(db, [*ids, filed], folder=out)
    qtbot.addWidget(dialog)
    assert dialog.filed_radio.text() == "The 1 placement shown with an agreement on file"
    assert dialog.shown_radio.text() == (
        "The 5 placements shown in the list (4 drafted from their records)"
    )
    assert dialog.filed_radio.isChecked() and dialog.placement_ids() == [filed]
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        dialog.export()
    assert exported.args == [str(out), 1]
