"""Issue 20: a coordinator without a mouse creates a placement and reaches its agreement."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.factories import World, make_world
from vipdesk.db import Database
from vipdesk.services.placements.records import load_placement
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.shell.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(
    qtbot: QtBot, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focus(), which, modifier)


def tab_to(qtbot: QtBot, target: QWidget, limit: int = 60) -> list[QWidget]:
    """Press Tab until `target` (or a part of it) has the focus; the widgets passed on the way."""
    passed: list[QWidget] = []
    for _ in range(limit):
        if focus() is target or target.isAncestorOf(focus()):
            return passed
        passed.append(focus())
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r}; it went through {passed[-8:]}")


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """The offscreen platform may leave a closed pop-up list as the active window, where a
    desktop gives the window back: give it back, as the window manager would."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def test_new_placement_to_agreement_tab_by_keyboard_alone(qtbot: QtBot, db: Database) -> None:
    world: World = make_world(db)
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    key(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: bool(window.findChildren(PlacementEditor)))
    [editor] = window.findChildren(PlacementEditor)
    qtbot.waitUntil(editor.isActiveWindow)
    fields = editor.fields

    # The student first: typing looks them up, Down and Enter take the match.
    tab_to(qtbot, fields.student.line)
    qtbot.keyClicks(focus(), "ukasz")
    popup = fields.student.completer.popup()
    assert popup is not None
    qtbot.waitUntil(lambda: popup.isVisible() and fields.student.completer.completionCount() == 1)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible() and fields.student.current_id() is not None)
    back_to(qtbot, editor)

    passed = tab_to(qtbot, fields.host.line)
    assert fields.title not in passed  # the form is walked top to bottom
    qtbot.keyClicks(focus(), "nordlicht")
    hosts = fields.host.completer.popup()
    assert hosts is not None
    qtbot.waitUntil(lambda: hosts.isVisible() and fields.host.completer.completionCount() == 1)
    qtbot.keyClick(hosts, Qt.Key.Key_Down)
    qtbot.keyClick(hosts, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not hosts.isVisible() and fields.host.current_id() is not None)
    back_to(qtbot, editor)

    tab_to(qtbot, fields.mentor)
    key(qtbot, Qt.Key.Key_Down)  # the host's one mentor
    tab_to(qtbot, fields.title)
    qtbot.keyClicks(focus(), "Data analyst (virtual)")
    for field, typed in ((fields.planned_start, "2027-02-01"), (fields.planned_end, "2027-04-30")):
        tab_to(qtbot, field)
        qtbot.keyClicks(focus(), typed)

    with qtbot.waitSignal(editor.saved):
        key(qtbot, Qt.Key.Key_S, CTRL)
    stored = load_placement(db, editor.current_form()[0].id)  # type: ignore[arg-type]
    assert (stored.student_id, stored.host_id, stored.mentor_id) == (
        world.student_id,
        world.host_id,
        world.mentor_id,
    )
    assert stored.title == "Data analyst (virtual)"

    # On to the side tabs: Tab reaches their bar, the arrow keys go through them.
    tabs = editor.side
    tab_to(qtbot, tabs.tabBar())
    assert isinstance(focus(), QTabBar)
    for _ in range(tabs.count()):
        if tabs.currentWidget() is editor.agreement:
            break
        key(qtbot, Qt.Key.Key_Right)
    assert tabs.currentWidget() is editor.agreement
