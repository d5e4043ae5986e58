"""The entry dialog's attachment: a file that is not what its name says, or over 20 MB, is refused
beside the field and nothing is stored; a real one is kept with the entry."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from tests.helpers.monitoring import END, START, monitored_placement, picture
from vipdesk.db import Database
from vipdesk.services.monitoring.attachments import MAX_ATTACHMENT_BYTES
from vipdesk.services.monitoring.log import EntryForm, attachment_of, monitoring_view
from vipdesk.ui.monitoring.entry_editor import EntryEditor

AS_OF = END - timedelta(days=20)


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def _editor(qtbot: QtBot, db: Database) -> tuple[int, EntryEditor]:
    pid = monitored_placement(db)
    view = monitoring_view(db, pid, as_of=AS_OF)
    editor = EntryEditor(db, view, EntryForm(pid, held_on=START + timedelta(days=7)))
    qtbot.addWidget(editor)
    editor.participants.setText("student, mentor")
    return pid, editor


def test_a_file_not_what_its_name_says_is_refused_beside_it(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid, editor = _editor(qtbot, db)
    fake = tmp_path / "report.pdf"
    fake.write_bytes(picture("PNG"))
    _choose(monkeypatch, fake)
    editor.file_button.click()
    assert editor.file_label.text() == "report.pdf"
    editor.save_button.click()
    assert editor.result() != QDialog.DialogCode.Accepted
    assert "named as a PDF but is a PNG inside" in editor._errors["attachment"].text()
    assert monitoring_view(db, pid, as_of=AS_OF).entries == []

    real = tmp_path / "whiteboard.png"
    real.write_bytes(picture("PNG"))
    _choose(monkeypatch, real)
    editor.file_button.click()
    editor.save_button.click()
    assert editor.result() == QDialog.DialogCode.Accepted
    [stored] = monitoring_view(db, pid, as_of=AS_OF).entries
    assert attachment_of(db, stored.id) == ("whiteboard.png", real.read_bytes())


def test_a_file_over_20_mb_is_not_even_read(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid, editor = _editor(qtbot, db)
    huge = tmp_path / "scan.pdf"
    with huge.open("wb") as out:  # sparse: nothing written but its size
        out.truncate(MAX_ATTACHMENT_BYTES + 1)
    _choose(monkeypatch, huge)
    editor.file_button.click()
    assert "scan.pdf is over 20 MB" in editor._errors["attachment"].text()
    assert editor.file_label.text() == "No file"
    editor.save_button.click()
    assert editor.result() == QDialog.DialogCode.Accepted  # the entry, without the file
    [stored] = monitoring_view(db, pid, as_of=AS_OF).entries
    assert stored.attachment_name == ""
