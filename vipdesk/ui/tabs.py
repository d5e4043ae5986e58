"""Tab bars whose every tab shows: where the names of a language do not fit beside their
icons (German "Vorbereitung", "Vereinbarung", "Evaluationen"), the icons give way, rather than
the last tabs hiding behind scroll arrows; they come back when the window is wide enough."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget


class IconsGiveWay(QObject):
    """Installed on `tabs` once its tabs are added: fits it now and on every resize."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.icons = [tabs.tabIcon(index) for index in range(tabs.count())]
        self.wanted = tabs.tabBar().sizeHint().width()  # with the icons
        tabs.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    @property
    def showing_icons(self) -> bool:
        return not self.tabs.tabIcon(0).isNull()

    def fit(self) -> None:
        room = self.wanted <= self.tabs.width()
        if room == self.showing_icons:
            return
        for index, icon in enumerate(self.icons):
            self.tabs.setTabIcon(index, icon if room else QIcon())
