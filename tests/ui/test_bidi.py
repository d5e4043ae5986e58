"""An Arabic or Hebrew name in a picker's line leaves the rest of the line in its order."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QTextLayout
from pytestqt.qtbot import QtBot

from tests.helpers.factories import make_student
from vipdesk.bidi import FSI, PDI, isolate, plain
from vipdesk.db import Database
from vipdesk.services.placements.lookups import search_students


def _x_of(text: str, index: int) -> float:
    """Where Qt draws the character at logical `index` of `text`, laid out as a label does."""
    layout = QTextLayout(text, QFont())  # direction from the text, as a label's
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    x = line.cursorToX(index)  # PySide6 gives (x, index) for the C++ in-out argument
    assert isinstance(x, tuple)
    return float(x[0])


def test_only_text_with_a_right_to_left_letter_is_isolated() -> None:
    assert isolate("Łukasz Żółć") == "Łukasz Żółć"
    assert isolate("李俊杰") == "李俊杰"
    assert isolate("דנה לוי") == f"{FSI}דנה לוי{PDI}"
    assert plain(isolate("ياسمين حداد")) == "ياسمين حداد"


@pytest.mark.parametrize("given, family", [("يوسف", "العلوي"), ("דנה", "לוי")])
def test_the_address_stays_right_of_a_right_to_left_name(
    qtbot: QtBot, db: Database, given: str, family: str
) -> None:
    make_student(db, given, family)
    [(_, label)] = search_students(db, family)
    email = label.index("student")
    name = label.index(given)
    # The name is drawn before (left of) the address, as in every other line of the picker.
    assert _x_of(label, email) > _x_of(label, name)
    # Without the isolation the whole line turns right-to-left and the address jumps left:
    # the check above would catch a label built the old way.
    bare = plain(label)
    assert _x_of(bare, bare.index("student")) < _x_of(bare, bare.index(given))
