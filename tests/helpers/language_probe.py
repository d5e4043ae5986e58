"""Open vipdesk's windows in one interface language and report what does not fit.

Run in its own process (`python -m tests.helpers.language_probe LANG CATALOGUES DATABASE_URL`),
as vipdesk itself starts: the language is installed before any window module is imported,
so texts kept in module constants are translated too. Prints a JSON report: every visible
label or button narrower than its size hint, and the visible texts still equal to an English
source text that the catalogue translates.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QTabWidget,
    QWidget,
    QWizard,
)

from vipdesk.ui.i18n import install_language

TODAY = date(2026, 12, 4)


def too_narrow(widget: QWidget, where: str) -> list[str]:
    """The visible labels and buttons of `widget` that cannot show their whole text."""
    found = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible() or not isinstance(child, (QAbstractButton, QLabel)):
            continue
        text = child.text()
        if not text:
            continue
        if isinstance(child, QLabel) and child.wordWrap():
            cut = child.height() < child.heightForWidth(child.width())
        else:
            hint = (
                child.sizeHint() if isinstance(child, QAbstractButton) else child.minimumSizeHint()
            )
            cut = child.width() < hint.width()
        if cut:
            found.append(f"{where}: {type(child).__name__} {text[:60]!r} cut")
    return found


def texts(widget: QWidget) -> set[str]:
    shown: set[str] = {widget.windowTitle()}
    for child in widget.findChildren(QWidget):
        if not child.isVisible():
            continue
        if isinstance(child, (QAbstractButton, QLabel)):
            shown.add(child.text())
        if isinstance(child, QTabWidget):
            shown.update(child.tabText(i) for i in range(child.count()))
    return shown


def alt_texts(window: QWidget) -> list[str]:
    """The texts of the visible labels (with a buddy) and buttons of `window` that have an
    Alt letter."""
    out = []
    for child in window.findChildren(QWidget):
        if not child.isVisible() or not isinstance(child, (QLabel, QAbstractButton)):
            continue
        if isinstance(child, QLabel) and child.buddy() is None:
            continue
        if re.search(r"&[^&\s]", child.text().replace("&&", "")):
            out.append(child.text())
    return out


def same_letters(texts: list[str], fixed: set[str], where: str) -> list[str]:
    """Texts sharing an Alt letter, unless all of them are `fixed` (Qt's own wizard buttons,
    whose letters vipdesk cannot choose)."""
    seen: dict[str, list[str]] = {}
    for text in texts:
        found = re.search(r"&([^&\s])", text.replace("&&", ""))
        assert found is not None
        seen.setdefault(found.group(1).lower(), []).append(text)
    return [
        f"{where}: Alt+{key} on {' and '.join(on)}"
        for key, on in seen.items()
        if len(on) > 1 and not set(on) <= fixed
    ]


def settle(app: QApplication) -> None:
    for _ in range(4):
        app.processEvents()


def main(language: str, catalogues: Path, url: str) -> dict[str, object]:
    app = QApplication(sys.argv[:1])
    assert install_language(language, catalogues), "no catalogue"
    # late, like the app: window modules after the language
    from tests.helpers.samples import sample_agreement
    from vipdesk.db import open_database
    from vipdesk.services.demo.fill import fill_demo
    from vipdesk.ui.agreement.wizard.wizard import AgreementWizard
    from vipdesk.ui.shell.main_window import MainWindow

    db = open_database(url)
    fill_demo(db, 30, seed=5, agreements=2, today=TODAY)
    problems: list[str] = []
    shown: set[str] = set()
    window = MainWindow(db, None)
    window.resize(1400, 820)
    window.show()
    settle(app)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(app)
        where = f"main window, tab {window.tabs.tabText(index)!r}"
        problems += too_narrow(window, where)
        shown |= texts(window)
    menus = [action.text() for action in window.menuBar().actions()]
    tabs = [window.tabs.tabText(index) for index in range(window.tabs.count())]
    editor = window.open_placement(1)
    assert editor is not None
    settle(app)
    side = editor.findChild(QTabWidget)
    for index in range(side.count() if side else 0):
        assert side is not None
        side.setCurrentIndex(index)
        settle(app)
        problems += too_narrow(editor, f"placement editor, tab {side.tabText(index)!r}")
        shown |= texts(editor)
    wizard = AgreementWizard(
        sample_agreement(),
        placement_start=date(2027, 2, 1),
        placement_end=date(2027, 5, 31),
        save=lambda _data: None,
    )
    wizard.show()
    buttons = {wizard.buttonText(b) for b in QWizard.WizardButton if wizard.button(b) is not None}
    pages: dict[str, list[str]] = {}
    while True:
        settle(app)
        where = f"agreement wizard, page {wizard.currentPage().title()!r}"
        problems += too_narrow(wizard, where)
        pages[wizard.currentPage().title()] = alt_texts(wizard)
        problems += same_letters(pages[wizard.currentPage().title()], buttons, where)
        shown |= texts(wizard)
        if wizard.currentPage() is wizard.review:
            break
        wizard.button(QWizard.WizardButton.NextButton).click()
    db.dispose()
    from tests.helpers.findings import SAMPLE_FINDINGS
    from vipdesk.ui.placements.evidence_texts import finding_text

    return {
        "findings": [finding_text(f) for f in SAMPLE_FINDINGS],
        "problems": problems,
        "menus": menus,
        "tabs": tabs,
        "shown": sorted(shown),
        "wizard_pages": pages,
        "wizard_buttons": sorted(buttons),
    }


if __name__ == "__main__":
    report = main(sys.argv[1], Path(sys.argv[2]), sys.argv[3])
    print(json.dumps(report, ensure_ascii=False))
