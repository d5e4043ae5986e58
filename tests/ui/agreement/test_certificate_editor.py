"""The certificate editor: the mentor's evaluation is what Table D certifies; not saved empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.helpers.follow_up_samples import sample_certificate
from vipdesk.documents.agreement.certificate_content import CertificateData
from vipdesk.ui.agreement.dialogs import CertificateEditor


def press_save(qtbot: QtBot, editor: CertificateEditor) -> None:
    buttons = editor.findChild(QDialogButtonBox)
    assert buttons is not None
    (save,) = [
        b
        for b in buttons.buttons()
        if buttons.buttonRole(b) is QDialogButtonBox.ButtonRole.AcceptRole
    ]
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def test_an_empty_mentor_evaluation_is_refused_beside_the_field(qtbot: QtBot) -> None:
    saved: list[CertificateData] = []
    editor = CertificateEditor(sample_certificate(evaluation=""), saved.append)
    qtbot.addWidget(editor)
    editor.show()
    editor.evaluation.setPlainText("   \n ")
    press_save(qtbot, editor)
    assert saved == []
    assert editor.errors["evaluation"].isVisible()
    assert "mentor's evaluation" in editor.errors["evaluation"].text()
    assert editor.result() != QDialog.DialogCode.Accepted.value
    editor.evaluation.setPlainText("Reliable and curious.")
    press_save(qtbot, editor)
    assert [data.evaluation for data in saved] == ["Reliable and curious."]
    assert not editor.errors["evaluation"].isVisible()
