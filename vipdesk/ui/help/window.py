"""The user guide in a window: contents on the left, search above, the text in a browser.

The guide is HTML, one file per language: `resources/help/guide.<language>.html`, with its
pictures in `images/<language>/` (English's in `images/`). Each `<h2 id="…">` is a section,
listed in the contents and reached by F1 from the part of the app it explains (`topic_for`);
the sections and their ids are the same in every language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from vipdesk.languages import ENGLISH
from vipdesk.resources import resources_dir
from vipdesk.ui import labels
from vipdesk.ui.i18n import tr

HELP_TOPIC = "help_topic"  # the dynamic property naming a widget's section of the guide
_SECTION = re.compile(r'<h2 id="([\w-]+)">(.*?)</h2>(.*?)(?=<h2 |</body>)', re.S)
_TAG = re.compile(r"<[^>]+>")


def guide_path(language: str = ENGLISH) -> Path:
    """The guide in `language`, else in English (a language it is not translated into)."""
    path = resources_dir() / "help" / f"guide.{language}.html"
    return path if path.is_file() else resources_dir() / "help" / f"guide.{ENGLISH}.html"


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    text: str  # plain text, for the search


def sections(source: str) -> list[Section]:
    """The guide's sections, in order."""
    return [
        Section(anchor, html.unescape(_TAG.sub("", title)), html.unescape(_TAG.sub(" ", body)))
        for anchor, title, body in _SECTION.findall(source)
    ]


def topic_for(widget: QWidget | None) -> str | None:
    """The section about `widget`: its own, or the nearest one of the widgets around it."""
    while widget is not None:
        topic = widget.property(HELP_TOPIC)
        if topic:
            return str(topic)
        widget = widget.parentWidget()
    return None


class HelpWindow(QWidget):
    """One per application; `show_topic` brings it up at a section. The guide is in the
    interface's language unless `language` says otherwise."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(tr("vipdesk user guide"))
        self.resize(980, 700)
        path = guide_path(language or labels.language())
        self.sections = sections(path.read_text(encoding="utf-8"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search the guide"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.contents = QListWidget()
        self.contents.setAccessibleName(tr("Contents"))
        for section in self.sections:
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.anchor)
            self.contents.addItem(item)
        self.contents.currentItemChanged.connect(self._on_section_chosen)
        self.no_match = QLabel(tr("No section mentions this."))
        self.no_match.setVisible(False)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.contents, 1)
        left_layout.addWidget(self.no_match)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setSizes([280, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_topic(self, anchor: str | None) -> None:
        """Show the window at section `anchor` (the start of the guide for None or unknown)."""
        for row in range(self.contents.count()):
            item = self.contents.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == anchor:
                self.contents.setCurrentItem(item)
                break
        else:
            self.browser.scrollToAnchor("")
            self.browser.verticalScrollBar().setValue(0)
        self.show()
        self.raise_()
        self.activateWindow()

    def current_anchor(self) -> str | None:
        item = self.contents.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _on_section_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.browser.scrollToAnchor(str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_search(self, text: str) -> None:
        """Keep the sections that mention every word; highlight the first match in the text."""
        words = text.casefold().split()
        shown = 0
        for row, section in enumerate(self.sections):
            haystack = f"{section.title} {section.text}".casefold()
            hit = all(word in haystack for word in words)
            self.contents.item(row).setHidden(not hit)
            shown += hit
        self.no_match.setVisible(shown == 0)
        if words:
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            self.browser.find(words[0], QTextDocument.FindFlag(0))


class HelpKey(QObject):
    """Installed on the application: F1 in a modal dialog or wizard, where the main window's
    shortcut does not reach, still opens the guide (`on_help`)."""

    def __init__(self, on_help: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_help = on_help

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F1
        ):
            self._on_help()
            return True
        return super().eventFilter(watched, event)


class GuideOpener(QObject):
    """F1 and Help → User guide for a main window: the guide at the section about the focused
    widget, else about `current()` (the tab in view); in a modal wizard, over the wizard."""

    def __init__(self, owner: QWidget, current: Callable[[], QWidget | None]) -> None:
        super().__init__(owner)
        self._owner, self._current = owner, current
        self._window: HelpWindow | None = None
        self.action = QAction(tr("&User guide"), owner, shortcut=QKeySequence("F1"))
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action.triggered.connect(self.show)
        owner.addAction(self.action)
        app = QApplication.instance()
        if app is not None:  # where the shortcut does not reach: modal dialogs and wizards
            app.installEventFilter(HelpKey(self.show, self))

    def show(self) -> HelpWindow:
        focus = topic_for(QApplication.focusWidget())
        modal = QApplication.activeModalWidget()
        if modal is not None:  # a modal wizard blocks other windows, not its own children
            window = modal.findChild(HelpWindow) or HelpWindow(modal)
            window.show_topic(focus or topic_for(modal))
            return window
        if self._window is None:
            self._window = HelpWindow(self._owner)
        self._window.show_topic(focus or topic_for(self._current()))
        return self._window
