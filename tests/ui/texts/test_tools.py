"""The tool catalogue's words read in every language: each purpose's hint and each tool's
note (resources/tools.json) is in the interface catalogue, and a German coordinator choosing
tools meets them in German."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.translations import interface_in
from vipdesk.services.preparation.tool_catalogue import purposes, tools
from vipdesk.ui.preparation.tools_wizard import PurposeRow
from vipdesk.ui.texts.tools import catalogue_texts, tool_text


def test_every_hint_and_note_of_the_catalogue_is_in_the_interface_catalogue() -> None:
    words = {p.hint for p in purposes()} | {t.notes for t in tools() if t.notes}
    names = {t.name for t in tools()}
    written = set(catalogue_texts())
    assert words <= written
    assert written <= words | names  # nothing left over from an older catalogue


def test_choosing_tools_reads_in_german(qtbot: QtBot, tmp_path: Path) -> None:
    meetings = next(p for p in purposes() if p.key == "meetings")
    fallback = next(p for p in purposes() if p.key == "fallback")
    zoom = next(t for t in tools() if t.key == "zoom")
    with interface_in("de", tmp_path):
        row = PurposeRow(meetings)
        row.set_value("zoom")
        optional = PurposeRow(fallback)
        items = [row.combo.itemText(i) for i in range(row.combo.count())]
        telephone = tool_text("phone")
    assert row.hint.text().startswith("Synchroner Kontakt")
    assert row.notes.text() != zoom.notes and "Link" in row.notes.text()
    assert "Zoom" in items  # a brand stays as it is
    assert telephone == "Telefon" and "Telefon" in [optional.combo.itemText(i) for i in range(9)]
    assert optional.label.text().endswith("(freiwillig)")
    assert not fallback.required and meetings.required
