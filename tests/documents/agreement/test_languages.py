"""The agreement in another language: its fixed texts from texts.<language>.json, its dates,
numbers and money written the language's way, and a stored version keeping its language."""

from __future__ import annotations

import json
import re
import string
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date

from tests.helpers.pdf_tools import pdf_fonts, pdf_text
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.content import (
    agreement_from_dict,
    agreement_to_dict,
    content_hash,
    hash_of,
)
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.errors import VipdeskError
from vipdesk.languages import LANGUAGES
from vipdesk.resources import resources_dir

TEXTS = resources_dir() / "agreement"
TRANSLATED = sorted(p.name.split(".")[1] for p in TEXTS.glob("texts.*.json"))


def texts(language: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((TEXTS / f"texts.{language}.json").read_bytes())
    return loaded


def shape(value: Any) -> Any:
    """The keys and list lengths of `value`, its texts replaced by their placeholders."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    if isinstance(value, str):
        return sorted(name for _, name, _, _ in string.Formatter().parse(value) if name)
    return value


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) and value.strip() else []


@pytest.mark.parametrize("language", [code for code in TRANSLATED if code != "en"])
def test_each_language_has_the_keys_and_placeholders_of_english(language: str) -> None:
    assert shape(texts(language)) == shape(texts("en"))


def test_the_german_agreement_has_no_english_left(tmp_path: Path) -> None:
    data = sample_agreement()
    data = replace(
        data,
        document_language="de",
        programme=replace(data.programme, start=date(2026, 9, 1), end=date(2026, 12, 4)),
    )
    text = " ".join(pdf_text(render_agreement(data), tmp_path).split())
    assert "4. Dezember 2026" in text and "1. September 2026" in text
    assert "2. Das Praktikumsprogramm (Tabelle A)" in text
    assert "Anerkennung durch die entsendende Einrichtung (Tabelle B)" in text
    english, german = texts("en")["labels"], texts("de")["labels"]
    # Every English fixed text (its words between placeholders) that German says otherwise.
    left = [
        fragment.strip()
        for key, value in english.items()
        if value != german[key]
        for fragment in re.split(r"\{\w+\}", value)
        if len(fragment.strip()) > 5 and fragment.strip() not in german[key]
    ]
    left.append(texts("en")["intro"])
    fixed = text  # what is left once the names and texts of the records are taken out
    entered = strings({**agreement_to_dict(data), "document_language": ""})
    # Whole values first; then their words, for the values a narrow column wraps.
    for value in [
        *sorted(entered, key=len, reverse=True),
        *(w for v in entered for w in v.split()),
    ]:
        fixed = fixed.replace(" ".join(value.split()), " ")
    assert [fragment for fragment in left if fragment in fixed] == []
    assert "December" not in text and "Page " not in text


def test_an_english_agreement_is_unchanged_and_keeps_its_hash() -> None:
    data = sample_agreement()
    plain = agreement_to_dict(data)
    assert plain["document_language"] == "en"
    # Content stored before languages has no such key: it revives as English, same hash.
    older = {key: value for key, value in plain.items() if key != "document_language"}
    assert agreement_from_dict(older) == data
    assert hash_of(older) == content_hash(data)
    german = replace(data, document_language="de")
    assert content_hash(german) != content_hash(data)
    assert agreement_from_dict(agreement_to_dict(german)).document_language == "de"


def test_german_numbers_and_money(tmp_path: Path) -> None:
    data = sample_agreement()
    data = replace(
        data,
        document_language="de",
        recognition=replace(data.recognition, credits=Decimal("7.5")),
        host=replace(data.host, financial_support=True, amount=Decimal("450"), currency="EUR"),
    )
    text = " ".join(pdf_text(render_agreement(data), tmp_path).split())
    assert "7,5 ECTS-Punkte" in text
    assert "Ja — 450,00 € pro Monat" in text


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(VipdeskError, match="cannot be written in 'xx'"):
        render_agreement(replace(sample_agreement(), document_language="xx"))


def test_a_polish_agreement_renders_every_glyph(tmp_path: Path) -> None:
    pdf = render_agreement(replace(sample_agreement(), document_language="pl"))
    text = " ".join(pdf_text(pdf, tmp_path).split())
    # Fixed texts with ą, ł, ż, ś, ę, ó: copied out of the PDF as they were written.
    for fixed in ("Zobowiązania organizacji przyjmującej (Tabela C)", "Uczelnia wysyłająca"):
        assert fixed in text
    assert "Świadczenia rzeczowe" in text and "Podpisy" in text
    fonts = pdf_fonts(pdf, tmp_path)
    assert fonts and all(fonts.values()), fonts  # every font embedded


def test_every_language_is_complete() -> None:
    assert sorted(LANGUAGES) == TRANSLATED


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_language_renders_its_headings_and_dates(language: str, tmp_path: Path) -> None:
    data = replace(sample_agreement(), document_language=language)
    data = replace(data, programme=replace(data.programme, end=date(2026, 12, 4)))
    text = " ".join(pdf_text(render_agreement(data), tmp_path).split())
    labels = texts(language)["labels"]
    for key in ("section.programme", "section.host", "section.signatures", "heading.sending"):
        assert labels[key] in text, key
    day = (
        "4 December 2026"
        if language == "en"
        else format_date(data.programme.end, "long", locale=language)
    )
    assert day in text


def test_a_bilingual_agreement_holds_both_languages_section_by_section(tmp_path: Path) -> None:
    data = replace(sample_agreement(), document_language="de+EN")
    with pytest.raises(VipdeskError, match="English and one other"):
        render_agreement(replace(data, document_language="de+pl"))
    text = " ".join(pdf_text(render_agreement(data), tmp_path).split())
    for heading in (
        "1. Die Parteien / The parties",
        "2. Das Praktikumsprogramm (Tabelle A) / The traineeship programme (Table A)",
        "8. Unterschriften / Signatures",
    ):
        assert heading in text
    assert texts("de")["intro"] in text and texts("en")["intro"] in text
    # What people entered is there once: the traineeship's title is no fixed text.
    assert text.count(data.programme.title) == 1
    assert "Seite 1 von" in text and "Seite / Page" not in text  # the page footer: once
    # The title in each language's own words, not "virtuelles / virtual Praktikum".
    mode = data.programme.mode.value
    german, english = texts("de")["labels"], texts("en")["labels"]
    assert f"{german['mode.' + mode]} / {english['mode.' + mode]}" not in text
