"""A date or a number typed wrongly is refused in the interface's language, and a form that
cannot save says which record in a whole sentence of that language."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.translations import interface_in
from vipdesk.db import Database
from vipdesk.ui.money_fields import parse_money
from vipdesk.ui.people.organisation_editor import OrganisationEditor
from vipdesk.ui.typed import credits_text, parse_credits, parse_date


def refusal(read: object, text: str) -> str:
    with pytest.raises(ValueError) as refused:
        read(text)  # type: ignore[operator]
    return str(refused.value)


def test_typed_values_are_read_the_ways_europe_writes_them() -> None:
    assert str(parse_date(" 2026-03-01 ")) == "2026-03-01"
    assert str(parse_date("1.3.2026")) == str(parse_date("01/03/2026")) == "2026-03-01"
    assert parse_date("  ") is None and parse_credits("") is None
    assert str(parse_credits("7,5")) == "7.5"
    assert refusal(parse_date, "31.02.2026") == (
        "'31.02.2026' is not a date. Type it as YYYY-MM-DD, e.g. 2026-03-01."
    )
    assert refusal(parse_credits, "seven") == (
        "'seven' is not a number of credits; type e.g. 15 or 7.5."
    )
    assert refusal(parse_credits, "inf").startswith("'inf' is not a number")
    assert [credits_text(v) for v in (None, Decimal("7.5"), Decimal("30"), Decimal("1234.0"))] == [
        "", "7.5", "30", "1234.0"
    ]  # fmt: skip


def test_a_refusal_speaks_the_interfaces_language(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    with interface_in("de", tmp_path):
        date_refused = refusal(parse_date, "31.02.2026")
        credits_refused = refusal(parse_credits, "sieben")
        amount_refused = refusal(parse_money, "zwölf")
        shown = credits_text(Decimal("1234.5"))
    with interface_in("pl", tmp_path):
        editor = OrganisationEditor(db)
        qtbot.addWidget(editor)
        title = editor.not_saved_title()
    assert date_refused.startswith("'31.02.2026' ist kein Datum.")
    assert (
        credits_refused
        == "'sieben' ist keine Zahl von Leistungspunkten; geben Sie z. B. 15 oder 7,5 ein."
    )
    assert amount_refused.startswith("'zwölf' ist kein Betrag.")
    assert title == "Nie zapisano organizacji"
    assert shown == "1234,5" and parse_credits(shown) == Decimal("1234.5")  # read back as shown
