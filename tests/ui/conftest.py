"""UI test fixtures: no modal message box may ever block a test run."""

from __future__ import annotations

import pytest

from tests.helpers.dialogs import MessageBoxes, answer_message_boxes


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    """Every message box answers at once; see `tests.helpers.dialogs`."""
    return answer_message_boxes(monkeypatch)
