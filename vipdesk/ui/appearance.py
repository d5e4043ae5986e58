"""View → Colour scheme: follow the system, or force light or dark; kept in the settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from vipdesk.ui import theme

_LABELS = {
    theme.Preference.SYSTEM: "Like the &system",
    theme.Preference.LIGHT: "&Light",
    theme.Preference.DARK: "&Dark",
}


def add_scheme_menu(window: QMainWindow, menu: QMenu, settings: QSettings | None) -> QActionGroup:
    """The Colour scheme submenu of `menu`; a choice applies now and is kept for next time."""
    submenu = menu.addMenu("Colour &scheme")
    group = QActionGroup(window)
    group.setExclusive(True)
    saved = theme.Preference.SYSTEM
    if settings is not None:
        saved = theme.parse_preference(settings.value(theme.SETTING, saved))
    for preference, label in _LABELS.items():
        action = QAction(label, window, checkable=True)
        action.setData(preference.value)
        action.setChecked(preference is saved)
        group.addAction(action)
        submenu.addAction(action)

    def chosen(action: QAction) -> None:
        preference = theme.parse_preference(action.data())
        if settings is not None:
            settings.setValue(theme.SETTING, preference.value)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            scheme = theme.apply(app, preference)
            window.statusBar().showMessage(
                f"{scheme.value.capitalize()} colours. Panels already open take them in full "
                "when opened again, or on the next start.",
                8000,
            )

    group.triggered.connect(chosen)
    return group
