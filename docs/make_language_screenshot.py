"""The README's picture of the interface in another language, from a fresh demo database.

    python docs/make_language_screenshot.py [LANGUAGE]   (German by default; make screenshots)

Runs on its own, as vipdesk starts: the language is installed before any window module is
imported, so that texts kept in module constants are translated too.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtWidgets import QApplication

from vipdesk.ui.i18n import install_language

ROOT = Path(__file__).resolve().parents[1]


def main(language: str) -> int:
    app = QApplication(sys.argv[:1])
    if not install_language(language):
        raise SystemExit(f"No compiled catalogue for {language}: run make first.")
    # late: window modules after the language (see vipdesk.ui.i18n)
    from vipdesk.db import open_database
    from vipdesk.services.demo.fill import fill_demo
    from vipdesk.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        os.environ["VIPDESK_DATA_DIR"] = folder  # no settings or log of the user's
        database = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite3'}")
        fill_demo(database, 300, seed=7, today=date.today())
        window = MainWindow(database, None)
        window.resize(1400, 820)
        window.show()
        window.tabs.setCurrentWidget(window.funding_view)
        for _ in range(8):
            app.processEvents()
        target = ROOT / "docs" / f"funding-{language}.png"
        if not window.grab().save(str(target)):
            raise SystemExit(f"Cannot write {target}")
        print(f"wrote {target.relative_to(ROOT)}")
        window.close()
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "de"))
