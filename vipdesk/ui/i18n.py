"""The interface's language: Qt's translation catalogues, chosen once at start.

Every text the interface shows goes through `tr()`. `pyside6-lupdate` collects those calls
into `resources/translations/vipdesk_<language>.ts` (`make translations`), `pyside6-lrelease`
compiles them to `.qm` beside them when vipdesk is set up, and `install_language()` loads the
chosen one before any window module is imported, so texts kept in module constants are
translated too. All texts share one context (the empty one: what lupdate gives a bare `tr`).

The language follows the system's unless one is chosen under Settings → Language; a choice
applies on the next start.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.resources import resources_dir
from vipdesk.ui import labels

log = logging.getLogger(__name__)

SETTING = "interface/language"
SYSTEM = "system"
CATALOGUE = "vipdesk_{language}"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the interface's language; `%n` in it becomes `n`, in the right plural form."""
    return QCoreApplication.translate("", text, disambiguation, n)


def catalogue_dir() -> Path:
    """Where the catalogues are: `.ts` kept in git, `.qm` compiled from them at set-up."""
    return resources_dir() / "translations"


def chosen_language(settings: QSettings | None, system: QLocale | None = None) -> str:
    """The interface language: the one chosen in the settings, else the system's if vipdesk
    speaks it, else English."""
    chosen = str(settings.value(SETTING, SYSTEM)) if settings is not None else SYSTEM
    if chosen in LANGUAGES:
        return chosen
    name = (system or QLocale.system()).name()  # "de_DE"
    code = name.split("_", 1)[0].lower()
    return code if code in LANGUAGES else ENGLISH


def install_language(language: str, directory: Path | None = None) -> bool:
    """Load `language`'s catalogues (vipdesk's and Qt's own, for the standard buttons) and
    make its locale the default for dates and numbers. False, changing nothing, when
    vipdesk's catalogue is missing (not compiled): the interface then stays in English."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication comes first"
    if not _install(app, CATALOGUE.format(language=language), directory or catalogue_dir()):
        log.warning("No compiled catalogue for the interface language %s", language)
        return False
    if language != ENGLISH:
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        _install(app, f"qtbase_{language}", qt_dir)
    QLocale.setDefault(QLocale(language))
    labels.use_language(language)
    return True


def _install(app: QCoreApplication, name: str, directory: Path) -> bool:
    translator = QTranslator(app)  # parented: lives as long as the application
    if not translator.load(name, str(directory)):
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    return True


def with_counts(template: str, **values: object) -> str:
    """`template.format(**values)`, each whole number written as the interface's language
    groups its digits where the template asks for grouping ("{due:,}": 1.500 in German,
    1 500 in Polish, where Python's format would write 1,500 everywhere)."""
    for name, value in values.items():
        if isinstance(value, int) and not isinstance(value, bool):
            template = template.replace(f"{{{name}:,}}", QLocale().toString(value))
    return template.format(**values)
