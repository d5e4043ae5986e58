"""View → Colour scheme (follow the system, or force light or dark) and Settings → Language;
both kept in the settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from vipdesk.languages import LANGUAGES
from vipdesk.ui import i18n, theme
from vipdesk.ui.i18n import tr

_LABELS = {
    theme.Preference.SYSTEM: tr("Like the &system"),
    theme.Preference.LIGHT: tr("&Light"),
    theme.Preference.DARK: tr("&Dark"),
}


def add_scheme_menu(window: QMainWindow, menu: QMenu, settings: QSettings | None) -> QActionGroup:
    """The Colour scheme submenu of `menu`; a choice applies now and is kept for next time."""
    submenu = menu.addMenu(tr("Colour &scheme"))
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
                tr(
                    "{value} colours. Panels already open take them in full when opened "
                    "again, or on the next start."
                ).format(value=scheme.value.capitalize()),
                8000,
            )

    group.triggered.connect(chosen)
    return group


# Each language by its own name, with letters of their own for the keyboard.
_LANGUAGE_ENTRIES = {
    "da": "&Dansk",
    "de": "D&eutsch",
    "en": "En&glish",
    "it": "&Italiano",
    "nl": "&Nederlands",
    "pl": "&Polski",
    "fi": "S&uomi",
}
assert _LANGUAGE_ENTRIES.keys() == LANGUAGES.keys()


def add_language_menu(window: QMainWindow, menu: QMenu, settings: QSettings | None) -> QActionGroup:
    """The Language submenu of `menu`: the system's or one of vipdesk's languages, each by its
    own name; a choice is kept and applies on the next start."""
    submenu = menu.addMenu(tr("&Language"))
    group = QActionGroup(window)
    group.setExclusive(True)
    saved = str(settings.value(i18n.SETTING, i18n.SYSTEM)) if settings is not None else None
    choices = {i18n.SYSTEM: tr("Like the &system"), **_LANGUAGE_ENTRIES}
    for code, label in choices.items():
        action = QAction(label, window, checkable=True)
        action.setData(code)
        action.setChecked(code == (saved if saved in choices else i18n.SYSTEM))
        group.addAction(action)
        submenu.addAction(action)

    def chosen(action: QAction) -> None:
        code = str(action.data())
        if settings is not None:
            settings.setValue(i18n.SETTING, code)
        language = LANGUAGES[i18n.chosen_language(settings)]
        window.statusBar().showMessage(
            tr("vipdesk speaks {language} from the next start.").format(language=language), 8000
        )

    group.triggered.connect(chosen)
    return group
