"""Edit → Recently deleted: the list, Restore, and a restore that cannot be done explained."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.services.placements.catalogue import load_rows
from vipdesk.services.placements.records import delete_placement
from vipdesk.services.trash.bin import restore_deleted
from vipdesk.ui.trash.dialog import RecentlyDeletedDialog


def test_restore_brings_the_placement_back_and_empties_the_list(qtbot: QtBot, db: Database) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    delete_placement(db, placement.id, "anna")
    dialog = RecentlyDeletedDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.model
    assert [model.text(0, c) for c in (0, 1, 3, 4)] == [
        "Placement",
        placement.reference,
        "anna",
        "29",
    ]
    with qtbot.waitSignal(dialog.restored) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert restored.args == ["placement"]
    assert [row.id for row in load_rows(db)] == [placement.id]
    assert dialog.empty.isVisible() and not dialog.restore_button.isEnabled()


def test_an_entry_restored_meanwhile_is_explained_and_the_list_read_again(
    qtbot: QtBot, db: Database, message_boxes: MessageBoxes
) -> None:
    placement = make_placement(db, make_world(db))
    assert placement.id is not None
    delete_placement(db, placement.id)
    dialog = RecentlyDeletedDialog(db)
    qtbot.addWidget(dialog)
    restore_deleted(db, dialog.entries[0].id)  # by another coordinator
    dialog.restore_selected()
    kind, text = message_boxes.shown[-1]
    assert kind == "warning" and "can no longer be restored" in text
    assert dialog.entries == []


def test_with_nothing_deleted_the_intro_stays_at_the_top(qtbot: QtBot, db: Database) -> None:
    dialog = RecentlyDeletedDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    intro = dialog.layout().itemAt(0).widget()  # type: ignore[union-attr]
    # its own height, not half the dialog with its text floating in the middle
    assert intro.height() <= intro.heightForWidth(intro.width()) + 4  # type: ignore[union-attr]
