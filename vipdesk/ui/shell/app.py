"""Starting the application: Qt, settings, the database, the main window."""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from vipdesk import __version__
from vipdesk.db import Database, data_dir, demo_database_url, open_database
from vipdesk.documents.files import remove_leftovers, write_atomically
from vipdesk.errors import VipdeskError
from vipdesk.resources import resources_dir
from vipdesk.ui import theme
from vipdesk.ui.i18n import chosen_language, install_language, tr
from vipdesk.ui.phrases import error_text
from vipdesk.ui.shell.display import check_display
from vipdesk.ui.shell.logs import log_file

if TYPE_CHECKING:
    from vipdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


def app_settings() -> QSettings:
    """Window layout and preferences, kept beside the database in the data folder."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def open_demo_database() -> Database:
    """The demo database in the data folder, filled with sample data on first use."""
    # late: only the demo database needs the sample-data generator (~30 ms of start-up)
    from vipdesk.services.demo.fill import ensure_demo

    database = open_database(demo_database_url())
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        ensure_demo(database)
    finally:
        QGuiApplication.restoreOverrideCursor()
    return database


class Application:
    """Owns the window and its database; can switch to the demo database."""

    def __init__(self, settings: QSettings | None) -> None:
        self.settings = settings
        self.window: MainWindow | None = None
        self.database: Database | None = None

    def show(self, database: Database) -> MainWindow:
        # Window modules keep texts in constants, translated when the module is imported.
        # late: after the interface language is installed
        from vipdesk.ui.shell.main_window import MainWindow

        old_window, old_database = self.window, self.database
        self.database = database
        self.window = MainWindow(database, self.settings)
        self.window.demo_requested.connect(self._on_demo_requested)
        self.window.show()
        if old_window is not None:
            old_window.save_layout()
            old_window.deleteLater()
        if old_database is not None and old_database is not database:
            old_database.dispose()
        return self.window

    def _on_demo_requested(self) -> None:
        try:
            self.show(open_demo_database())
        except VipdeskError as exc:
            QMessageBox.warning(self.window, tr("Cannot open the demo"), error_text(exc))


def _install_excepthook() -> None:
    """A bug shows a message and is logged with its traceback; the app keeps running."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        # Through the log file's formatter, which keeps the traceback and drops the message.
        log.error("Unexpected error", exc_info=(kind, value, tb))
        if isinstance(value, VipdeskError):
            QMessageBox.warning(None, "vipdesk", str(value))
            return
        QMessageBox.critical(
            None,
            tr("vipdesk: unexpected error"),
            tr(
                "Something went wrong that vipdesk did not expect ({kind}). What you "
                "saved is safe. Details are in {value}."
            ).format(kind=kind.__name__, value=data_dir() / "vipdesk.log"),
        )

    sys.excepthook = hook


def run_app(
    database_url: str | None,
    screenshot: str | None = None,
    color_scheme: str | None = None,
    language: str | None = None,
) -> int:
    """Open the window on `database_url` (None: the demo). With `screenshot`, save and exit.

    `color_scheme` ("system", "light", "dark") overrides the one chosen in View → Colour scheme,
    `language` (a code of `vipdesk.languages.LANGUAGES`) the one chosen in Settings → Language.

    Raises:
        DisplayError: no display, or a library Qt needs is missing (Qt would abort).
    """
    if QApplication.instance() is None:
        if screenshot:  # a screenshot is rendered offscreen: no display needed, no window shown
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        check_display()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("vipdesk")
    app.setOrganizationName("vipdesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "vipdesk.svg")))
    app.setDesktopFileName("vipdesk")  # lets Wayland match the window to vipdesk.desktop
    chosen = color_scheme or app_settings().value(theme.SETTING, theme.Preference.SYSTEM)
    theme.apply(app, theme.parse_preference(chosen))
    install_language(language or chosen_language(None if screenshot else app_settings()))
    with log_file(data_dir()):
        remove_leftovers(data_dir())  # of a write killed in an earlier run
        return _run(app, database_url, screenshot)


def _run(app: QApplication, database_url: str | None, screenshot: str | None) -> int:
    try:
        database = open_demo_database() if database_url is None else open_database(database_url)
    except VipdeskError as exc:
        if screenshot:
            raise
        print(f"vipdesk: {exc}", file=sys.stderr)  # the one line, also for whoever started it
        QMessageBox.critical(None, tr("vipdesk cannot open the database"), error_text(exc))
        return 1
    # A screenshot shows the default layout, whatever the user last arranged.
    application = Application(None if screenshot else app_settings())
    window = application.show(database)
    # What start-up loaded lives as long as the window: keep the cycle collector off it.
    gc.freeze()
    if screenshot:
        try:
            save_screenshot(app, window, Path(screenshot))
        finally:
            window.close()
            database.dispose()
        return 0
    _install_excepthook()
    code = app.exec()
    database.dispose()
    return code


def save_screenshot(app: QApplication, window: MainWindow, target: Path) -> None:
    """Render the window offscreen and write it through the atomic writer: a full disk or a
    kill leaves any earlier file as it was, never a truncated image.

    Raises:
        VipdeskError: the format is unknown, or the file cannot be written.
    """
    window.resize(1400, 820)
    for _ in range(5):
        app.processEvents()
    encoded = QByteArray()
    buffer = QBuffer(encoded)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    kind = target.suffix.lstrip(".").upper() or "PNG"
    if not window.grab().save(buffer, kind):
        raise VipdeskError(f"Cannot write a screenshot as {kind}: name the file ….png.")
    buffer.close()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise VipdeskError(f"Cannot make the folder {target.parent}: {exc.strerror}.") from exc
    write_atomically(target, bytes(encoded.data()))
