"""UI test fixtures: no modal message box may ever block a test run."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.helpers.dialogs import MessageBoxes, answer_message_boxes
from tests.helpers.translations import compile_catalogues
from vipdesk.languages import ENGLISH
from vipdesk.ui.i18n import install_language


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """Every message box answers at once; see `tests.helpers.dialogs`."""
    return answer_message_boxes(monkeypatch)


@pytest.fixture(scope="session", autouse=True)
def english_interface(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The interface as an English-speaking user gets it: its catalogue gives the plural forms
    ("1 task", "2 tasks")."""
    directory = compile_catalogues(tmp_path_factory.mktemp("catalogues"), [ENGLISH])
    assert install_language(ENGLISH, directory)
