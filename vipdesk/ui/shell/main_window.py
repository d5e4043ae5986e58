"""The main window: placements, students, organisations and contacts, on one database."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vipdesk.db import Database, describe_url
from vipdesk.errors import VipdeskError
from vipdesk.services.placements import records as placements
from vipdesk.services.placements.attention import NextSteps
from vipdesk.services.placements.catalogue import PlacementCatalogue, load_row
from vipdesk.services.worklist.due import Urgency, WorkList, work_list
from vipdesk.ui import theme
from vipdesk.ui.help.window import HELP_TOPIC, GuideOpener, HelpWindow
from vipdesk.ui.i18n import tr, with_counts
from vipdesk.ui.icons import icon
from vipdesk.ui.labels import NAMES
from vipdesk.ui.mail.window_actions import MailActions, mail_files
from vipdesk.ui.phrases import error_text
from vipdesk.ui.placements.view import PlacementsView
from vipdesk.ui.shell.appearance import add_language_menu, add_scheme_menu
from vipdesk.ui.shell.window_dialogs import WindowDialogs
from vipdesk.ui.spreadsheets.menu import SpreadsheetActions
from vipdesk.ui.today.view import TodayView

if TYPE_CHECKING:
    from vipdesk.ui.placements.editor import PlacementEditor

log = logging.getLogger(__name__)

# The placements list's columns and order. Renamed when the "Next step" column came: a layout
# saved before would bring back the old default order (newest drafts first).
HEADER_KEY = "placements/header-v2"


class MainWindow(QMainWindow):
    demo_requested = Signal()

    def __init__(self, db: Database, settings: QSettings | None = None) -> None:
        super().__init__()
        self._db = db
        self._settings = settings
        self.setWindowTitle(
            tr("vipdesk — {describe_url}").format(describe_url=describe_url(db.url))
        )
        self.resize(1280, 800)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.retry_button = QPushButton(tr("Try again"))
        self.retry_button.clicked.connect(self.reload)
        banner_row = QWidget()
        banner_row.setStyleSheet(f"background: {theme.colours().boxes['warning'].bg};")
        row = QHBoxLayout(banner_row)
        row.addWidget(self.banner, 1)
        row.addWidget(self.retry_button)
        self.banner_row = banner_row
        self.banner_row.setVisible(False)

        self.placements_view = PlacementsView()
        self.placements_view.open_requested.connect(self.open_placement)
        self.placements_view.new_requested.connect(self.new_placement)
        self.placements_view.delete_requested.connect(self.delete_placement)
        self.placements_view.demo_requested.connect(self.demo_requested)
        self.today_view = TodayView(db)
        self.today_view.open_requested.connect(self.open_placement)
        self.today_view.changed.connect(self.reload_work_list)
        self.today_view.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(tr("Sections"))
        self.tabs.addTab(self.today_view, tr("&Today"))  # the first thing a coordinator sees
        self.tabs.addTab(self.placements_view, tr("&Placements"))
        self._add_people_tabs()
        for view, topic in ((self.today_view, "today"), (self.placements_view, "placements"),
                            (self.funding_view, "funding")):  # fmt: skip
            view.setProperty(HELP_TOPIC, topic)  # F1's section of the user guide
        for view in self._people_views():
            view.setProperty(HELP_TOPIC, "people")

        self.mail = MailActions(self, db, self.tabs, self.open_placement, self.reload_work_list)
        self.mail.outbox.setProperty(HELP_TOPIC, "mail")
        self.setAcceptDrops(True)  # a received .eml dropped on the window is imported
        # Mail left in the outbox by the last run (closed or killed while sending) goes on.
        QTimer.singleShot(1500, self.mail, self.mail.resume)  # not once the window is gone

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner_row)
        layout.addWidget(self.tabs)
        self.setCentralWidget(central)
        self._build_actions()
        self.statusBar().showMessage(describe_url(db.url))
        self._restore_layout()
        self.reload()

    def _add_people_tabs(self) -> None:
        # late: ~35 ms that only building the window needs, not importing this module
        from vipdesk.ui.people.views import (
            ContactsView,
            InstitutionsView,
            OrganisationsView,
            StudentsView,
        )

        # Read only when their tab is first opened: start-up shows the placements at once.
        self.students_view = StudentsView(self._db, lazy=True)
        self.organisations_view = OrganisationsView(self._db, lazy=True)
        self.contacts_view = ContactsView(self._db, lazy=True)
        self.institutions_view = InstitutionsView(self._db, lazy=True)
        self.tabs.addTab(self.students_view, tr("&Students"))
        self.tabs.addTab(self.organisations_view, tr("&Organisations"))
        self.tabs.addTab(self.contacts_view, tr("&Contacts"))
        self.tabs.addTab(self.institutions_view, tr("&Institutions"))
        # late: ~40 ms that only building the window needs, like the people tabs
        from vipdesk.ui.funding.view import FundingView

        # Read when its tab is first shown.
        self.funding_view = FundingView(self._db, lazy=True)
        self.tabs.addTab(self.funding_view, tr("F&unding"))  # Alt+F stays with the File menu
        # A renamed student or host shows in the placements list too.
        for view in self._people_views():
            view.changed.connect(self._reload_placements_later)

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(tr("&File"))
        self.new_action = QAction(
            tr("&New placement…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.New)
        )
        self.new_action.triggered.connect(self.new_placement)
        self.refresh_action = QAction(
            tr("&Refresh"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh)
        )
        self.refresh_action.triggered.connect(self.reload)
        quit_action = QAction(
            tr("&Quit"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit)
        )
        quit_action.triggered.connect(self.close)
        file_menu.addActions([self.new_action, self.refresh_action])
        file_menu.addSeparator()
        self.spreadsheets = SpreadsheetActions(
            self, self._db, self.placements_view, self._reload_placements_later,
            self.mail.email_report,
        )  # fmt: skip
        self.spreadsheets.add_to(file_menu)
        self.import_actions = self.spreadsheets.import_actions
        self.export_report_action = self.spreadsheets.export_report_action
        self.dialogs = WindowDialogs(self, self._db, self.placements_view, self.reload)
        file_menu.addAction(self.dialogs.export_agreements_action)
        settings_menu = QMenu(tr("Settin&gs"), self)
        self.mail.add_to(file_menu, settings_menu)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        edit_menu = menu.addMenu(tr("&Edit"))
        self.find_action = QAction(
            tr("&Find…"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Find)
        )
        self.find_action.triggered.connect(self._on_find)
        self.open_action = QAction(tr("&Open placement"), self)
        self.open_action.triggered.connect(self._open_current)
        self.delete_action = QAction(tr("&Delete placement…"), self)
        self.delete_action.triggered.connect(self._delete_current)
        edit_menu.addActions(
            [self.find_action, self.open_action, self.delete_action, self.dialogs.deleted_action]
        )
        edit_menu.addSeparator()
        edit_menu.addAction(self.dialogs.trust_action)

        view_menu = menu.addMenu(tr("&View"))
        self.scheme_actions = add_scheme_menu(self, view_menu, self._settings)

        settings_menu.addSeparator()
        self.language_actions = add_language_menu(self, settings_menu, self._settings)
        menu.addMenu(settings_menu)
        help_menu = menu.addMenu(tr("&Help"))
        self.guide = GuideOpener(self, self.tabs.currentWidget)  # F1, in every window
        self.help_action = self.guide.action
        help_menu.addAction(self.help_action)
        help_menu.addActions([self.dialogs.keys_action, self.dialogs.about_action])

        toolbar = self.addToolBar(tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions(
            [self.new_action, self.open_action, self.delete_action, self.refresh_action]
        )
        self._set_icons(quit_action)

    def _set_icons(self, quit_action: QAction) -> None:
        dialogs = self.dialogs
        for name, action in (
            ("plus", self.new_action), ("folder-open", self.open_action),
            ("trash", self.delete_action), ("refresh", self.refresh_action),
            ("search", self.find_action), ("restore", dialogs.deleted_action),
            ("certificate", dialogs.trust_action),
            ("file-export", dialogs.export_agreements_action),
            ("file-spreadsheet", self.export_report_action), ("help", self.help_action),
            ("keyboard", dialogs.keys_action), ("info-circle", dialogs.about_action),
            ("logout", quit_action),
            *(("file-import", action) for action in self.import_actions.values()),
            ("mail", self.mail.import_action), ("mail", self.mail.settings_action),
        ):  # fmt: skip
            action.setIcon(icon(name))
        tab_icons = ("calendar-due", "briefcase", "school", "building", "address-book",
                     "building-bank", "coin", "send")  # fmt: skip
        for index, name in enumerate(tab_icons):
            self.tabs.setTabIcon(index, icon(name))

    # --- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every placement and the work list again (start, F5, after a lost connection)."""
        try:
            worklist = work_list(self._db)
            catalogue = PlacementCatalogue.load(
                self._db,
                sort=self.placements_view.model.catalogue.sort_order,
                next_steps=NextSteps.of(worklist),
                names=NAMES,
            )
        except VipdeskError as exc:
            self.show_problem(error_text(exc))
            return
        self.banner_row.setVisible(False)
        self.placements_view.set_catalogue(catalogue)
        self._show_work_list(worklist)
        for view in self._people_views():
            view.reload()

    def reload_work_list(self) -> None:
        """Read the work list again (after a save, a snooze, new rules), not the placements."""
        try:
            worklist = work_list(self._db)
        except VipdeskError as exc:
            self.show_problem(error_text(exc))
            return
        self.placements_view.set_next_steps(NextSteps.of(worklist))
        self._show_work_list(worklist)

    def _show_work_list(self, worklist: WorkList) -> None:
        self.today_view.show_list(worklist)
        due = len(worklist.items)
        self.tabs.setTabText(
            self.tabs.indexOf(self.today_view), with_counts(tr("&Today ({due:,})"), due=due)
        )
        overdue = worklist.counts.get(Urgency.OVERDUE, 0)
        placements = len(self.placements_view.model.catalogue)
        self.statusBar().showMessage(
            with_counts(
                tr(
                    "{due:,} due · {overdue:,} overdue · {placements:,} placements · {describe_url}"
                ),
                due=due,
                overdue=overdue,
                placements=placements,
                describe_url=describe_url(self._db.url),
            )
        )

    def _people_views(self) -> list[Any]:
        return [
            self.students_view,
            self.organisations_view,
            self.contacts_view,
            self.institutions_view,
        ]

    def _reload_placements_later(self) -> None:
        QTimer.singleShot(0, self.reload)

    def show_problem(self, message: str) -> None:
        self.banner.setText(message)
        self.banner_row.setVisible(True)

    def _refresh_placement(self, placement_id: int) -> None:
        try:
            row = load_row(self._db, placement_id, NAMES)
        except VipdeskError as exc:
            self.show_problem(error_text(exc))
            return
        self.placements_view.model.refresh_row(row, placement_id)
        self.reload_work_list()  # a save may have done an item, or made one due
        self.placements_view.after_change()
        self.placements_view.select_placement(placement_id)
        self.students_view.reload()  # placement counts per student and host
        self.organisations_view.reload()

    # --- commands --------------------------------------------------------------------------

    def open_placement(
        self, placement_id: int | None = None, tab: str | None = None
    ) -> PlacementEditor | None:
        """Open a placement (a new one when None), on the side tab named `tab` if given."""
        # late: the editor and its tabs load reportlab and pyHanko (~1 s): on first open only
        from vipdesk.ui.placements.editor import PlacementEditor

        try:
            editor = PlacementEditor(self._db, placement_id, self)
        except VipdeskError as exc:
            QMessageBox.warning(self, tr("Cannot open the placement"), error_text(exc))
            if placement_id is not None:
                self._refresh_placement(placement_id)
            return None
        editor.saved.connect(self._refresh_placement)
        editor.deleted.connect(self._refresh_placement)
        # Ticks, questionnaires and signatures recorded in the editor may do an item.
        editor.finished.connect(lambda _result: self.reload_work_list())
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if tab is not None:
            editor.show_tab(tab)
        editor.show()
        return editor

    def new_placement(self) -> PlacementEditor | None:
        self.tabs.setCurrentWidget(self.placements_view)
        return self.open_placement(None)

    def _open_current(self) -> None:
        placement_id = self.placements_view.current_placement_id()
        if placement_id is not None:
            self.open_placement(placement_id)

    def _delete_current(self) -> None:
        placement_id = self.placements_view.current_placement_id()
        if placement_id is not None:
            self.delete_placement(placement_id)

    def delete_placement(self, placement_id: int) -> None:
        row = self.placements_view.model.catalogue.row(
            self.placements_view.model.catalogue.index_of(placement_id) or 0
        )
        answer = QMessageBox.question(
            self,
            tr("Delete placement"),
            tr(
                "Delete {reference} — {student} at {host}? Its checklist goes with it. "
                "This cannot be undone."
            ).format(reference=row.reference, student=row.student, host=row.host),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            placements.delete_placement(self._db, placement_id)
        except VipdeskError as exc:
            self.show_problem(error_text(exc))
            return
        self._refresh_placement(placement_id)
        self.statusBar().showMessage(
            tr("Deleted {reference}.").format(reference=row.reference), 5000
        )

    def _on_find(self) -> None:
        self.tabs.setCurrentWidget(self.placements_view)
        self.placements_view.focus_search()

    # --- other windows ---------------------------------------------------------------------

    def show_help(self) -> HelpWindow:
        """The user guide at the section about the focused widget, else the current tab."""
        return self.guide.show()

    # --- window layout ---------------------------------------------------------------------

    def _restore_layout(self) -> None:
        if self._settings is None:
            return
        for key, restore in (
            ("window/geometry", self.restoreGeometry),
            ("window/state", self.restoreState),
            ("placements/splitter", self.placements_view.splitter.restoreState),
            (HEADER_KEY, self.placements_view.table.horizontalHeader().restoreState),
        ):
            value = self._settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
                if key == HEADER_KEY:
                    self.placements_view.columns.automatic = False  # the widths the user set

    def save_layout(self) -> None:
        if self._settings is None:
            return
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("placements/splitter", self.placements_view.splitter.saveState())
        self._settings.setValue(
            HEADER_KEY, self.placements_view.table.horizontalHeader().saveState()
        )
        self._settings.sync()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if mail_files([Path(url.toLocalFile()) for url in event.mimeData().urls()]):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for path in mail_files([Path(url.toLocalFile()) for url in event.mimeData().urls()]):
            self.mail.import_mail(path)
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        # late: as in `open_placement`, the editor stays off the start-up path
        from vipdesk.ui.placements.editor import PlacementEditor

        for editor in self.findChildren(PlacementEditor):
            if editor.isVisible() and not editor.close():
                event.ignore()
                return
        self.save_layout()
        event.accept()
