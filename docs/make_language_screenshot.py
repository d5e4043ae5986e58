"""The user guide's pictures, and the README's, with the interface in another language, from
a fresh demo database.

    python docs/make_language_screenshot.py LANGUAGE [--readme]   (make screenshots: each one)

Writes the guide's pictures into resources/help/images/LANGUAGE/ (what guide.LANGUAGE.html
shows) and, with --readme, docs/funding-LANGUAGE.png. Runs on its own, one language per
process, as vipdesk starts: the language is installed before any window module is imported,
so that texts kept in module constants are translated too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtWidgets import QApplication

from vipdesk.ui.i18n import install_language

ROOT = Path(__file__).resolve().parents[1]


def main(language: str, readme: bool) -> int:
    app = QApplication(sys.argv[:1])
    if not install_language(language):
        raise SystemExit(f"No compiled catalogue for {language}: run make first.")
    # late: window modules after the language (see vipdesk.ui.i18n)
    from make_screenshots import GUIDE_IMAGES, guide_pictures, save

    from vipdesk.db import open_database
    from vipdesk.services.demo.fill import fill_demo
    from vipdesk.ui.shell.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        os.environ["VIPDESK_DATA_DIR"] = folder  # no settings or log of the user's
        database = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite3'}")
        fill_demo(database, 300, seed=7, today=date.today())
        window = MainWindow(database, None)
        window.resize(1400, 820)
        window.show()
        guide_pictures(app, database, window, GUIDE_IMAGES / language)
        if readme:
            window.tabs.setCurrentWidget(window.funding_view)
            save(app, window, ROOT / "docs" / f"funding-{language}.png")
        window.close()
        database.dispose()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language")
    parser.add_argument("--readme", action="store_true", help="the README's picture too")
    arguments = parser.parse_args()
    sys.exit(main(arguments.language, arguments.readme))
