"""The Qt binding itself: a PySide6 release that leaks references would crash the app later."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(bool)


def test_signals_and_void_calls_keep_reference_counts(qtbot: QtBot) -> None:
    # PySide6 6.12.0 on Python 3.11 dropped a reference to True/None on each emit() and each
    # call of a void method, until Python aborted ("bool_dealloc"); pyproject pins it out.
    emitter = _Emitter()
    emitter.fired.connect(lambda _on: None)
    label = QLabel()
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(500):
        emitter.fired.emit(True)
        label.setText("x")
    # A leak loses one per call (-500 here); a handful either way is ordinary caching.
    assert abs(sys.getrefcount(True) - true_before) < 20
    assert abs(sys.getrefcount(None) - none_before) < 20
