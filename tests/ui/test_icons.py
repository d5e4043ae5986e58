"""Icons: an open-licensed family, drawn in the scheme's colour, on the main actions and tabs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QToolBar
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_placement, make_world
from vipdesk.db import Database
from vipdesk.ui import theme
from vipdesk.ui.icons import FOLDER, NAMES, icon
from vipdesk.ui.placements.editor import PlacementEditor
from vipdesk.ui.shell.main_window import MainWindow


@pytest.fixture
def light_again(qapp: QApplication) -> Iterator[None]:
    yield
    theme.apply(qapp, theme.Preference.LIGHT)


def test_the_icons_come_with_their_licence() -> None:
    assert "MIT License" in (FOLDER / "LICENSE").read_text()
    assert len(NAMES) >= 25
    with pytest.raises(KeyError, match="no icon named"):
        icon("no-such-icon")


def _ink(qicon: QIcon, size: int, mode: QIcon.Mode = QIcon.Mode.Normal) -> str:
    image = qicon.pixmap(size, size, mode).toImage()
    inked = [
        image.pixelColor(x, y)
        for y in range(size)
        for x in range(size)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert inked, "the icon drew nothing"
    return inked[0].name()


def test_an_icon_is_drawn_in_the_text_colour_of_either_scheme(
    qapp: QApplication, light_again: None
) -> None:
    plus = icon("plus")
    assert _ink(plus, 48) == theme.SCHEMES[theme.Scheme.LIGHT].text
    assert _ink(plus, 24, QIcon.Mode.Disabled) == theme.SCHEMES[theme.Scheme.LIGHT].muted
    theme.apply(qapp, theme.Preference.DARK)
    assert _ink(plus, 48) == theme.SCHEMES[theme.Scheme.DARK].text  # the same icon, redrawn
    at_200 = plus.pixmap(QSize(24, 24), 2.0)  # a 24 px toolbar icon on a 200 % screen
    assert (at_200.width(), at_200.devicePixelRatio()) == (48, 2.0)  # drawn at 48, not scaled


def test_the_toolbar_the_tabs_and_the_editor_tabs_have_icons(qtbot: QtBot, db: Database) -> None:
    placement = make_placement(db, make_world(db))
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    [toolbar] = window.findChildren(QToolBar)
    assert all(not a.icon().isNull() for a in toolbar.actions())
    assert all(not window.tabs.tabIcon(i).isNull() for i in range(window.tabs.count()))
    editor = PlacementEditor(db, placement.id)
    qtbot.addWidget(editor)
    editor.resize(1600, 900)  # where the names fit beside them (see ui/tabs.py)
    editor.show()
    qtbot.waitUntil(lambda: editor.side.width() > 800)
    assert all(not editor.side.tabIcon(i).isNull() for i in range(editor.side.count()))
