"""The user guide: sections with contents and search, and F1 opening the section in view."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.ui.help.window import HELP_TOPIC, HelpWindow, guide_path, sections, topic_for
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.shell.main_window import MainWindow

UI = Path(__file__).resolve().parents[3] / "vipdesk" / "ui"
# setProperty(HELP_TOPIC, "today"), or (self.today_view, "today") in a loop that sets it
TOPIC_SET = re.compile(r'setProperty\(HELP_TOPIC, "([a-z-]+)"\)|\(self\.\w+, "([a-z-]+)"\)')
JOBS = {"phases", "new-placement", "send-hr", "costs", "reports", "import", "shared-database"}


def test_the_guide_covers_the_phases_and_the_common_jobs() -> None:
    found = sections(guide_path().read_text(encoding="utf-8"))
    anchors = [s.anchor for s in found]
    assert set(anchors) >= JOBS and len(anchors) == len(set(anchors))
    assert all(s.title and len(s.text.split()) > 20 for s in found)


def test_every_picture_the_guide_shows_is_there() -> None:
    source = guide_path().read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', source)
    assert len(pictures) >= 5
    assert [p for p in pictures if not (guide_path().parent / p).is_file()] == []


def test_every_topic_the_app_asks_for_is_a_section() -> None:
    anchors = {s.anchor for s in sections(guide_path().read_text(encoding="utf-8"))}
    asked = set()
    for path in UI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "HELP_TOPIC" in text:
            asked |= {a or b for a, b in TOPIC_SET.findall(text)}
    assert {"today", "preparation", "agreement"} <= asked
    assert asked - anchors == set()


def test_contents_and_search(qtbot: QtBot) -> None:
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show_topic("import")
    assert window.current_anchor() == "import" and window.isVisible()
    qtbot.keyClicks(window.search, "month first")
    shown = [
        window.contents.item(r).text()
        for r in range(window.contents.count())
        if not window.contents.item(r).isHidden()
    ]
    assert shown == ["Step by step: importing students, organisations and placements"]
    assert window.browser.textCursor().selectedText().casefold() == "month"
    window.search.setText("zebra crossing")
    assert window.no_match.isVisible()


def test_f1_opens_the_section_of_the_tab_or_editor_in_view(qtbot: QtBot, db: Database) -> None:
    main = MainWindow(db, None)
    qtbot.addWidget(main)
    main.show()
    main.tabs.setCurrentWidget(main.today_view)
    main.help_action.trigger()  # F1
    assert main.show_help().current_anchor() == "today"
    main.tabs.setCurrentWidget(main.funding_view)
    assert main.show_help().current_anchor() == "funding"
    placement = make_placement(db, make_world(db))
    editor = PlacementEditor(db, placement.id, main)
    qtbot.addWidget(editor)
    inside = editor.preparation.findChildren(QWidget)[0]  # any field of the tab
    assert topic_for(inside) == "preparation"
    assert topic_for(editor.fields.title) == "new-placement"
    assert topic_for(editor.costs) == "costs" and topic_for(editor.agreement) == "agreement"
    assert main.help_action.shortcut().toString() == "F1"


def test_f1_in_a_modal_wizard_opens_the_guide_over_it(qtbot: QtBot, db: Database) -> None:
    main = MainWindow(db, None)
    qtbot.addWidget(main)
    main.show()
    dialog = QDialog(main)
    dialog.setProperty(HELP_TOPIC, "agreement")
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    opened: list[str | None] = []

    def press_f1() -> None:
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_F1)
        window = dialog.findChild(HelpWindow)  # a child: usable while the wizard is modal
        opened.append(None if window is None else window.current_anchor())
        dialog.reject()

    QTimer.singleShot(0, press_f1)
    dialog.exec()
    assert opened == ["agreement"]
