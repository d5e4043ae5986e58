"""Settings → E-mail: the office's mail server and sender, the password, and the templates.

The password goes to the system's credential store when saved and is never shown again; a
field left empty keeps the stored one. "Send a test message" sends to the sender's own address
with what is typed (saved or not), so a setting can be tried before it is kept. The Templates
tab holds the office's wording of each message, checked for unknown placeholders on saving.
"""

from __future__ import annotations

import ssl

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database, current_user
from vipdesk.errors import ValidationError, VipdeskError
from vipdesk.services.mail import templates as mail_templates
from vipdesk.services.mail.compose import Draft, build_message
from vipdesk.services.mail.settings import (
    MailSettings,
    Security,
    check_mail_settings,
    load_mail_settings,
    password,
    save_mail_settings,
    store_password,
)
from vipdesk.services.mail.smtp import send_test
from vipdesk.services.mail.templates import SIGNATURE, fill, fill_signature
from vipdesk.ui.i18n import tr
from vipdesk.ui.labels import language, shown
from vipdesk.ui.phrases import error_text, problem_text
from vipdesk.ui.widgets import ErrorLabel, add_field, name_for_screen_readers


class ServerPage(QWidget):
    def __init__(self, settings: MailSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.host = QLineEdit(settings.host)
        self.host.setPlaceholderText("smtp.example.edu")
        self.errors: dict[str, ErrorLabel] = {}
        self.errors["host"] = add_field(form, tr("Server"), self.host)
        self.security = QComboBox()
        for security in Security:
            self.security.addItem(shown(security.label), security)
        self.security.setCurrentIndex(list(Security).index(settings.security))
        self.errors["security"] = add_field(form, tr("Security"), self.security)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(settings.port)
        self.errors["port"] = add_field(form, tr("Port"), self.port)
        self.security.currentIndexChanged.connect(
            lambda _i: self.port.setValue(Security(self.security.currentData()).default_port)
        )
        self.username = QLineEdit(settings.username)
        self.errors["username"] = add_field(form, tr("User name"), self.username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        stored = password(settings) is not None
        self.password.setPlaceholderText(
            tr("stored in the system's credential store") if stored else tr("not stored")
        )
        self.errors["password"] = add_field(form, tr("Password"), self.password)
        self.sender_name = QLineEdit(settings.sender_name)
        self.sender_name.setPlaceholderText(tr("International Office, University of …"))
        self.errors["sender_name"] = add_field(form, tr("Sender name"), self.sender_name)
        self.sender_address = QLineEdit(settings.sender_address)
        self.errors["sender_address"] = add_field(form, tr("Sender address"), self.sender_address)
        self.reply_to = QLineEdit(settings.reply_to)
        self.errors["reply_to"] = add_field(form, tr("Reply-to"), self.reply_to)
        self.test_button = QPushButton(tr("Send a &test message"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.test_result, 1)
        form.addRow(row)

    def settings(self) -> MailSettings:
        return MailSettings(
            host=self.host.text().strip(),
            port=self.port.value(),
            security=Security(self.security.currentData()),
            username=self.username.text().strip(),
            sender_name=self.sender_name.text().strip(),
            sender_address=self.sender_address.text().strip(),
            reply_to=self.reply_to.text().strip(),
        )

    def show_problems(self, exc: ValidationError) -> None:
        for label in self.errors.values():
            label.clear_message()
        for problem in exc.problems:
            self.errors.get(problem.field, self.errors["host"]).show_message(problem_text(problem))


class TemplatesPage(QWidget):
    """Each message's wording; the signature that ends them all."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.list = QListWidget()
        self.list.setMinimumWidth(290)
        self.list.setMaximumWidth(320)
        name_for_screen_readers(
            self.list, tr("Messages"), tr("Each message vipdesk sends; choose one")
        )
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)
        self.subject_error = ErrorLabel()
        self.body_error = ErrorLabel()
        names = ", ".join(f"{{{k}}}" for k in mail_templates.placeholders())
        self.hint = QLabel(tr("Placeholders: {names}").format(names=names))
        self.hint.setWordWrap(True)
        self.save_button = QPushButton(tr("Save &wording"))
        self.restore_button = QPushButton(tr("&Restore the shipped text"))
        form = QFormLayout()
        form.addRow(tr("Subject:"), self.subject)
        form.addRow("", self.subject_error)
        form.addRow(tr("Text:"), self.body)
        form.addRow("", self.body_error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form, 1)
        right.addWidget(self.hint)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)
        self.list.currentRowChanged.connect(self._on_row)
        self.save_button.clicked.connect(self.save)
        self.restore_button.clicked.connect(self.restore)
        self.keys: list[str] = []
        self._shown: str | None = None
        self.reload()

    def reload(self, key: str | None = None) -> None:
        with self._db.session() as session:
            wording = mail_templates.templates(session)
            signature = mail_templates.signature_text(session)
        # Named in the interface's language; the wording edited here is the English one.
        titles = {k: t.title for k, t in mail_templates.shipped_templates(language()).items()}
        self.wording = {
            k: (titles.get(k, t.title), t.subject, t.body, t.customised) for k, t in wording.items()
        }
        customised = signature != mail_templates.shipped_signature()
        self.wording[SIGNATURE] = (tr("Signature (ends every message)"), "", signature, customised)
        self.keys = list(self.wording)
        self.list.blockSignals(True)
        self.list.clear()
        for k in self.keys:
            title, _s, _b, own = self.wording[k]
            self.list.addItem(tr("{title} (office wording)").format(title=title) if own else title)
        self.list.blockSignals(False)
        self.list.setCurrentRow(self.keys.index(key) if key in self.keys else 0)
        self._show()

    def _on_row(self, row: int) -> None:
        """Moving to another message keeps what was typed in this one, or stays if it is wrong."""
        previous = self._shown
        if previous is not None and previous != self.keys[row] and self._typed_differs(previous):
            self.list.blockSignals(True)
            self.list.setCurrentRow(self.keys.index(previous))
            self.list.blockSignals(False)
            if not self.save():
                return
            self.list.setCurrentRow(row)
            return
        self._show()

    def _typed_differs(self, key: str) -> bool:
        _title, subject, body, _own = self.wording[key]
        return (self.subject.text(), self.body.toPlainText()) != (subject, body)

    def current_key(self) -> str:
        return self.keys[max(0, self.list.currentRow())]

    def _show(self) -> None:
        key = self.current_key()
        self._shown = key
        _title, subject, body, _own = self.wording[key]
        self.subject.setText(subject)
        self.subject.setEnabled(key != SIGNATURE)
        self.body.setPlainText(body)
        self.subject_error.clear_message()
        self.body_error.clear_message()

    def dirty(self) -> bool:
        return self._typed_differs(self.current_key())

    def save(self) -> bool:
        key = self.current_key()
        try:
            mail_templates.save_wording(
                self._db, key, self.subject.text(), self.body.toPlainText(), current_user()
            )
        except ValidationError as exc:
            for problem in exc.problems:
                target = self.subject_error if problem.field == "subject" else self.body_error
                target.show_message(problem_text(problem))
            return False
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Mail templates"), error_text(exc))
            return False
        self.reload(key)
        return True

    def restore(self) -> None:
        key = self.current_key()
        mail_templates.restore_shipped(self._db, key, current_user())
        self.reload(key)


class MailSettingsDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(tr("E-mail settings"))
        self.resize(760, 560)
        self.server = ServerPage(load_mail_settings(db))
        self.templates = TemplatesPage(db)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.server, tr("&Server and sender"))
        self.tabs.addTab(self.templates, tr("&Messages"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        self.server.test_button.clicked.connect(self.send_test_message)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.ssl_context: ssl.SSLContext | None = None  # tests: trust their own server's

    def _secret(self, settings: MailSettings) -> str | None:
        return self.server.password.text() or password(settings)

    def send_test_message(self) -> None:
        settings = self.server.settings()
        try:
            check_mail_settings(settings)
            if not settings.configured:
                raise ValidationError.single("host", "Give the server and the sender address.")
        except ValidationError as exc:
            self.server.show_problems(exc)
            return
        with self._db.session() as session:
            chosen = mail_templates.template(session, "test_message")
            signature = mail_templates.signature_text(session)
        values = {
            "signature": fill_signature(signature, settings, ""),
        }
        draft = Draft([settings.sender], fill(chosen.subject, values), fill(chosen.body, values))
        try:
            reply = send_test(
                settings,
                self._secret(settings),
                build_message(draft, settings.sender),
                ssl_context=self.ssl_context,
            )
        except VipdeskError as exc:
            self.server.test_result.setText(tr("Not sent: {exc}").format(exc=error_text(exc)))
            return
        self.server.test_result.setText(
            tr("Sent to {sender_address}; the server answered {reply}.").format(
                reply=reply, sender_address=settings.sender_address
            )
        )

    def _on_save(self) -> None:
        if self.templates.dirty() and not self.templates.save():
            self.tabs.setCurrentWidget(self.templates)
            return
        settings = self.server.settings()
        try:
            save_mail_settings(self._db, settings, current_user())
        except ValidationError as exc:
            self.tabs.setCurrentWidget(self.server)
            self.server.show_problems(exc)
            return
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("E-mail settings"), error_text(exc))
            return
        secret = self.server.password.text()
        if secret:
            try:
                kept = store_password(settings, secret)
            except VipdeskError as exc:
                self.server.show_problems(ValidationError.single("password", error_text(exc)))
                return
            if not kept:
                QMessageBox.information(
                    self,
                    tr("E-mail settings"),
                    tr(
                        "This computer has no credential store: the password is kept until vipdesk "
                        "is closed, and will be asked for again."
                    ),
                )
        self.accept()
