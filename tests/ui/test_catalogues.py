"""The interface catalogues are complete and true to the source: `make translations` was run
after the last text changed, every language translates every text, and no translation drops
a placeholder, a tag, a keyboard accelerator or a plural form."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.ui.i18n import CATALOGUE, catalogue_dir

UI = Path(__file__).resolve().parents[2] / "vipdesk" / "ui"
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")
# Qt's plural forms per language: Polish has one, few and many.
PLURAL_FORMS = {language: 2 for language in LANGUAGES} | {"pl": 3}
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?n|%\d")
TAG = re.compile(r"</?([a-zA-Z]+)")
ACCELERATOR = re.compile(r"&(?![&\s]|nbsp;|amp;|lt;|gt;)")


@dataclass(frozen=True)
class Message:
    source: str
    translations: tuple[str, ...]
    unfinished: bool
    numerus: bool


def messages(catalogue: Path) -> list[Message]:
    found = []
    for message in ET.parse(catalogue).iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")]
        found.append(
            Message(
                source=message.findtext("source") or "",
                translations=tuple(forms) if forms else (translation.text or "",),
                unfinished=translation.get("type") is not None,  # unfinished, vanished, obsolete
                numerus=message.get("numerus") == "yes",
            )
        )
    return found


def catalogue(language: str) -> Path:
    return catalogue_dir() / f"{CATALOGUE.format(language=language)}.ts"


def test_the_catalogues_hold_exactly_the_texts_of_the_source(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in UI.rglob("*.py"))
    subprocess.run(
        [str(LUPDATE), "-silent", "-locations", "none", *sources, "-ts", str(fresh)], check=True
    )
    expected = sorted(m.source for m in messages(fresh))
    for language in LANGUAGES:
        held = sorted(m.source for m in messages(catalogue(language)))
        assert held == expected, f"{language}: run `make translations`"


# A field left without its Alt letter in one language: the letters of that language's words
# ran out on a crowded page (test_interface_languages keeps every page's letters apart).
WITHOUT_ALT_LETTER = {("it", "Si&ze")}  # the Parties page: "Dimensioni" gave its M to "Mentore"


def problems(message: Message, forms: int, language: str = "") -> list[str]:
    if message.unfinished or not all(text.strip() for text in message.translations):
        return ["unfinished"]
    if message.numerus and len(message.translations) != forms:
        return [f"{len(message.translations)} plural forms, not {forms}"]
    found = []
    for text in message.translations:
        own = sorted(PLACEHOLDER.findall(message.source))
        theirs = sorted(PLACEHOLDER.findall(text))
        if message.numerus:  # a form may leave the count out ("The selected placement")
            own = [p for p in own if p not in ("%n", "%Ln")]
            theirs = [p for p in theirs if p not in ("%n", "%Ln")]
        if own != theirs:
            found.append(f"placeholders {theirs} in {text!r}")
        if sorted(TAG.findall(message.source)) != sorted(TAG.findall(text)):
            found.append(f"tags differ in {text!r}")
        letters = len(ACCELERATOR.findall(message.source)), len(ACCELERATOR.findall(text))
        if letters[0] != letters[1] and (language, message.source) not in WITHOUT_ALT_LETTER:
            found.append(f"accelerators differ in {text!r}")
    return found


OTHERS = sorted(set(LANGUAGES) - {ENGLISH})


@pytest.mark.parametrize("language", OTHERS)
def test_what_is_translated_keeps_placeholders_tags_and_accelerators(language: str) -> None:
    found = [
        f"{message.source!r}: {problem}"
        for message in messages(catalogue(language))
        if not message.unfinished
        for problem in problems(message, PLURAL_FORMS[language], language)
    ]
    assert not found, f"{language}:\n" + "\n".join(found[:40])


@pytest.mark.parametrize("language", OTHERS)
def test_every_text_is_translated(language: str) -> None:
    unfinished = [m.source for m in messages(catalogue(language)) if m.unfinished]
    assert not unfinished, f"{language}: {len(unfinished)} unfinished, e.g. {unfinished[:5]}"


def test_english_gives_every_plural_form() -> None:
    """English shows the source texts, but "(s)" needs its two forms ("1 task", "2 tasks")."""
    found = [
        f"{message.source!r}: {problem}"
        for message in messages(catalogue(ENGLISH))
        if message.numerus
        for problem in problems(message, PLURAL_FORMS[ENGLISH])
    ]
    assert not found, "\n".join(found)


def test_the_check_catches_a_broken_translation() -> None:
    def broken(source: str, text: str) -> list[str]:
        return problems(Message(source, (text,), unfinished=False, numerus=False), 2)

    assert broken("Save {name}", "Speichern") == ["placeholders [] in 'Speichern'"]
    assert broken("<b>Due</b>", "Fällig") == ["tags differ in 'Fällig'"]
    assert broken("&Save", "Speichern") == ["accelerators differ in 'Speichern'"]
    assert broken("&Save", "&Speichern") == []
    assert problems(Message("%n task(s)", ("%n Aufgabe",), False, True), 2) == [
        "1 plural forms, not 2"
    ]


# The wizard's buttons as named in the texts ("Finish saves the draft"), by language.
_BUTTONS = {"Finish": "&Finish", "Back": "< &Back"}


@pytest.mark.parametrize("language", sorted(set(LANGUAGES) - {ENGLISH}))
def test_a_text_naming_a_wizard_button_uses_the_buttons_own_name(language: str) -> None:
    """A text saying "Press Finish" must name the button the wizard shows, which Qt's own
    catalogue translates: the German said „Fertigstellen“ beside a button reading
    "Abschließen"."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt = QTranslator()
    where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert qt.load(f"qtbase_{language}", where)
    for message in messages(catalogue(language)):
        for word, source in _BUTTONS.items():
            if not re.search(rf"(?<=\s){word}\b(?! page)", message.source):  # a button's name
                continue
            button = (qt.translate("QWizard", source) or "").replace("&", "").strip("<> ")
            for text in message.translations:
                assert button in text, (message.source, text, button)


@pytest.mark.parametrize("language", OTHERS)
def test_a_text_naming_the_new_button_uses_its_translated_name(language: str) -> None:
    """ "No students yet — press New… to add one": the Polish list's button reads „Dodaj…",
    so the sentence must say „Dodaj…" too, not a word of its own."""
    found = {m.source: m.translations for m in messages(catalogue(language))}
    (button,) = found["New…"]
    for source, texts in found.items():
        if source != "New…" and re.search(r"\bNew…", source):
            for text in texts:
                assert button.replace("&", "") in text, (source, text, button)


def test_no_text_puts_a_noun_into_a_sentence() -> None:
    """A sentence with a noun put in ("No {nouns} yet") reads wrongly in languages that decline
    nouns: Polish needs "Brak studentów", not "Brak studenci". Each kind of record gets its
    own sentence (see `ui/people/list_texts.py`)."""
    put_in = [m.source for m in messages(catalogue(ENGLISH)) if re.search(r"\{nouns?\}", m.source)]
    assert not put_in, put_in
