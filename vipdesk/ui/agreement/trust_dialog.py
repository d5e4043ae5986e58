"""Edit → Trusted certificates: the authorities whose signers vipdesk confirms.

A digital signature counts as confirmed when its certificate comes from an authority trusted
here (the office's own CA, a qualified issuer the office imports) or was accepted before for
that signer. The list lives in the database, so every coordinator of the office shares it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database, current_user
from vipdesk.errors import VipdeskError
from vipdesk.services.signatures.trust import (
    forget_certificate,
    trust_certificates,
    trusted_certificates,
)
from vipdesk.ui.agreement.actions import read_file
from vipdesk.ui.i18n import tr
from vipdesk.ui.phrases import error_text
from vipdesk.ui.spreadsheets.export_dialog import default_folder

CERTIFICATE_FILTER = tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)")
TITLE = tr("Trusted certificates")


class TrustedCertificatesDialog(QDialog):
    """The trusted authorities: add one from a certificate file, remove the selected one."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(TITLE)
        self.resize(720, 360)
        intro = QLabel(
            tr(
                "Signatures whose certificate was issued by one of these authorities are confirmed "
                "when the signer's name matches the person recorded for that party."
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(TITLE)
        self.list.setAccessibleDescription(
            tr("The authorities whose signatures count as confirmed")
        )
        self.list.setWordWrap(True)
        self.empty = QLabel(
            tr(
                "No certificate is trusted yet: signers are confirmed only by the certificate "
                "accepted before for them."
            )
        )
        self.empty.setWordWrap(True)
        self.add_button = QPushButton(tr("&Add certificate file…"))
        self.remove_button = QPushButton(tr("&Remove"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self._on_add)
        self.remove_button.clicked.connect(self._on_remove)
        self.list.currentRowChanged.connect(self._on_selection)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for certificate in trusted_certificates(self.db):
            item = QListWidgetItem(certificate.describe())
            item.setData(Qt.ItemDataRole.UserRole, certificate.fingerprint)
            self.list.addItem(item)
        self.empty.setVisible(self.list.count() == 0)
        self._on_selection(self.list.currentRow())

    def add_file(self, path: Path) -> None:
        """Trust the certificates in `path`; a message if it holds none."""
        try:
            added = trust_certificates(self.db, read_file(path), path.name, current_user())
        except VipdeskError as exc:
            QMessageBox.warning(self, TITLE, error_text(exc))
            return
        self.reload()
        names = ", ".join(certificate.name for certificate in added)
        QMessageBox.information(
            self, TITLE, tr("Trusted from now on: {names}.").format(names=names)
        )

    def _on_add(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("Trust a certificate"), str(default_folder()), CERTIFICATE_FILTER
        )
        if chosen:
            self.add_file(Path(chosen))

    def _on_remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            TITLE,
            tr("Trust this certificate no longer?\n\n{text}").format(text=item.text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            forget_certificate(self.db, str(item.data(Qt.ItemDataRole.UserRole)), current_user())
        except VipdeskError as exc:
            QMessageBox.warning(self, TITLE, error_text(exc))
        self.reload()

    def _on_selection(self, row: int) -> None:
        self.remove_button.setEnabled(row >= 0)
