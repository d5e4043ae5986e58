"""Starting the app: a database that cannot be used is a message box, never a traceback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from tests.helpers.fake_postgres import refusing_server
from tests.helpers.full_disk import fill_disk_after
from vipdesk.db import Database, data_dir
from vipdesk.errors import VipdeskError
from vipdesk.ui.shell.app import run_app, save_screenshot
from vipdesk.ui.shell.main_window import MainWindow


def app_instance() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def test_a_bad_database_is_one_message_box(
    qtbot: QtBot,
    message_boxes: MessageBoxes,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    letter = tmp_path / "letter.sqlite3"
    letter.write_text("Dear Anna,\n")
    for url, words in (
        (f"sqlite:///{letter}", "not a database file"),
        (f"sqlite:///{tmp_path}", "is a folder"),
        ("postgres://vipdesk@localhost/office", "postgresql+psycopg://"),
        ("not a url", "URL is not understood"),
    ):
        assert run_app(url) == 1
        kind, text = message_boxes.shown[-1]
        assert kind == "critical" and words in text, text
        # and the same one line for whoever started it from a terminal
        assert capsys.readouterr().err == f"vipdesk: {text}\n"
    with refusing_server("3D000", 'database "office" does not exist') as port:
        assert run_app(f"postgresql+psycopg://vipdesk:pw@127.0.0.1:{port}/office") == 1
    assert 'There is no database "office"' in message_boxes.shown[-1][1]
    assert letter.read_text() == "Dear Anna,\n"


def _window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db, None)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_screenshot_goes_through_the_atomic_writer(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    target = tmp_path / "shots" / "main.png"
    save_screenshot(app_instance(), _window(qtbot, db), target)
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1400, 820)
    assert sorted(p.name for p in target.parent.iterdir()) == ["main.png"]


def test_a_screenshot_on_a_full_disk_leaves_the_earlier_one(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "shots" / "main.png"
    target.parent.mkdir()
    target.write_bytes(b"the earlier screenshot")
    window = _window(qtbot, db)
    fill_disk_after(monkeypatch, 1000)
    with pytest.raises(VipdeskError, match="full"):
        save_screenshot(app_instance(), window, target)
    assert target.read_bytes() == b"the earlier screenshot"
    assert sorted(p.name for p in target.parent.iterdir()) == ["main.png"]


def test_a_start_removes_what_killed_writes_left_in_the_data_folder(
    qtbot: QtBot, message_boxes: MessageBoxes
) -> None:
    folder = data_dir()
    folder.mkdir(parents=True)
    leftover = folder / ".vipdesk.sqlite3.0badf00d.part"
    leftover.write_bytes(b"half of a draft")
    os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    assert run_app("not a url") == 1
    assert not leftover.exists()
