"""The user guide in every interface language: the same sections and pictures as the English
one, the names of buttons, tabs and menus exactly as the interface shows them in that
language, and the help window opening the guide of the interface's language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from vipdesk.documents.report_language import catalogue
from vipdesk.enums import Status
from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.ui import labels
from vipdesk.ui.help.window import HelpWindow, guide_path, sections
from vipdesk.ui.i18n import CATALOGUE, catalogue_dir

TRANSLATED = sorted(set(LANGUAGES) - {ENGLISH})
PICTURE = re.compile(r'<img src="([^"]+)"')
BOLD = re.compile(r"<b>(.*?)</b>", re.S)
ITALIC = re.compile(r"<i>(.*?)</i>", re.S)
# The only names in bold that are not interface texts: keys, named as on the keyboard in every
# language.
KEYS = frozenset({"F1", "Enter", "Delete", "Ctrl+F", "Ctrl+N", "Ctrl+S", "Ctrl+Shift+S", "Ctrl+Z"})
# Where a catalogue text holds markup or a placeholder, each piece between them is shown alone
# ("<b>Readiness</b><br>{verdict}" shows "Readiness" as a heading).
PIECES = re.compile(r"<[^>]+>|\{[^{}]*\}")


def guide(language: str) -> str:
    return guide_path(language).read_text(encoding="utf-8")


def interface_texts(language: str) -> set[str]:
    """Every text the interface shows in `language`, as it reads on screen: the catalogue's
    translations (English: its sources) without the accelerator's `&`, each also without a
    closing colon, and each piece between markup and placeholders."""
    shown = set()
    for message in ET.parse(catalogue_dir() / f"{CATALOGUE.format(language=language)}.ts").iter(
        "message"
    ):
        translation = message.find("translation")
        assert translation is not None
        if language == ENGLISH:
            texts = [message.findtext("source") or ""]
        else:
            forms = [form.text or "" for form in translation.iter("numerusform")]
            texts = forms or [translation.text or ""]
        for text in texts:
            text = re.sub(r"&(?!&)", "", text)
            for piece in [text, *PIECES.split(text)]:
                piece = " ".join(piece.split())
                shown |= {piece, piece.removesuffix(":")}
    return shown


def test_every_interface_language_has_its_own_guide() -> None:
    assert {language: guide_path(language).name for language in LANGUAGES} == {
        language: f"guide.{language}.html" for language in LANGUAGES
    }


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_same_sections_in_the_same_order_with_translated_titles(language: str) -> None:
    english = sections(guide(ENGLISH))
    translated = sections(guide(language))
    assert [s.anchor for s in translated] == [s.anchor for s in english]
    untranslated = {s.title for s in translated} & {s.title for s in english}
    assert untranslated == set()
    # Complete: no section much shorter than the English one (Finnish needs the fewest words).
    short = [
        mine.anchor
        for mine, theirs in zip(translated, english, strict=True)
        if len(mine.text.split()) < 0.6 * len(theirs.text.split())
    ]
    assert short == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pictures_are_there_and_show_the_language(language: str) -> None:
    english = PICTURE.findall(guide(ENGLISH))
    pictures = PICTURE.findall(guide(language))
    if language != ENGLISH:  # the same pictures, taken with the interface in the language
        assert pictures == [p.replace("images/", f"images/{language}/") for p in english]
    folder = guide_path(language).parent
    assert len(pictures) >= 5
    assert [p for p in pictures if not (folder / p).is_file()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_name_in_bold_is_what_the_interface_shows(language: str) -> None:
    """A tab, button, field or menu the guide names (in bold; menus as "File → Import…") is
    named exactly as in the language's catalogue: an untranslated or misspelt name fails."""
    shown = interface_texts(language)
    named = [" ".join(bold.split()) for bold in BOLD.findall(guide(language))]
    assert len(named) > 40
    unknown = [name for name in named for part in name.split(" → ") if part not in shown | KEYS]
    assert unknown == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_status_in_italics_is_named_as_the_app_names_it(language: str) -> None:
    """ "draft → preparing → …": each a status as the placements list and reports show it
    (the reports' catalogue), in the case of a sentence."""
    statuses = {catalogue(language).get(s.label, s.label).casefold() for s in Status}
    named = [" ".join(italic.split()) for italic in ITALIC.findall(guide(language))]
    assert len(named) >= 3
    assert [n for n in named for part in n.split(" → ") if part.casefold() not in statuses] == []


def test_the_check_of_names_catches_english_and_misspelt_ones() -> None:
    german = interface_texts("de")
    assert {"Zur Unterzeichnung senden…", "Bereitschaft", "Sprache der Vereinbarung"} <= german
    assert not {"Send for signature…", "Zur Unterzeichnung senden...", "Vereinbarungen"} & german


def test_the_help_window_speaks_the_interface_language(qtbot: QtBot) -> None:
    labels.use_language("de")
    try:
        german = HelpWindow()
    finally:
        labels.use_language(ENGLISH)
    qtbot.addWidget(german)
    titles = [german.contents.item(row).text() for row in range(german.contents.count())]
    assert titles[:2] == ["Die drei Phasen", "Heute: was auf Sie wartet"]
    assert german.browser.source().fileName() == "guide.de.html"
    german.show_topic("agreement")  # F1 on the Agreement tab
    assert german.current_anchor() == "agreement"
    german.search.setText("Zeitzonen")
    shown = [
        german.contents.item(row).text()
        for row in range(german.contents.count())
        if not german.contents.item(row).isHidden()
    ]
    assert "Vorbereitung: Bereitschaft, Protokoll und Tools" in shown
    assert german.browser.textCursor().selectedText() == "Zeitzonen"


def test_a_language_without_a_guide_gets_the_english_one(qtbot: QtBot) -> None:
    assert guide_path("sv") == guide_path(ENGLISH)
    swedish = HelpWindow(language="sv")
    qtbot.addWidget(swedish)
    assert swedish.contents.item(0).text() == "The three phases"
    assert Path(swedish.browser.source().toLocalFile()) == guide_path(ENGLISH)
