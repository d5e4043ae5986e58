"""Recording a signer vipdesk cannot confirm takes the coordinator's explicit Yes."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.dialogs import MessageBoxes
from vipdesk.errors import UnconfirmedSignerError
from vipdesk.services.signatures.recording import Approval
from vipdesk.ui.agreement.signature_dialogs import (
    RETURNED,
    RecordSignatureDialog,
    SignatureEntry,
)

REASON = "returned.pdf: the signer Mallory is not confirmed: the certificate names Mallory."


def dialog_recording(qtbot, calls: list[SignatureEntry]) -> RecordSignatureDialog:  # type: ignore[no-untyped-def]
    def record(entry: SignatureEntry) -> None:
        calls.append(entry)
        if not entry.confirm_signer:
            raise UnconfirmedSignerError(REASON)

    dialog = RecordSignatureDialog(
        "host", "learning agreement 1", Approval("Jürgen Weiß", signed_on=date.today()), record
    )
    qtbot.addWidget(dialog)
    dialog.set_method(RETURNED)
    dialog.file.setText("returned.pdf")  # never read: `record` is a fake
    return dialog


def test_an_unconfirmed_signer_is_recorded_only_after_yes(
    qtbot: QtBot,
    message_boxes: MessageBoxes,
) -> None:
    calls: list[SignatureEntry] = []
    dialog = dialog_recording(qtbot, calls)
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    dialog.ok_button.click()
    assert [c.confirm_signer for c in calls] == [False, True]
    assert dialog.result() == dialog.DialogCode.Accepted
    asked = message_boxes.texts("question")
    assert len(asked) == 1 and REASON in asked[0] and "kept in the placement's history" in asked[0]


def test_no_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot,
    message_boxes: MessageBoxes,
) -> None:
    calls: list[SignatureEntry] = []
    dialog = dialog_recording(qtbot, calls)
    dialog.ok_button.click()  # the box answers No by default
    assert [c.confirm_signer for c in calls] == [False]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.banner.text() == REASON
