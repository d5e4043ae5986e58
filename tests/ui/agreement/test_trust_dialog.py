"""Edit → Trusted certificates: add an authority from a file, see it, remove it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.certificates import Certificates
from tests.helpers.dialogs import MessageBoxes
from vipdesk.db import Database
from vipdesk.services.signatures.trust import trusted_certificates
from vipdesk.ui.agreement.trust_dialog import TrustedCertificatesDialog
from vipdesk.ui.shell.main_window import MainWindow


def test_an_authority_added_from_a_file_is_listed_and_trusted(
    qtbot: QtBot, db: Database, certificates: Certificates, tmp_path: Path
) -> None:
    dialog = TrustedCertificatesDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and not dialog.empty.isHidden()
    assert not dialog.remove_button.isEnabled()
    path = tmp_path / "office-ca.pem"
    path.write_bytes(certificates.ca_pem)
    dialog.add_file(path)
    (trusted,) = trusted_certificates(db)
    assert dialog.list.count() == 1 and dialog.empty.isHidden()
    assert trusted.fingerprint in dialog.list.item(0).text()


def test_a_file_without_a_certificate_is_one_message_and_changes_nothing(
    qtbot: QtBot, db: Database, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    dialog = TrustedCertificatesDialog(db)
    qtbot.addWidget(dialog)
    path = tmp_path / "notes.pem"
    path.write_text("not a certificate", encoding="utf-8")
    dialog.add_file(path)
    (warning,) = message_boxes.texts("warning")
    assert "notes.pem" in warning
    assert trusted_certificates(db) == [] and dialog.list.count() == 0


def test_removing_asks_first_and_no_keeps_it(
    qtbot: QtBot,
    db: Database,
    certificates: Certificates,
    tmp_path: Path,
    message_boxes: MessageBoxes,
) -> None:
    path = tmp_path / "office-ca.pem"
    path.write_bytes(certificates.ca_pem)
    dialog = TrustedCertificatesDialog(db)
    qtbot.addWidget(dialog)
    dialog.add_file(path)
    dialog.list.setCurrentRow(0)
    message_boxes.answers.append(QMessageBox.StandardButton.No)
    dialog.remove_button.click()
    assert len(trusted_certificates(db)) == 1
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    dialog.remove_button.click()
    assert trusted_certificates(db) == [] and dialog.list.count() == 0


def test_the_edit_menu_opens_it(qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.dialogs.trust_action.text() == "&Trusted certificates…"
